from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from uitleen import services
from uitleen.models import ItemStatus, Loan

from .factories import AidItemFactory, HandoutFactory, LoanFactory, ResidentFactory, aid_type

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_c(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def rollator(village):
    return AidItemFactory(village=village, label="Rollator 3", aid_type=aid_type("rollator"))


@pytest.fixture
def resident(village):
    return ResidentFactory(village=village, first_name="Trijntje", last_name="Wiersma")


def test_the_inventory_lists_items_with_their_borrower_in_few_queries(
    client_c, village, django_assert_max_num_queries
):
    for _ in range(6):
        LoanFactory(item__village=village)
    AidItemFactory.create_batch(4, village=village)
    with django_assert_max_num_queries(8):
        response = client_c.get(reverse("uitleen:inventory"))
    assert response.status_code == 200
    assert len(response.context["items"]) == 10


def test_the_inventory_shows_only_this_villages_items(client_c, village, other_village):
    AidItemFactory(village=village, label="Rolstoel Warffum")
    AidItemFactory(village=other_village, label="Rolstoel Usquert")
    content = client_c.get(reverse("uitleen:inventory")).content.decode()
    assert "Rolstoel Warffum" in content and "Rolstoel Usquert" not in content


def test_the_inventory_can_be_filtered_by_status(client_c, village, rollator):
    LoanFactory(item__village=village, item__label="Rolstoel 1", item__status=ItemStatus.ON_LOAN)
    response = client_c.get(reverse("uitleen:inventory"), {"status": "available"})
    assert [item.label for item in response.context["items"]] == ["Rollator 3"]


def test_lending_from_the_inventory_picks_the_resident_in_one_more_click(
    client_c, rollator, resident
):
    page = client_c.get(reverse("uitleen:lend"), {"item": rollator.pk, "q": "Wiersma"})
    assert page.status_code == 200
    assert "Trijntje Wiersma" in page.content.decode()

    today = timezone.localdate()
    response = client_c.post(
        reverse("uitleen:lend"),
        {"item": rollator.pk, "resident": resident.pk, "lent_on": today.isoformat(),
         "due_on": "", "notes": ""},
    )  # fmt: skip

    assert response.status_code == 302
    loan = Loan.objects.get(item=rollator)
    assert loan.resident == resident
    assert loan.due_on == today + timedelta(weeks=rollator.aid_type.default_loan_weeks)


def test_the_type_ahead_returns_only_the_results_for_htmx(client_c, resident, other_village):
    ResidentFactory(village=other_village, last_name="Wiersma", first_name="Anders")
    response = client_c.get(reverse("uitleen:lend"), {"q": "wiersma"}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert "Trijntje Wiersma" in content and "Anders" not in content
    assert "<html" not in content


def test_lending_from_a_resident_shows_the_available_aids_as_buttons(
    client_c, village, resident, rollator
):
    LoanFactory(item__village=village, item__label="Rolstoel 9", item__status=ItemStatus.ON_LOAN)
    response = client_c.get(reverse("uitleen:lend"), {"resident": resident.pk})
    content = response.content.decode()
    assert f'name="item" value="{rollator.pk}"' in content
    assert "Rolstoel 9" not in content


def test_a_resident_of_another_village_is_not_found_when_lending(client_c, other_village):
    stranger = ResidentFactory(village=other_village)
    assert client_c.get(reverse("uitleen:lend"), {"resident": stranger.pk}).status_code == 404


def test_lending_an_item_that_was_just_lent_shows_a_clear_message_and_keeps_the_input(
    client_c, village, rollator, resident
):
    services.loan_start(item=rollator, resident=ResidentFactory(village=village),
                        lent_on=date(2025, 3, 1))  # fmt: skip
    response = client_c.post(
        reverse("uitleen:lend"),
        {"item": rollator.pk, "resident": resident.pk, "lent_on": "2025-03-02",
         "notes": "Na heupoperatie"},
    )  # fmt: skip
    assert response.status_code == 200
    content = response.content.decode()
    assert "kan nu niet worden uitgeleend" in content
    assert "Na heupoperatie" in content
    assert Loan.objects.filter(item=rollator).count() == 1


def test_a_bad_date_gives_a_dutch_error_not_a_500(client_c, rollator, resident):
    response = client_c.post(
        reverse("uitleen:lend"),
        {"item": rollator.pk, "resident": resident.pk, "lent_on": "2025-03-10",
         "due_on": "2025-03-01"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "De terugbrengdatum kan niet vóór de uitleendatum liggen." in response.content.decode()
    assert not Loan.objects.exists()


def test_taking_back_returns_to_the_page_it_was_pressed_on(client_c, village):
    loan = LoanFactory(item__village=village, item__status=ItemStatus.ON_LOAN)
    back_to = f"/hulpvragen/inwoners/{loan.resident_id}/"
    response = client_c.post(reverse("uitleen:loan_return", args=[loan.pk]), {"next": back_to})
    assert response.status_code == 302 and response.url == back_to
    loan.refresh_from_db()
    assert loan.returned_on == timezone.localdate()


def test_taking_back_ignores_a_next_address_on_another_site(client_c, village):
    loan = LoanFactory(item__village=village, item__status=ItemStatus.ON_LOAN)
    response = client_c.post(
        reverse("uitleen:loan_return", args=[loan.pk]), {"next": "https://example.com/"}
    )
    assert response.url == reverse("uitleen:inventory")


def test_the_overdue_page_lists_late_loans_in_few_queries(
    client_c, village, django_assert_max_num_queries
):
    yesterday = timezone.localdate() - timedelta(days=1)
    for _ in range(5):
        LoanFactory(item__village=village, lent_on=yesterday - timedelta(days=50), due_on=yesterday)
    LoanFactory(item__village=village, due_on=timezone.localdate())
    with django_assert_max_num_queries(8):
        response = client_c.get(reverse("uitleen:overdue"))
    assert len(response.context["loans"]) == 5
    assert response.context["loans"][0].days_overdue == 1


def test_adding_an_item_with_a_label_in_use_shows_the_error(client_c, rollator):
    response = client_c.post(
        reverse("uitleen:item_create"),
        {"aid_type": rollator.aid_type.pk, "label": "Rollator 3", "condition": "good"},
    )
    assert response.status_code == 200
    assert "Er is al een hulpmiddel met deze naam of dit nummer." in response.content.decode()


def test_putting_an_item_in_repair_takes_it_off_the_lend_page(client_c, rollator):
    client_c.post(reverse("uitleen:item_status", args=[rollator.pk]), {"status": "maintenance"})
    rollator.refresh_from_db()
    assert rollator.status == ItemStatus.MAINTENANCE
    response = client_c.get(reverse("uitleen:lend"))
    assert rollator not in list(response.context["available_items"])


def test_extending_a_loan_saves_the_new_date(client_c, village):
    loan = LoanFactory(item__village=village, lent_on=date(2025, 1, 1), due_on=date(2025, 2, 1))
    response = client_c.post(
        reverse("uitleen:loan_edit", args=[loan.pk]), {"due_on": "2025-03-01", "notes": ""}
    )
    assert response.status_code == 302
    loan.refresh_from_db()
    assert loan.due_on == date(2025, 3, 1)


def test_counting_a_handout_with_bad_input_keeps_what_was_typed(client_c, village):
    handout = HandoutFactory(village=village, name="Poepzakjes")
    response = client_c.post(
        reverse("uitleen:handout_count", args=[handout.pk]),
        {"quantity": "0", "handed_out_on": "2025-02-03", "note": "Bij de inloop"},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Bij de inloop" in content
    assert not handout.counts.exists()


def test_counting_a_handout_adds_to_the_years_total(client_c, village):
    handout = HandoutFactory(village=village, name="Poepzakjes")
    today = timezone.localdate()
    client_c.post(
        reverse("uitleen:handout_count", args=[handout.pk]),
        {"quantity": "12", "handed_out_on": today.isoformat()},
    )
    response = client_c.get(reverse("uitleen:handouts"))
    ((row, _form),) = response.context["rows"]
    assert row.counted == 12


def test_the_handouts_page_uses_few_queries(client_c, village, django_assert_max_num_queries):
    HandoutFactory.create_batch(5, village=village)
    with django_assert_max_num_queries(8):
        assert client_c.get(reverse("uitleen:handouts")).status_code == 200


def test_the_resident_include_shows_loans_with_a_take_back_button(rf, village, coordinator):
    from django.template.loader import render_to_string

    from uitleen.selectors import loans_for_resident

    loan = LoanFactory(item__village=village, item__label="Krukken 2")
    request = rf.get(f"/hulpvragen/inwoners/{loan.resident_id}/")
    request.user = coordinator
    html = render_to_string(
        "uitleen/_resident_loans.html",
        {"resident": loan.resident, "resident_loans": loans_for_resident(loan.resident)},
        request=request,
    )
    assert "Krukken 2" in html
    assert reverse("uitleen:loan_return", args=[loan.pk]) in html
    assert f'value="/hulpvragen/inwoners/{loan.resident_id}/"' in html


def test_the_lend_page_lists_available_aids_in_few_queries(
    client_c, village, resident, django_assert_max_num_queries
):
    AidItemFactory.create_batch(8, village=village)
    with django_assert_max_num_queries(8):
        response = client_c.get(reverse("uitleen:lend"), {"resident": resident.pk})
    assert len(response.context["available_items"]) == 8


def test_starting_to_lend_an_aid_that_is_out_says_so(client_c, village):
    loan = LoanFactory(item__village=village, item__status=ItemStatus.ON_LOAN)
    response = client_c.get(reverse("uitleen:lend"), {"item": loan.item_id}, follow=True)
    assert response.status_code == 200
    assert "kan nu niet worden uitgeleend" in response.content.decode()
    assert response.context["item"] is None
