"""The social map list's cards and filter fields built in Python (sociale_kaart.list_html)."""

import re
from datetime import date
from decimal import Decimal

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation

from sociale_kaart.filters import OrganisationFilter
from sociale_kaart.list_html import OrganisationCards, filter_field
from sociale_kaart.models import Organisation
from sociale_kaart.selectors import CardRow

from .factories import ContactPersonFactory, OrganisationFactory, theme

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 3)
NASTY = "van 't Hof <script>alert(1)</script> & Zn"


def _squeezed(html: str) -> str:
    """Runs of whitespace as one space, none between two tags."""
    return re.sub(r"\s+", " ", str(html)).replace("> <", "><").strip()


def _form(query: str):
    filterset = OrganisationFilter(
        QueryDict(query), queryset=Organisation.objects.all(), today=TODAY
    )
    filterset.is_valid()  # validates the form, as the view does
    return filterset.form


@pytest.mark.parametrize(
    "query",
    [
        "",
        "q=zorg",
        "q=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E+%26+co",
        "q=&theme=&kind=",
        "kind=gp&stale=on",
        "archived=on&stale=false",
        "theme=THEME&kind=municipality",
        "theme=999999&kind=bogus",  # errors: crispy itself
    ],
)
def test_each_filter_field_is_crispys_field_apart_from_whitespace(query):
    zorg = theme("zorg")
    theme("geld")
    for language in ("nl", "en"):
        with translation.override(language):
            form = _form(query.replace("THEME", str(zorg.pk)))
            for name in form.fields:
                built = filter_field(form[name])
                expected = as_crispy_field(_form(query.replace("THEME", str(zorg.pk)))[name])
                assert _squeezed(built) == _squeezed(expected), (language, name)


def test_the_search_box_keeps_what_was_typed_escaped():
    html = filter_field(_form("q=%22%3E%3Cscript%3E+%26")["q"])
    assert 'value="&quot;&gt;&lt;script&gt; &amp;"' in html
    assert "<script>" not in html


def test_the_chosen_options_are_selected_and_the_box_checked():
    zorg = theme("zorg")
    form = _form(f"theme={zorg.pk}&kind=gp&stale=on")
    assert f'<option value="{zorg.pk}" selected>' in filter_field(form["theme"])
    assert '<option value="gp" selected>' in filter_field(form["kind"])
    assert '<option value="" selected>' not in filter_field(form["kind"])
    assert " checked>" in filter_field(form["stale"])
    assert " checked" not in filter_field(form["archived"])


def _row(**values) -> CardRow:
    defaults = {
        "pk": 12,
        "name": "Dorpshuis",
        "kind": "welfare",
        "town": "Warffum",
        "phone": "0595 123 456",
        "is_archived": False,
        "last_verified_on": TODAY,
        "distance_km": Decimal("2.5"),
        "themes": ["Zorg", "Geld"],
        "fixed_contacts": ["Marieke"],
    }
    return CardRow(**{**defaults, **values})


def test_a_card_escapes_every_value():
    with translation.override("nl"):
        html = OrganisationCards(today=TODAY).html(
            _row(
                name=NASTY,
                town=NASTY,
                phone='06 "1" <2>',
                themes=[NASTY],
                fixed_contacts=[NASTY],
            )
        )
    assert "<script>" not in html
    assert html.count("van &#x27;t Hof &lt;script&gt;alert(1)&lt;/script&gt; &amp; Zn") == 4
    assert '<a href="tel:06 &quot;1&quot; &lt;2&gt;">06 &quot;1&quot; &lt;2&gt;</a>' in html


def test_a_card_shows_kind_town_distance_themes_and_contacts():
    with translation.override("nl"):
        html = _squeezed(OrganisationCards(today=TODAY).html(_row()))
    assert '<h2 class="h4 card-title mb-1"><a href="/sociale-kaart/12/">Dorpshuis</a></h2>' in html
    assert '<p class="mb-1 text-muted">welzijnsorganisatie · Warffum · 2,5 km</p>' in html
    assert html.count("badge rounded-pill") == 2
    assert "· Vaste contactpersoon: Marieke" in html
    assert "text-bg-warning" not in html and "text-bg-secondary" not in html


def test_a_card_without_town_distance_themes_or_phone_leaves_them_out():
    with translation.override("nl"):
        html = _squeezed(
            OrganisationCards(today=TODAY).html(
                _row(town="", distance_km=None, themes=[], phone="", fixed_contacts=[])
            )
        )
    assert '<p class="mb-1 text-muted">welzijnsorganisatie</p>' in html
    assert "badge" not in html and "tel:" not in html and "Vaste" not in html


@pytest.mark.parametrize(
    ("archived", "verified", "badge"),
    [
        (False, date(2025, 12, 3), None),
        (False, date(2025, 12, 2), "needs checking"),
        (False, None, "needs checking"),
        (True, None, "archived"),
    ],
)
def test_a_card_marks_archived_and_stale_entries(archived, verified, badge):
    with translation.override("en"):
        cards = OrganisationCards(today=TODAY)
    html = cards.html(_row(is_archived=archived, last_verified_on=verified))
    assert ("needs checking" in html) == (badge == "needs checking")
    assert (">archived<" in html) == (badge == "archived")


def test_the_list_page_shows_names_escaped(client, coordinator, village):
    client.force_login(coordinator)
    organisation = OrganisationFactory(
        name=NASTY, villages=[village], town="Warffum & Usquert", themes=[theme("zorg")]
    )
    ContactPersonFactory(organisation=organisation, name=NASTY, is_fixed_contact=True)
    for headers in ({}, {"HX-Request": "true"}):
        html = client.get(reverse("sociale_kaart:list"), {"q": "hof"}, headers=headers)
        html = html.content.decode()
        assert "<script>alert" not in html
        assert html.count("van &#x27;t Hof &lt;script&gt;alert(1)&lt;/script&gt; &amp; Zn") == 2
        assert "Warffum &amp; Usquert" in html
