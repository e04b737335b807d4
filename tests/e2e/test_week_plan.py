"""The week planner at laptop size on the demo village: plan next week's requests in one
screen, fix one choice, leave one request out, plan again and send all invitations; the page
passes axe."""

from datetime import time, timedelta
from decimal import Decimal

from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Village
from hulpvragen.lifecycle import Status
from hulpvragen.models import Resident
from koppelingen.models import Invitation
from tests.hulpvragen.factories import HelpRequestFactory, category

from .test_accessibility import OPTIONS

DEMO_PASSWORD = "dorpsloket-demo"


def _working_day(days: int):
    day = timezone.localdate() + timedelta(days=days)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _open_requests(village):
    """Three rides in the coming days for demo residents, nobody asked yet."""
    residents = list(Resident.objects.filter(village=village).order_by("pk")[:3])
    return [
        HelpRequestFactory(
            village=village,
            resident=resident,
            category=category("vervoer"),
            description="Naar de fysiotherapeut",
            destination_text="Fysiotherapie Winsum",
            distance_km=Decimal("9"),
            needed_on=_working_day(2 + i),
            time_from=time(10, 0),
            status=Status.SEARCHING,
        )
        for i, resident in enumerate(residents)
    ]


def test_coordinator_plans_the_week_fixes_one_leaves_one_out_and_sends(
    laptop, live_server, login, demo_coordinator
):
    village = Village.objects.get(slug="warffum")
    first, second, third = _open_requests(village)
    login(laptop, demo_coordinator, password=DEMO_PASSWORD)
    laptop.get_by_role("link", name="Weekplanning").click()  # on the board
    expect(laptop.get_by_role("heading", level=1)).to_have_text("Weekplanning")
    for request in (first, second, third):
        row = laptop.locator(f"#plan-{request.pk}")
        expect(row).to_be_visible()
        expect(row.get_by_label("Voorgestelde vrijwilliger")).not_to_have_value("")
        expect(row.locator(".reasons-for")).not_to_be_empty()
    expect(laptop.locator(f"#plan-{first.pk} .alternatives li")).to_have_count(2)
    assert Axe().run(laptop, options=OPTIONS).response["violations"] == []

    proposed = laptop.locator(f"#plan-{first.pk}").get_by_label("Voorgestelde vrijwilliger")
    chosen = proposed.input_value()
    laptop.locator(f"#plan-{first.pk}").get_by_label(
        "Deze keuze vasthouden bij opnieuw plannen"
    ).check()
    laptop.locator(f"#plan-{second.pk}").get_by_label("Niet in deze planning").check()
    laptop.get_by_role("button", name="Opnieuw plannen").click()

    expect(laptop.locator(f"#plan-{second.pk}")).to_have_count(0)
    expect(laptop.locator("#left-out")).to_contain_text("niet ingepland")
    fixed_row = laptop.locator(f"#plan-{first.pk}")
    expect(fixed_row.get_by_label("Voorgestelde vrijwilliger vastgezet")).to_have_value(chosen)
    expect(fixed_row.locator(".badge", has_text="vastgezet")).to_be_visible()
    third_volunteer = (
        laptop.locator(f"#plan-{third.pk}").get_by_label("Voorgestelde vrijwilliger").input_value()
    )
    assert Axe().run(laptop, options=OPTIONS).response["violations"] == []

    # The demo's own open requests of the week are in the plan too: everyone proposed is asked.
    proposed_count = laptop.locator("select.pick").evaluate_all(
        "selects => selects.filter(s => s.value).length"
    )
    assert proposed_count >= 2
    laptop.get_by_role("button", name="Stuur alle uitnodigingen").click()
    expect(laptop.locator(".alert-success")).to_contain_text(
        f"{proposed_count} uitnodigingen verstuurd."
    )
    asked = set(
        Invitation.objects.values_list("help_request_id", "volunteer_id").filter(
            help_request__in=[first, second, third]
        )
    )
    assert asked == {(first.pk, int(chosen)), (third.pk, int(third_volunteer))}
    # What was sent waits for answers; the request left out is on the planner again.
    expect(laptop.locator(f"#plan-{first.pk}")).to_have_count(0)
    expect(laptop.locator(f"#plan-{second.pk}")).to_be_visible()
