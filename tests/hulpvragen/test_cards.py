"""The board's card, built in Python (hulpvragen.cards): what a coordinator reads on it."""

import re
from datetime import date, time, timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone
from django.utils.html import format_html

from hulpvragen import cards, selectors, views
from hulpvragen.lifecycle import (
    NEEDS_REFERRAL,
    Status,
    backward_transitions,
    forward_transitions,
)
from hulpvragen.models import HelpRequest
from hulpvragen.urgency import is_overdue

from .factories import HelpRequestFactory, ResidentFactory

pytestmark = pytest.mark.django_db


def _card(help_request, **kwargs):
    [card] = selectors.card_rows(HelpRequest.objects.filter(pk=help_request.pk))
    cards.decorate([card], timezone.now())
    request = RequestFactory().get("/")
    views._with_card_html(request, [card], views._reasons(), **kwargs)
    return str(card.html)


def test_a_name_and_text_are_escaped_and_shown(village):
    resident = ResidentFactory(village=village, first_name="Jan", last_name="van 't Hof")
    request = HelpRequestFactory(resident=resident, description="<script>x</script> & meer")
    html = _card(request)
    assert "van &#x27;t Hof" in html
    assert "&lt;script&gt;x&lt;/script&gt; &amp; meer" in html
    assert "<script>" not in html
    assert f'href="/hulpvragen/{request.pk}/"' in html
    assert f'hx-post="/hulpvragen/{request.pk}/status/"' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_a_long_wait_says_how_many_days(village):
    request = HelpRequestFactory(resident=ResidentFactory(village=village))
    HelpRequest.objects.filter(pk=request.pk).update(created_at=timezone.now() - timedelta(days=9))
    html = _card(request)
    assert "is-overdue" in html
    assert '<strong class="text-danger">Wacht te lang (9 dagen)</strong>' in html


def test_the_day_and_time_of_a_one_off_request(village):
    request = HelpRequestFactory(
        resident=ResidentFactory(village=village),
        needed_on=date(2025, 3, 4),
        time_from=time(9, 30),
    )
    html = _card(request)
    assert "di 4 mrt 2025 09:30" in html


def test_after_a_refused_move_what_was_chosen_stays_chosen(village):
    request = HelpRequestFactory(resident=ResidentFactory(village=village), status=Status.NEW)
    reason = next(r for r in views._reasons() if r.applies_to == Status.REJECTED)
    html = _card(
        request,
        error="Kies een reden.",
        chosen={"to": Status.REJECTED, "reason": str(reason.pk), "note": "belt <terug>"},
    )
    assert f'<option value="{reason.pk}" data-applies-to="rejected" selected>' in html
    assert '<option value="rejected" data-needs-reason selected>' in html
    assert '<details class="mt-1 small" open>' in html
    assert "belt &lt;terug&gt;</textarea>" in html
    assert 'role="alert">Kies een reden.</p>' in html


def test_a_card_row_has_the_names_the_models_give(village, coordinator):
    resident = ResidentFactory(
        village=village, first_name="Jan", last_name="de Vries", house_number_addition="a"
    )
    request = HelpRequestFactory(resident=resident, assigned_to=coordinator)
    unassigned = HelpRequestFactory(resident=ResidentFactory(village=village))
    rows = selectors.card_rows(
        HelpRequest.objects.filter(pk__in=[request.pk, unassigned.pk]).order_by("pk")
    )
    assert [row.pk for row in rows] == [request.pk, unassigned.pk]
    row = rows[0]
    assert row.resident_id == resident.pk
    assert row.resident_name == resident.full_name == "Jan de Vries"
    assert row.house == resident.house == f"{resident.house_number}a"
    assert row.street == resident.street
    assert row.category_name == request.category.name
    assert row.assigned_name == coordinator.get_short_name() == "Anneke"
    assert rows[1].assigned_to_id is None and rows[1].assigned_name == ""


def test_the_coordinator_and_the_category_are_escaped(village):
    from accounts.models import User

    user = User.objects.create(email="k@example.org", full_name="<b>Kees</b> & co")
    html = _card(HelpRequestFactory(resident=ResidentFactory(village=village), assigned_to=user))
    assert '<span class="text-muted">· &lt;b&gt;Kees&lt;/b&gt;</span>' in html
    assert "<b>" not in html


def test_cards_with_the_same_moves_share_a_form_that_holds_each_cards_own_pk(village):
    first, second = (
        HelpRequestFactory(resident=ResidentFactory(village=village), status=Status.SEARCHING)
        for _ in range(2)
    )
    rows = cards.decorate(
        selectors.card_rows(HelpRequest.objects.filter(pk__in=[first.pk, second.pk])),
        timezone.now(),
    )
    kit = cards.CardKit.build(csrf_input="", reason_options=views._reason_options([]))
    for row in rows:
        shared = str(kit.quick_form(row))
        _, url = kit.urls_for(row.pk)
        own = cards._quick_form(row.pk, url, row.quick_moves, row.back_moves, kit, "", {})
        assert shared == str(own)
        assert f'id="to-{row.pk}"' in shared and f'hx-post="/hulpvragen/{row.pk}/status/"' in shared
        assert "\x00" not in shared
    assert len(kit._forms) == 1


