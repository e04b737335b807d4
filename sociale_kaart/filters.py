import copy

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ChoiceField

from accounts import prepared

from .freshness import stale_cutoff
from .models import Organisation, OrganisationKind, Theme
from .selectors import search_condition, search_variants


def _active_themes():
    return Theme.objects.filter(is_active=True).values_list("pk", "name")


def active_theme_choices() -> list[tuple[int, str]]:
    """The active themes as (id, name), in the themes' order: one query, put together once
    per thread (accounts.prepared)."""
    return prepared.rows("social map: active themes", _active_themes)


class _ThemeField(ChoiceField):
    """A theme's id, chosen among `active_theme_choices` (read each time the choices are
    gone through: to validate a chosen theme, and to write the options). It takes what
    the ModelChoiceField it replaces took, a text `int()` reads as an active theme's id,
    and refuses the rest with that field's message; it gives the id as a text
    (`str(int(…))`), "" when none is chosen."""

    default_error_messages = {
        "invalid_choice": forms.ModelChoiceField.default_error_messages["invalid_choice"]
    }

    def to_python(self, value):
        if value in self.empty_values:
            return ""
        try:
            return str(int(value))
        except (TypeError, ValueError):
            return str(value)


class _ThemeFilter(django_filters.ChoiceFilter):
    field_class = _ThemeField


class OrganisationFilter(django_filters.FilterSet):
    """Search box and filters of the social map list (GET, also driven by htmx)."""

    # The filters declare the form's fields; `filter_queryset` applies what the form asks
    # for (`wanted`) with `filter_organisations`.
    q = django_filters.CharFilter(
        label=_("Search"),
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("Name, service, theme or contact person"),
                "autocomplete": "off",
            }
        ),
    )
    theme = _ThemeFilter(
        label=_("Theme"),
        field_name="themes",
        choices=active_theme_choices,
        empty_label=_("All themes"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Type"), choices=OrganisationKind.choices, empty_label=_("All types")
    )
    stale = django_filters.BooleanFilter(
        label=_("Needs checking"),
        widget=forms.CheckboxInput,
    )
    archived = django_filters.BooleanFilter(
        label=_("Show archived"),
        widget=forms.CheckboxInput,
    )

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()

    @classmethod
    def form_class(cls):
        """The form class of this filterset (`get_form_class`)."""
        # django-filter puts a new form class together (with new fields) for every
        # filterset; these fields depend on nothing of the request, so the class is made
        # once. Each form still gets its own copy of the fields, as any Django form does.
        form_class = cls.__dict__.get("_form_class")
        if form_class is None:
            filters = copy.deepcopy(cls.base_filters)
            fields = {name: filter_.field for name, filter_ in filters.items()}
            form_class = type(f"{cls.__name__}Form", (cls._meta.form,), fields)
            cls._form_class = form_class
        return form_class

    def get_form_class(self):
        return type(self).form_class()

    def wanted(self) -> dict:
        """`form_wants` of the (bound) form."""
        return form_wants(self.form, today=self.today)

    def filter_queryset(self, queryset):
        return filter_organisations(queryset, **self.wanted())

    def matching_pks(self, village) -> list[int]:
        """The ids of `village`'s organisations the search and filters find (`qs` with
        `village`'s organisations as its queryset), by name, each once; for a bound form
        `matching_pks` of it (one query, compiled once per shape)."""
        if not self.is_bound:
            return list(dict.fromkeys(self.qs.order_by("name", "pk").values_list("pk", flat=True)))
        return matching_pks(self.form, village, today=self.today)


def filter_form(data):
    """`OrganisationFilter(data).form`, made without the filterset (which deep-copies each
    of its filters; the form, its fields and what they ask for are the same)."""
    return OrganisationFilter.form_class()(data)


def form_wants(form, *, today) -> dict:
    """What the valid fields of the bound filter form ask for, as the keyword arguments of
    `filter_organisations`; a field with an error asks for nothing."""
    form.errors  # noqa: B018 (validates the form)
    return wants(form.cleaned_data, today=today)


def wants(cleaned: dict, *, today) -> dict:
    """What the filter form's cleaned values (those of its valid fields) ask for, as the
    keyword arguments of `filter_organisations`."""
    theme = cleaned.get("theme")
    return {
        "variants": search_variants(cleaned.get("q") or ""),
        "theme_id": int(theme) if theme else None,
        "kind": cleaned.get("kind") or "",
        "stale_before": stale_cutoff(today) if cleaned.get("stale") else None,
        "archived": bool(cleaned.get("archived")),
    }


def matching_pks(form, village, *, today) -> list[int]:
    """The ids of `village`'s organisations the bound filter form finds (`form_wants`), by
    name, each once: one query, compiled once per shape (accounts.prepared)."""
    return wanted_pks(form_wants(form, today=today), village)


def wanted_pks(wanted: dict, village) -> list[int]:
    """The ids of `village`'s organisations that `wanted` (`wants`) finds, by name, each
    once: one query, compiled once per shape (accounts.prepared)."""
    given = [name for name in ("theme_id", "kind", "stale_before") if wanted[name]]
    archived = wanted["archived"]

    def build(village_id, variants, **values):
        chosen = {"theme_id": None, "kind": "", "stale_before": None}
        chosen.update(values)
        queryset = Organisation.objects.filter(villages=village_id)
        filtered = filter_organisations(queryset, variants=variants, archived=archived, **chosen)
        return filtered.order_by("name", "pk").values_list("pk")

    rows = prepared.rows(
        f"social map: matching, archived {archived}, {' '.join(given)}",
        build,
        village_id=village.pk,
        variants=tuple(tuple(either_of) for either_of in wanted["variants"]),
        **{name: wanted[name] for name in given},
    )
    return list(dict.fromkeys(pk for (pk,) in rows))


def filter_organisations(queryset, *, variants, theme_id, kind, stale_before, archived):
    """The social map list's search (`variants`, see selectors.search_variants) and filters
    on `queryset`: a theme (id or None), a kind ("" for any), entries not verified since
    `stale_before` (a date or None), and archived entries only (`archived`) or current
    ones only."""
    queryset = queryset.filter(is_archived=archived)
    if variants:
        queryset = queryset.filter(search_condition(variants))
    if theme_id is not None:
        queryset = queryset.filter(themes=theme_id)
    if kind:
        queryset = queryset.filter(kind=kind)
    if stale_before is not None:
        queryset = queryset.not_verified_since(stale_before)
    return queryset
