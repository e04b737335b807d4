"""The board's card, built in Python (hulpvragen.cards): what a coordinator reads on it."""

from datetime import date, time, timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from hulpvragen import selectors, views
from hulpvragen.lifecycle import Status
from hulpvragen.models import HelpRequest

from .factories import HelpRequestFactory, ResidentFactory

pytestmark = pytest.mark.django_db


def _card(help_request, **kwargs):
    card = selectors.with_card_data(HelpRequest.objects.filter(pk=help_request.pk)).get()
    views._decorate([card], timezone.now())
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
