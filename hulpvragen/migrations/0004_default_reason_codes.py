from django.db import migrations

# Sensible defaults; the beheerder can rename, reorder, deactivate or add to them. Codes are
# stable: the triage rules (hulpvragen.triage) and the yearly overview use them.
DEFAULT_REASON_CODES = [
    ("informed", "eigen_netwerk", "Eigen netwerk kan helpen"),
    ("informed", "informatie_volstaat", "Informatie of advies was genoeg"),
    ("referred", "professionele_zorg", "Professionele zorg nodig"),
    ("referred", "structureel", "Structureel en te intensief"),
    ("referred", "buiten_werkgebied", "Buiten ons werkgebied"),
    ("referred", "andere_organisatie", "Past beter bij een andere organisatie"),
    ("rejected", "te_groot", "Te groot of te zwaar"),
    ("rejected", "concurrentie", "Concurrentie met een bedrijf"),
    ("rejected", "niet_passend", "Past niet bij vrijwilligerswerk"),
    ("rejected", "overig_afgewezen", "Andere reden"),
    ("cancelled", "geen_vrijwilliger", "Geen vrijwilliger gevonden"),
    ("cancelled", "afgezegd", "Afgezegd door de hulpvrager"),
    ("cancelled", "zelf_geregeld", "Zelf al geregeld"),
    ("cancelled", "ziek_of_opgenomen", "Ziek of opgenomen"),
    ("cancelled", "overig_vervallen", "Andere reden"),
]


def add_defaults(apps, schema_editor):
    ReasonCode = apps.get_model("hulpvragen", "ReasonCode")
    for order, (applies_to, code, label) in enumerate(DEFAULT_REASON_CODES, start=1):
        ReasonCode.objects.get_or_create(
            code=code, defaults={"label": label, "applies_to": applies_to, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("hulpvragen", "0003_residents_requests")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
