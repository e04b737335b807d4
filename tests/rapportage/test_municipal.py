"""The municipality's report: the definitions, the suppression on every format, the region,
the desk's reference rate, and the files."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.roles import Role
from koppelingen.models import TaskReport
from rapportage.models import SocialValueRate
from rapportage.municipal import build_municipal_report, municipal_tables, social_value
from rapportage.suppression import HIDDEN, SMALL
from sociale_kaart.models import Theme
from tests.factories import user_with_role

from . import factories as f
from .factories import at
from .test_overview import pdf_text

pytestmark = pytest.mark.django_db

URL = reverse("rapportage:municipal")


def report_of(user_villages, year=2025):
    return build_municipal_report(user_villages, year)


def table(report, key):
    return next(t for t in municipal_tables(report) if t.key == key)


def row(t, label):
    return [c.display_value for c in next(r for r in t.rows if r.label == label).cells]


def requests(village, n, category="vervoer", **fields):
    return [
        f.help_request(village, category, intake=at(2025, 3, 1 + i % 20), status="done", **fields)
        for i in range(n)
    ]


def report_done(request, volunteer, minutes, km=None, task_date=date(2025, 3, 5)):
    match = f.match(request, volunteer, accepted=at(2025, 3, 2), task_date=task_date)
    return TaskReport.objects.create(
        assignment=match, outcome="done", minutes_spent=minutes, km_driven=km
    )


@pytest.fixture
def year(village):
    f.resident(village)
    wmo = f.organisation("municipality", "Wmo-loket Het Hogeland")
    welfare = f.organisation("welfare", "Stichting Welzijn")
    requests(village, 7, "vervoer", referred_by=welfare)
    requests(village, 3, "klus", referred_to=wmo)
    requests(village, 12, "tuin")
    return {"wmo": wmo, "welfare": welfare}


def test_requests_by_kind_hide_the_small_kind_and_one_more(village, year):
    t = table(report_of([village]), "requests_by_kind")
    assert row(t, "Klussen") == [SMALL]
    # 22 - 12 - 3 would give the 3 away: the next smallest goes too
    assert row(t, "Vervoer") == [HIDDEN]
    assert row(t, "Tuin") == [12] and row(t, "Totaal") == [22]


def test_referrals_to_and_from_organisations_by_name(village, year):
    report = report_of([village])
    assert row(table(report, "referred_by"), "Stichting Welzijn") == [7]
    # a single referral line with its total: both small, both "< 5"
    assert row(table(report, "referred_to"), "Wmo-loket Het Hogeland") == [SMALL]
    assert row(table(report, "referred_to"), "Totaal") == [SMALL]


def test_signals_count_under_each_theme_of_the_organisation(village, year):
    wonen, _ = Theme.objects.get_or_create(code="wonen", defaults={"name": "Wonen"})
    zorg, _ = Theme.objects.get_or_create(code="zorg", defaults={"name": "Zorg"})
    year["wmo"].themes.set([wonen, zorg])
    for day in range(1, 7):
        f.signal(village, year["wmo"], at(2025, 5, day))
    report = report_of([village])
    themes = table(report, "signals_by_theme")
    assert row(themes, "Wonen") == [6] and row(themes, "Zorg") == [6]
    assert not any(r.strong for r in themes.rows)  # no total: the themes overlap
    assert row(table(report, "signals_by_organisation"), "Wmo-loket Het Hogeland") == [6]


def test_requests_without_a_volunteer_and_why(village):
    f.resident(village)
    for i in range(6):
        r = f.help_request(village, "klus", intake=at(2025, 2, 1 + i), status="new")
        f.change(r, "rejected", at(2025, 2, 10 + i), reason="te_groot" if i < 5 else None)
    report = report_of([village])
    assert row(table(report, "without_volunteer"), "Afgewezen") == [6]
    reasons = table(report, "rejected_by_reason")
    assert [c.display_value for c in reasons.rows[-1].cells] == [6]
    assert SMALL in [c.display_value for r in reasons.rows for c in r.cells]


def test_hours_and_km_of_fewer_than_five_volunteers_are_hidden(village, year):
    rides = requests(village, 4, "vervoer")
    for n, ride in enumerate(rides):
        volunteer = f.volunteer(village, date(2020, 1, 1))
        report_done(ride, volunteer, minutes=90, km=Decimal("12.5") if n else None)
    effort = table(report_of([village]), "effort")
    assert row(effort, "Opgegeven uren") == [HIDDEN]
    assert row(effort, "Opgegeven kilometers") == [HIDDEN]
    assert row(effort, "Vrijwilligers die terugmeldden") == [SMALL]


def test_hours_and_km_add_up_what_was_reported_and_estimate_nothing(village, year):
    rides = requests(village, 6, "vervoer")
    for n, ride in enumerate(rides):
        volunteer = f.volunteer(village, date(2020, 1, 1))
        report_done(ride, volunteer, minutes=90 if n else None, km=Decimal("12.5"))
    effort = table(report_of([village]), "effort")
    assert row(effort, "Opgegeven uren") == [Decimal("7.5")]  # 5 × 1.5 h; one without time
    assert row(effort, "Opgegeven kilometers") == [Decimal("75.0")]
    assert "5 van 6 terugmeldingen noemen de tijd, 6 de afstand" in effort.note


def test_the_social_value_is_hours_times_the_desks_rate_with_its_source(village, year):
    for ride in requests(village, 5, "vervoer"):
        report_done(ride, f.volunteer(village, date(2020, 1, 1)), minutes=120, km=Decimal("10"))
    value = table(report_of([village]), "social_value")
    assert row(value, "Geschatte maatschappelijke waarde (€)") == [None]  # shown as "–"
    assert "geen referentietarief ingesteld" in value.note
    SocialValueRate.objects.create(
        village=village,
        hourly_rate=Decimal("15.00"),
        km_rate=Decimal("0.20"),
        source="Vrijwilligersbeleid gemeente 2025",
    )
    value = table(report_of([village]), "social_value")
    # 10 h × 15,00 + 50 km × 0,20
    assert row(value, "Geschatte maatschappelijke waarde (€)") == [Decimal("160.00")]
    assert "Vrijwilligersbeleid gemeente 2025" in value.note


def test_social_value_without_a_rate_is_none():
    assert social_value(Decimal("10"), Decimal("5"), None) is None


def test_the_region_column_cannot_give_a_village_away(village, other_village, year):
    f.resident(other_village)
    requests(other_village, 2, "tuin")
    report = report_of([village, other_village])
    t = table(report, "requests_by_kind")
    assert t.columns == ["Usquert", "Warffum", "Regio"]
    # Usquert's 2 gardens: Warffum's 12 would give it away from the region's 14
    assert row(t, "Tuin")[0] == SMALL and HIDDEN in row(t, "Tuin")[1:]


def test_building_the_report_takes_a_fixed_number_of_queries(
    village, other_village, year, django_assert_max_num_queries
):
    with django_assert_max_num_queries(16):
        municipal_tables(report_of([village, other_village]))


def test_a_village_without_reports_shows_zero_hours_not_a_hidden_cell(village, year):
    effort = table(report_of([village]), "effort")
    assert row(effort, "Opgegeven uren") == [Decimal("0.0")]


def test_the_page_shows_the_suppressed_tables_to_a_reader(
    client, reader, year, django_assert_max_num_queries
):
    client.force_login(reader)
    with django_assert_max_num_queries(30):
        page = client.get(URL, {"year": 2025})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Gemeenterapportage 2025" in html and "Hulpvragen naar soort" in html
    assert "&lt; 5" in html and "Stichting Welzijn" in html


def test_a_regional_reader_sees_the_region(client, village, other_village, year):
    client.force_login(user_with_role(Role.READER, village, other_village))
    html = client.get(URL, {"year": 2025}).content.decode()
    assert "Regio" in html and "Usquert" in html


def test_the_csv_holds_the_suppressed_cells_never_the_small_numbers(client, reader, year):
    client.force_login(reader)
    response = client.get(reverse("rapportage:municipal_csv"), {"year": 2025})
    text = response.content.decode("utf-8-sig")
    assert "Hulpvragen naar soort;Klussen;< 5" in text
    assert "Hulpvragen naar soort;Vervoer;x" in text
    assert "Hulpvragen naar soort;Totaal;22" in text
    assert ";3\r\n" not in text and ";7\r\n" not in text.split("Naar het loket")[0]
    assert response["Content-Disposition"].endswith('gemeenterapportage-warffum-2025.csv"')


def test_an_organisation_named_like_a_formula_is_plain_text_in_the_csv(client, reader, village):
    f.resident(village)
    odd = f.organisation("other", "=HYPERLINK(1)")
    requests(village, 5, "klus", referred_by=odd)
    client.force_login(reader)
    text = client.get(reverse("rapportage:municipal_csv"), {"year": 2025}).content.decode()
    assert ";'=HYPERLINK(1);5" in text


def test_the_pdf_can_be_handed_over(client, reader, year):
    client.force_login(reader)
    response = client.get(reverse("rapportage:municipal_pdf"), {"year": 2025})
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Gemeenterapportage 2025" in text and "Warffum" in text
    assert "Hulpvragen naar soort" in text and "< 5" in text
    assert "Basis voor een schatting van de maatschappelijke waarde" in text


def test_a_bad_year_goes_back_to_the_page(client, reader):
    client.force_login(reader)
    response = client.get(reverse("rapportage:municipal_pdf"), {"year": "tweeduizend"})
    assert response.status_code == 302 and response.url.startswith(URL)
    page = client.get(URL, {"year": "tweeduizend"})
    assert page.status_code == 200 and "Kies een jaar" in page.content.decode()


def test_the_coordinator_sets_the_rate_with_a_source(client, coordinator, village):
    client.force_login(coordinator)
    url = reverse("rapportage:social_value_rate", args=[village.slug])
    page = client.post(url, {"hourly_rate": "15,50", "km_rate": "", "source": ""})
    assert page.status_code == 200
    assert "Noem de bron van het tarief" in page.content.decode()
    assert 'value="15,50"' in page.content.decode()
    client.post(url, {"hourly_rate": "15,50", "km_rate": "0,23", "source": "Eigen beleid"})
    rate = SocialValueRate.objects.get(village=village)
    assert rate.hourly_rate == Decimal("15.50") and rate.updated_by == coordinator
