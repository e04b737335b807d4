"""The social map list's cards and filter fields built in Python (sociale_kaart.list_html)."""

import re
from datetime import date
from decimal import Decimal

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from sociale_kaart.filters import OrganisationFilter
from sociale_kaart.list_html import (
    OrganisationCards,
    filter_field,
    filter_fields,
    page_html,
    results_html,
)
from sociale_kaart.models import Organisation, Theme
from sociale_kaart.selectors import CardRow

from .factories import ContactPersonFactory, OrganisationFactory, theme

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 3)
FILTERS = OrganisationFilter.base_filters
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
        "theme=0&kind=&stale=false&archived=xyz",
    ],
)
def test_each_filter_field_is_crispys_field_apart_from_whitespace(query):
    zorg = theme("zorg")
    theme("geld")
    for language in ("nl", "en"):
        with translation.override(language):
            form = _form(query.replace("THEME", str(zorg.pk)))
            page_fields = filter_fields(_form(query.replace("THEME", str(zorg.pk))), FILTERS)
            for name in form.fields:
                built = filter_field(form[name])
                expected = as_crispy_field(_form(query.replace("THEME", str(zorg.pk)))[name])
                assert _squeezed(built) == _squeezed(expected), (language, name)
                assert _squeezed(page_fields[name]) == _squeezed(expected), (language, name)


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


def _page(found: int, number: int, per_page: int = 3):
    from django.core.paginator import Paginator

    return Paginator(list(range(found)), per_page).get_page(number)


def test_the_results_link_the_pages_with_the_search_kept_escaped():
    cards = mark_safe('<li class="card mb-3">één</li>')
    with translation.override("nl"):
        html = _squeezed(results_html(_page(7, 2), cards, "q=a%26b&kind=gp"))
    assert html.startswith('<p class="text-muted">7 organisaties</p>')
    assert '<ul class="list-unstyled organisation-list"><li class="card mb-3">één</li></ul>' in html
    assert '<nav aria-label="Pagina\'s">' in html
    assert '<a class="page-link" href="?q=a%26b&amp;kind=gp&amp;page=1">Vorige</a>' in html
    assert '<span class="page-link">Pagina 2 van 3</span>' in html
    assert '<a class="page-link" href="?q=a%26b&amp;kind=gp&amp;page=3">Volgende</a>' in html


def test_the_first_of_one_page_has_no_page_links_and_none_found_says_so():
    with translation.override("nl"):
        one = _squeezed(results_html(_page(1, 1), mark_safe("<li>x</li>"), ""))
        first = _squeezed(results_html(_page(4, 1), mark_safe("<li>x</li>"), ""))
        none = _squeezed(results_html(_page(0, 1), mark_safe(""), "q=zzz"))
    assert one.startswith('<p class="text-muted">1 organisatie</p>') and "<nav" not in one
    assert "Vorige" not in first and 'href="?page=2">Volgende</a>' in first
    assert "<ul" not in none
    assert '<div class="empty-state"><p class="mb-0">Geen organisaties gevonden.</p></div>' in none


def test_the_page_escapes_the_village_and_shows_the_counts_that_ask_for_attention():
    fields = {name: mark_safe(f"<i>{name}</i>") for name in FIELDS}
    with translation.override("nl"):
        html = _squeezed(
            page_html(
                village_name=NASTY,
                stale_count=1,
                proposal_count=2,
                fields=fields,
                results=mark_safe("<p>results</p>"),
            )
        )
        quiet = page_html(
            village_name="Warffum", stale_count=0, proposal_count=0, fields=fields, results=""
        )
    assert "<script>" not in html
    assert "Sociale kaart van van &#x27;t Hof &lt;script&gt;" in html
    assert "<span>1 organisatie is al een jaar niet gecontroleerd.</span>" in html
    assert "<span>2 organisaties stuurden een correctie van hun vermelding.</span>" in html
    for name in FIELDS:
        assert f"<i>{name}</i>" in html
    assert '<div id="organisation-results" aria-live="polite"><p>results</p></div>' in html
    assert "alert" not in quiet


FIELDS = ("q", "theme", "kind", "stale", "archived")


@pytest.mark.parametrize("typed", ["{pk}", "0{pk}", " {pk} ", "+{pk}"])
def test_a_theme_is_taken_as_its_id_as_int_reads_it(typed):
    zorg = theme("zorg")
    filterset = OrganisationFilter(
        QueryDict(f"theme={typed.format(pk=zorg.pk)}"), queryset=Organisation.objects.none()
    )
    assert filterset.wanted()["theme_id"] == zorg.pk


@pytest.mark.parametrize("typed", ["999999", "abc", " ", "1.0"])
def test_another_theme_is_refused_with_the_model_choice_message(typed):
    from django import forms

    inactive = theme("geld")
    Theme.objects.filter(pk=inactive.pk).update(is_active=False)
    for value in (typed, str(inactive.pk)):
        filterset = OrganisationFilter(
            QueryDict(f"theme={value}"), queryset=Organisation.objects.none()
        )
        assert filterset.form.errors["theme"] == [
            str(forms.ModelChoiceField.default_error_messages["invalid_choice"])
        ]
        assert filterset.wanted()["theme_id"] is None


@pytest.mark.parametrize(
    "query", ["", "q=zorg", "theme=THEME&kind=gp&stale=on", "theme=999999&kind=bogus"]
)
def test_the_kept_filter_form_is_the_forms_own_markup_and_values(query, django_assert_num_queries):
    from sociale_kaart.filters import active_theme_choices, form_wants, wants
    from sociale_kaart.list_html import _read_filter_form, read_filter_form

    zorg = theme("zorg")
    query = query.replace("THEME", str(zorg.pk))
    _read_filter_form.cache_clear()
    with translation.override("nl"):
        themes = active_theme_choices()
        with django_assert_num_queries(0):
            fields, cleaned = read_filter_form(QueryDict(query), themes)
            again = read_filter_form(QueryDict(query), themes)
        form = _form(query)
        expected = filter_fields(form, FILTERS)
    assert again == (fields, cleaned) and _read_filter_form.cache_info().hits == 1
    assert {name: _squeezed(html) for name, html in fields.items()} == {
        name: _squeezed(html) for name, html in expected.items()
    }
    assert wants(cleaned, today=TODAY) == form_wants(form, today=TODAY)


def test_a_theme_added_makes_a_new_filter_form():
    from sociale_kaart.filters import active_theme_choices
    from sociale_kaart.list_html import read_filter_form

    theme("zorg")
    with translation.override("nl"):
        before, _ = read_filter_form(QueryDict(""), active_theme_choices())
        Theme.objects.create(code="sport", name="Sport & <spel>", order=99)
        after, _ = read_filter_form(QueryDict(""), active_theme_choices())
    assert "Sport &amp; &lt;spel&gt;" in after["theme"] and "Sport" not in before["theme"]
