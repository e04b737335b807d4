"""The candidates' list items built in Python (koppelingen.candidate_html): every value from a
person or the database escaped, and the pieces it makes once per list the same for every
candidate that shares them."""

from types import SimpleNamespace

import pytest
from django.utils import translation

from koppelingen.candidate_html import CandidateList
from koppelingen.ranking import AGAINST, FOR, CandidateFacts, Reason

SNEAKY = "van 't Hof <script>alert(1)</script>"


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def candidate(pk=7, *, name=SNEAKY, home="", score=1.5, channel="email", reasons=(), excluded=()):
    reasons = list(reasons)
    return SimpleNamespace(
        facts=CandidateFacts(volunteer_id=pk, name=name, offers=frozenset(), home_village=home),
        score=score,
        asked_by=channel,
        tell_apart="Kerkstraat & Zn · 06 12 34 56 78",
        reasons_for=[r for r in reasons if r.side == FOR],
        reasons_against=[r for r in reasons if r.side == AGAINST],
        excluded_because=list(excluded),
    )


def test_the_name_the_tell_apart_and_the_reasons_are_escaped():
    reasons = [Reason(0, "Rijdt <b>ver</b> & vaak", FOR), Reason(0, "Zegt 'nee' <i>", AGAINST)]
    html = CandidateList([]).html(candidate(reasons=reasons))
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert "van &#x27;t Hof &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Kerkstraat &amp; Zn · 06 12 34 56 78" in html
    assert "Rijdt &lt;b&gt;ver&lt;/b&gt; &amp; vaak</li>" in html
    assert "Zegt &#x27;nee&#x27; &lt;i&gt;</li>" in html
    assert 'class="col-md-6 reasons-against"' in html


def test_an_excluded_candidate_shows_its_reasons_escaped_and_no_score():
    html = CandidateList([]).html(candidate(excluded=["Biedt <dit> niet & zo"]), is_excluded=True)
    assert "<li>✕ Biedt &lt;dit&gt; niet &amp; zo</li>" in html
    assert 'title="score"' not in html
    assert "text-muted" in html.split(">", 1)[0]


def test_a_volunteer_from_elsewhere_shows_the_home_village_escaped_and_no_address():
    html = CandidateList([]).html(candidate(home="Dorp & <Co>", channel="call"))
    assert "uit Dorp &amp; &lt;Co&gt;</span>" in html
    assert "telefonisch, via het loket van Dorp &amp; &lt;Co&gt;" in html
    assert "Kerkstraat" not in html
    assert 'href="/vrijwilligers/uit-ander-dorp/7/"' in html


def test_pieces_made_once_serve_every_candidate_that_shares_them():
    listed = CandidateList([8])
    shared = Reason(0, "Biedt deze soort hulp aan (Vervoer & meer)", FOR)
    first = listed.html(candidate(7, name="Anna", home="Ezinge", reasons=[shared]))
    second = listed.html(candidate(8, name="Bert", home="Ezinge", reasons=[shared]))
    for html in (first, second):
        assert "Vervoer &amp; meer)</li>" in html
        assert "uit Ezinge</span>" in html
    assert 'href="/vrijwilligers/uit-ander-dorp/7/"' in first
    assert 'href="/vrijwilligers/uit-ander-dorp/8/"' in second
    assert " disabled" not in first and 'id="ask-8" disabled>' in second
    assert "al gevraagd" in second and "al gevraagd" not in first


def test_a_score_of_minus_zero_is_written_apart_from_zero():
    listed = CandidateList([])
    zero = listed.html(candidate(1, score=0.0))
    minus_zero = listed.html(candidate(2, score=-0.0))
    assert 'title="score">0</span>' in zero
    assert 'title="score">-0</span>' in minus_zero


def test_the_list_is_the_items_one_after_the_other():
    listed = CandidateList([])
    people = [candidate(1, name="Anna"), candidate(2, name="Bert")]
    assert listed.html_of(people) == listed.html(people[0]) + listed.html(people[1])
    assert listed.html_of([]) == ""
