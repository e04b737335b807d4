"""A coordinator's morning at 1366×768 on the demo: the board shows requests first with the
to-dos condensed, and a follow-up call is recorded through its form."""

from playwright.sync_api import expect

from hulpvragen.lifecycle import Status
from hulpvragen.models import HelpRequest
from meldingen.models import Todo
from tests.e2e.conftest import LAPTOP_1366


def test_board_shows_the_first_request_above_the_fold_and_the_condensed_todos(
    laptop, live_server, login, demo_coordinator
):
    login(laptop, demo_coordinator, password="dorpsloket-demo")
    laptop.goto(f"{live_server.url}/hulpvragen/")
    first_card = laptop.locator(".request-card").first
    expect(first_card).to_be_visible()
    box = first_card.bounding_box()
    assert box["y"] + 60 < LAPTOP_1366["height"], box  # its name and category show
    todos = laptop.locator("#board-todos li")
    expect(todos).to_have_count(3)
    expect(todos.first).to_contain_text("dagen te laat")
    count = Todo.objects.filter(village__slug="warffum", done_at__isnull=True).count()
    expect(laptop.locator(".board-todos h2")).to_contain_text(f"Te doen: {count}")
    laptop.get_by_role("link", name=f"Alle {count} taken").click()
    expect(laptop.get_by_role("heading", name="Te doen", exact=True)).to_be_visible()


def test_recording_a_follow_up_call_through_the_form(laptop, live_server, login, demo_coordinator):
    todo = next(
        (
            t
            for t in Todo.objects.filter(
                village__slug="warffum", kind=Todo.Kind.FOLLOW_UP, done_at__isnull=True
            )
            if HelpRequest.objects.get(pk=t.about["help_request"]).status == Status.DONE
        ),
        None,
    )
    assert todo is not None, "the demo has a done request waiting for its follow-up call"
    login(laptop, demo_coordinator, password="dorpsloket-demo")
    laptop.goto(f"{live_server.url}/te-doen/")
    row = laptop.locator(f"#todo-{todo.pk}")
    row.get_by_role("link", name="Vastleggen hoe het ging").click()
    expect(laptop.get_by_role("heading", name="Nabellen: hoe ging het?")).to_be_visible()
    laptop.get_by_label("matig").check()
    laptop.get_by_label("Notitie voor het logboek").fill("Hij was wat laat, verder prima")
    laptop.get_by_role("button", name="Gesprek vastleggen").click()
    expect(laptop.get_by_text("De hulpvraag is afgesloten.")).to_be_visible()
    expect(laptop.locator(f"#todo-{todo.pk}")).to_have_count(0)
    expect(laptop.locator("#todos-done")).to_contain_text(
        "Nagebeld: het ging matig – Hij was wat laat, verder prima"
    )
    request = HelpRequest.objects.get(pk=todo.about["help_request"])
    assert request.status == Status.CLOSED
    laptop.goto(
        f"{live_server.url}/koppelen/logboek/{todo.about['volunteer']}/{request.resident_id}/"
    )
    expect(laptop.locator("body")).to_contain_text("Nagebeld: het ging matig")
