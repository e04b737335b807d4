"""The request page's parts built in Python (hulpvragen.request_page, accounts.crispy_fields)."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hulpvragen import request_page
from hulpvragen.forms import TransitionForm
from hulpvragen.lifecycle import Status
from koppelingen.selectors import MatchingLogRow, MatchRow, RequestMatching, TurnRow

from .factories import HelpRequestFactory, ResidentFactory, an_organisation

pytestmark = pytest.mark.django_db

NASTY = "van 't Hof <script>"


def _matching(**kwargs):
    values = {"assignments": [], "pending": 0, "log": [], "can_ask": False, "occurrences": []}
    return RequestMatching(**(values | kwargs))


def test_the_volunteers_names_and_the_log_are_escaped():
    at = timezone.make_aware(datetime(2025, 3, 4, 9, 30))
    html = str(
        request_page.matching_html(
            _matching(assignments=[MatchRow(NASTY, "done", "good")]), request_pk=7
        )
    )
    assert "<strong>van &#x27;t Hof &lt;script&gt;</strong> · gedaan · goed</p>" in html
    assert "<script>" not in html
    log = str(
        request_page.matching_log_html(
            [MatchingLogRow(at, "invited", 3, NASTY, "belt & mailt", "<b>Anneke</b>")]
        )
    )
    assert (
        "<li>4 mrt 2025 09:30 · gevraagd · van &#x27;t Hof &lt;script&gt; · belt &amp; mailt"
        " (&lt;b&gt;Anneke&lt;/b&gt;)</li>"
    ) in log
    assert "<script>" not in log and "<b>" not in log


def test_an_open_turn_says_nobody_yet_and_a_taken_one_names_the_volunteer():
    starts = timezone.make_aware(datetime(2025, 3, 4, 10, 0))
    html = str(
        request_page.matching_html(
            _matching(
                occurrences=[
                    TurnRow(starts, None, ""),
                    TurnRow(starts + timedelta(days=7), 5, "Jan Smit"),
                ]
            ),
            request_pk=7,
        )
    )
    assert "<li>di 4 mrt 2025 10:00 · <strong>open: nog niemand</strong></li>" in html
    assert "<li>di 11 mrt 2025 10:00 · Jan Smit</li>" in html
    assert "Nog geen vrijwilliger." in html


def test_the_way_to_the_candidates_stands_out_only_while_nobody_is_found():
    askable = str(request_page.matching_html(_matching(can_ask=True, pending=2), request_pk=7))
    assert 'class="btn btn-primary mt-2" href="/koppelen/hulpvraag/7/kandidaten/"' in askable
    assert "2 uitnodigingen wachten op antwoord." in askable
    found = str(
        request_page.matching_html(
            _matching(can_ask=True, assignments=[MatchRow("Jan", "active", None)]), request_pk=7
        )
    )
    assert 'class="btn btn-outline-primary mt-2"' in found
    assert "Jan</strong> · gepland</p>" in found
    assert str(request_page.matching_log_html([])) == ""


def test_the_status_form_offers_the_moves_reasons_and_organisations_escaped(village):
    an_organisation(village, name="Zorg & Welzijn <script>")
    help_request = HelpRequestFactory(
        resident=ResidentFactory(village=village), status=Status.SEARCHING
    )
    html = str(request_page.status_form_html(help_request))
    assert TransitionForm(help_request=help_request).fields["to"].choices == (
        TransitionForm.move_choices(help_request)
    )
    assert '<option value="matched">vrijwilliger gevonden</option>' in html
    assert '<optgroup label="Terug naar een eerdere stap">' in html
    assert '<option value="" selected>— kies de organisatie —</option>' in html
    assert ">Zorg &amp; Welzijn &lt;script&gt;</option>" in html
    assert "ging niet door: " in html
    assert '<input type="hidden" name="back_to" id="id_back_to">' in html
    assert "<script>" not in html


def test_the_request_page_shows_a_volunteer_named_with_markup_escaped(client, coordinator, village):
    from koppelingen import services
    from tests.koppelingen.factories import MatchableVolunteerFactory

    help_request = HelpRequestFactory(
        resident=ResidentFactory(village=village, last_name=NASTY), status=Status.SEARCHING
    )
    volunteer = MatchableVolunteerFactory(village=village, first_name="Jan", last_name=NASTY)
    services.invitations_send(help_request=help_request, volunteers=[volunteer], by=coordinator)
    client.force_login(coordinator)
    html = client.get(reverse("hulpvragen:request_detail", args=[help_request.pk])).content.decode()
    assert (
        "· gevraagd · Jan van &#x27;t Hof &lt;script&gt; · e-mail met een link (Anneke)</li>"
        in html
    )
    assert "1 uitnodiging wacht op antwoord." in html
    assert "<script>" not in html.split("</main>")[0].split("<main")[-1]


def test_the_logbook_reads_as_the_template_wrote_it_and_is_escaped(village, coordinator):
    from hulpvragen import selectors
    from hulpvragen.models import ReasonCode, StatusChange

    help_request = HelpRequestFactory(resident=ResidentFactory(village=village))
    reason = ReasonCode.objects.filter(applies_to=Status.REJECTED).first()
    StatusChange.objects.create(
        village=village,
        help_request=help_request,
        from_status=Status.NEW,
        kind=Status.REJECTED,
        by=coordinator,
        reason=reason,
        text="te zwaar & <script>",
    )
    rows = selectors.status_change_rows(help_request)
    assert [(row.from_status, row.kind, row.by) for row in rows] == [
        ("", Status.NEW, ""),
        (Status.NEW, Status.REJECTED, "Anneke Dijkstra"),
    ]
    html = str(request_page.logbook_html(rows))
    assert "<td>—</td><td>—</td><td>nieuw</td><td></td></tr>" in html
    assert (
        f"<td>Anneke Dijkstra</td><td>nieuw</td><td>afgewezen</td>"
        f"<td>{reason.label}: te zwaar &amp; &lt;script&gt;</td></tr>"
    ) in html
    assert "<script>" not in html
    assert "Nog niets vastgelegd." in str(request_page.logbook_html([]))


def test_the_unfiltered_board_form_follows_the_language_and_the_current_choices(
    village, coordinator
):
    from django.utils import translation

    from hulpvragen.filters import unbound_html
    from hulpvragen.models import HelpCategory

    with translation.override("nl"):
        dutch = str(unbound_html(village))
    with translation.override("en"):
        english = str(unbound_html(village))
    assert "Zoek op naam of straat" in dutch and "alle open" in dutch
    assert "Search name or street" in english and "all open" in english
    assert "Zoek op naam" not in english
    assert '<option value="null">niemand</option>' in dutch
    assert f'<option value="{coordinator.pk}">Anneke Dijkstra</option>' in dutch
    HelpCategory.objects.create(code="nieuw", name="Hond & kat <uitlaten>")
    with translation.override("nl"):
        again = str(unbound_html(village))
    assert ">Hond &amp; kat &lt;uitlaten&gt;</option>" in again


@pytest.mark.parametrize("needed", [0, 1, 2])
@pytest.mark.parametrize(
    "status", [Status.SEARCHING, Status.MATCHED, Status.ACTIVE, Status.TRIAGE, Status.CLOSED]
)
def test_the_pages_pending_count_is_still_waitings_count(village, coordinator, status, needed):
    from koppelingen import services
    from koppelingen.selectors import request_matching
    from koppelingen.waiting import still_waiting
    from tests.koppelingen.factories import MatchableVolunteerFactory

    help_request = HelpRequestFactory(
        resident=ResidentFactory(village=village), status=Status.SEARCHING
    )
    volunteers = [MatchableVolunteerFactory(village=village) for _ in range(3)]
    first, *_ = services.invitations_send(
        help_request=help_request, volunteers=volunteers, by=coordinator
    )
    services.invitation_accept(invitation=first)
    type(help_request).objects.filter(pk=help_request.pk).update(
        status=status, volunteers_needed=needed
    )
    help_request.refresh_from_db()
    expected = still_waiting(help_request.invitations.all()).count()
    assert request_matching(help_request).pending == expected
    if status == Status.MATCHED and needed == 2:
        assert expected == 2  # one said yes, two still asked, two needed


def test_a_request_that_can_make_no_move_has_no_status_form(village, django_assert_num_queries):
    closed = HelpRequestFactory(resident=ResidentFactory(village=village), status=Status.CLOSED)
    with django_assert_num_queries(0):
        assert str(request_page.status_form_html(closed)) == ""


def test_the_kept_status_form_follows_a_new_organisation_and_another_status(village):
    from hulpvragen.request_page import _status_form

    help_request = HelpRequestFactory(
        resident=ResidentFactory(village=village), status=Status.SEARCHING
    )
    _status_form.cache_clear()
    first = str(request_page.status_form_html(help_request))
    assert str(request_page.status_form_html(help_request)) == first
    assert _status_form.cache_info().hits == 1
    an_organisation(village, name="Huisartsenpraktijk van 't Hof")
    with_new = str(request_page.status_form_html(help_request))
    assert ">Huisartsenpraktijk van &#x27;t Hof</option>" in with_new
    assert "van &#x27;t Hof" not in first
    help_request.status = Status.MATCHED
    matched = str(request_page.status_form_html(help_request))
    assert '<option value="matched">' not in matched and matched != with_new
