"""The registry's filter form built in Python reads as crispy renders it (whitespace aside)."""

import re

import pytest
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import translation

from hulpvragen.models import HelpCategory
from vrijwilligers.filters import RegistryFilter
from vrijwilligers.models import Volunteer
from vrijwilligers.registry_form import filter_fields_html

pytestmark = pytest.mark.django_db


def squeeze(markup: str) -> str:
    """Runs of whitespace as one space, none between two tags."""
    return re.sub(r"\s+", " ", str(markup)).replace("> <", "><").strip()


def both(query: str | None):
    data = QueryDict(query) if query is not None else None
    filterset = RegistryFilter(data, queryset=Volunteer.objects.all())
    assert filterset.qs is not None  # validates a bound form, as the view does
    crispy = render_to_string("vrijwilligers/_registry_filters.html", {"filter": filterset})
    return squeeze(filter_fields_html(filterset.form)), squeeze(crispy)


QUERIES = [
    None,
    "",
    "page=2",
    "q=van+%27t+Hof+%3Cscript%3E+%26&overdue=on&absent_now=on",
    "status=paused&asked=not_this_year&weekday=0&daypart=evening",
    "status=stopped&asked=never&weekday=6&daypart=morning&overdue=1",
    "weekday=9&status=nope&asked=x&daypart=ochtend&category=99999",
    "category=abc",
    "q=&category=&weekday=&daypart=&status=&asked=",
]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("query", QUERIES)
def test_the_form_reads_as_crispy_renders_it(query, language):
    category = HelpCategory.objects.filter(is_active=True).first()
    category.name = "Tuin & <b>erf</b>"
    category.save()
    HelpCategory.objects.filter(is_active=True).last().delete()
    if query == "page=2":
        query += f"&category={category.pk}"
    with translation.override(language):
        built, crispy = both(query)
    assert built == crispy
    assert "<b>erf" not in built and "&lt;b&gt;erf&lt;/b&gt;" in built


def test_an_invalid_choice_shows_its_error():
    built, _crispy = both("weekday=9")
    assert 'aria-invalid="true"' in built and 'id="id_weekday_error"' in built


def test_a_field_it_does_not_know_falls_back_to_the_template():
    filterset = RegistryFilter(None, queryset=Volunteer.objects.all())
    filterset.form.fields["q"].help_text = "Name, street or place"
    assert filter_fields_html(filterset.form) is None


@pytest.mark.parametrize("query", [None, "page=2", "weekday=9", "q=%3Cb%3E&absent_now=on"])
def test_the_remembered_markup_is_the_forms_and_follows_the_kinds_of_help(query):
    from vrijwilligers.filters import category_choices
    from vrijwilligers.registry_form import registry_filter_html

    data = QueryDict(query) if query is not None else None

    def remembered():
        made = []

        def make():
            made.append(RegistryFilter(data, queryset=Volunteer.objects.none()))
            return made[-1]

        return registry_filter_html(data, category_choices(), make), made

    first, made = remembered()
    assert first == filter_fields_html(RegistryFilter(data, queryset=Volunteer.objects.none()).form)
    again, made = remembered()
    assert again == first and made == []  # remembered: no form made
    category = HelpCategory.objects.filter(is_active=True).first()
    category.name = "Boodschappen <met> de fiets"
    category.save()
    renamed, made = remembered()
    assert "Boodschappen &lt;met&gt; de fiets" in renamed and len(made) == 1


def test_a_field_it_does_not_know_is_rendered_by_crispy_in_the_page_too():
    from vrijwilligers import registry_form
    from vrijwilligers.filters import category_choices
    from vrijwilligers.registry_form import registry_filter_html

    registry_form._memo.clear()  # nothing remembered from another test for these values
    filterset = RegistryFilter(QueryDict("q=tuin"), queryset=Volunteer.objects.none())
    filterset.form.fields["q"].help_text = "Naam, straat of dorp"
    markup = registry_filter_html(QueryDict("q=tuin"), category_choices(), lambda: filterset)
    assert "Naam, straat of dorp" in markup and 'value="tuin"' in markup