def test_a_quick_form_kept_for_many_pages_holds_each_pages_own_csrf_field(village):
    help_request = HelpRequestFactory(
        resident=ResidentFactory(village=village), status=Status.SEARCHING
    )
    [row] = cards.decorate(
        selectors.card_rows(HelpRequest.objects.filter(pk=help_request.pk)), timezone.now()
    )
    options = views._reason_options(views._reasons())
    forms = []
    for token in ("first-token", "second-token"):
        csrf = format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)
        kit = cards.CardKit.build(csrf_input=csrf, reason_options=options)
        form = str(kit.quick_form(row))
        _, url = kit.urls_for(row.pk)
        assert form == str(
            cards._quick_form(row.pk, url, row.quick_moves, row.back_moves, kit, "", {})
        )
        assert csrf in form and "\x01" not in form and "\x00" not in form
        forms.append(form)
    assert forms[0].replace("first-token", "second-token") == forms[1]


def test_decorate_gives_the_moves_of_each_status(village):
    new, searching = (
        HelpRequestFactory(resident=ResidentFactory(village=village), status=status)
        for status in (Status.NEW, Status.SEARCHING)
    )
    rows = {
        row.pk: row
        for row in cards.decorate(
            selectors.card_rows(HelpRequest.objects.filter(pk__in=[new.pk, searching.pk])),
            timezone.now(),
        )
    }
    now = timezone.now()
    for request in (new, searching):
        row = rows[request.pk]
        onward = forward_transitions(request.status, recurring=request.is_recurring)
        assert [move[0] for move in row.quick_moves] == [
            status for status in onward if status not in NEEDS_REFERRAL
        ]
        assert [move[0] for move in row.back_moves] == list(
            backward_transitions(request.status, recurring=request.is_recurring)
        )
        assert all(label == str(Status(status).label) for status, label, *_ in row.quick_moves)
        assert row.overdue == is_overdue(
            urgency=request.urgency, status=request.status, created_at=request.created_at, now=now
        )
        assert row.waiting_days == (now - request.created_at).days
    assert rows[new.pk].quick_moves != rows[searching.pk].quick_moves


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_cards_dates_are_written_as_format_nl_date_writes_them(language):
    from django.utils import translation

    from accounts.templatetags.nl_format import format_nl_date

    with translation.override(language):
        kit = cards.CardKit.build(csrf_input="", reason_options="")
        today = kit.today
        days = [today + timedelta(days=n) for n in range(-400, 400, 3)]
        for day in [*days, date(999, 1, 5)]:
            assert kit.date(day) == format_nl_date(day, today=today)
            assert kit.date(day, weekday=True) == format_nl_date(day, "weekday", today=today)


def test_the_street_the_addition_and_the_kind_of_help_are_escaped(village):
    from hulpvragen.models import HelpCategory

    kind = HelpCategory.objects.create(code="x", name="Hond & <kat>")
    resident = ResidentFactory(
        village=village, street="<b>Dorpsstraat</b>", house_number=3, house_number_addition="&a"
    )
    html = _card(HelpRequestFactory(resident=resident, category=kind))
    assert '<p class="mb-1 small">&lt;b&gt;Dorpsstraat&lt;/b&gt; 3&amp;a' in html
    assert '<span class="text-muted fw-normal">· Hond &amp; &lt;kat&gt;</span>' in html
    assert "<b>" not in html and "<kat>" not in html


def test_a_kept_head_serves_the_same_card_again_and_a_changed_value_makes_a_new_one(village):
    resident = ResidentFactory(village=village, first_name="Jan", last_name="van 't Hof")
    request = HelpRequestFactory(resident=resident, description="Naar de huisarts")
    cards._head_html.cache_clear()

    def card():  # without the page's own CSRF token
        return re.sub(r'csrfmiddlewaretoken" value="[^"]+"', "", _card(request))

    first = card()
    again = card()
    assert again == first and cards._head_html.cache_info().hits == 1
    HelpRequest.objects.filter(pk=request.pk).update(description="Naar de tandarts, 0,8 km")
    changed = card()
    assert "Naar de tandarts, 0,8 km" in changed and "huisarts" not in changed
    assert changed == first.replace("Naar de huisarts", "Naar de tandarts, 0,8 km")
    HelpRequest.objects.filter(pk=request.pk).update(created_at=timezone.now() - timedelta(days=9))
    assert "Wacht te lang (9 dagen)" in card()
    assert cards._head_html.cache_info().misses == 3


def test_a_head_kept_in_one_language_is_not_shown_in_another(village):
    from django.utils import translation

    request = HelpRequestFactory(resident=ResidentFactory(village=village))
    HelpRequest.objects.filter(pk=request.pk).update(created_at=timezone.now() - timedelta(days=9))
    dutch = _card(request)
    with translation.override("en"):
        english = _card(request)
    assert "Wacht te lang (9 dagen)" in dutch
    assert "Waiting too long (9 days)" in english and "Wacht" not in english
