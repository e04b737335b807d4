"""The field register covers every field of every model of the project's own apps."""

from django.apps import apps
from django.db import models

from privacy.register import APPS, CLASSES, REGISTER, about_residents


def project_models():
    for app in APPS:
        yield from apps.get_app_config(app).get_models()


def own_fields(model):
    """The fields a model itself holds: concrete columns and its own many-to-many."""
    return {f.name for f in model._meta.concrete_fields} | {
        f.name for f in model._meta.many_to_many
    }


def test_every_model_of_the_project_is_in_the_register():
    labels = {m._meta.label for m in project_models()}
    assert labels - set(REGISTER) == set(), "models missing from privacy/register.py"
    assert set(REGISTER) - labels == set(), "models in the register that do not exist"


def test_every_field_is_classified_and_every_classified_field_exists():
    problems = []
    for model in project_models():
        label = model._meta.label
        fields = own_fields(model)
        classified = set(REGISTER[label].fields)
        problems += [f"{label}.{name} is not classified" for name in sorted(fields - classified)]
        problems += [f"{label}.{name} no longer exists" for name in sorted(classified - fields)]
    assert not problems, "\n".join(problems)


def test_every_class_is_one_of_the_four():
    for label, entry in REGISTER.items():
        for name, kind in entry.fields.items():
            assert kind in CLASSES, f"{label}.{name}: {kind}"


def _points_at(model, targets):
    return any(
        f.is_relation and f.concrete and f.related_model in targets
        for f in model._meta.get_fields()
    )


def test_every_model_related_to_a_resident_is_found_for_the_export():
    """Every model with a link to a resident, directly or through a request, match, loan,
    signal or invitation (any chain of links), says how its rows about a resident are found."""
    Resident = apps.get_model("hulpvragen", "Resident")
    related = {Resident}
    grew = True
    while grew:
        grew = False
        for model in project_models():
            if model not in related and _points_at(model, related):
                related.add(model)
                grew = True
    missing = {m._meta.label for m in related} - set(about_residents())
    assert not missing, f"related to a resident but not exported/erased: {sorted(missing)}"


def test_a_personal_text_field_is_never_classified_as_none_in_resident_models():
    """Free text in a model about residents may name them: never "none"."""
    for label in about_residents():
        model = apps.get_model(label)
        for name, kind in REGISTER[label].fields.items():
            field = model._meta.get_field(name)
            if isinstance(field, models.TextField):
                assert kind != "none", f"{label}.{name} is free text"
