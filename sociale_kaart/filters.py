import copy

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField, ModelChoiceIterator

from . import prepared
from .models import OrganisationKind, Theme
from .selectors import search_organisations


class _ListedChoices(ModelChoiceIterator):
    """The choices read with one plain query, compiled once (sociale_kaart.prepared).

    Django's iterator reads its queryset with `.iterator()`, which on PostgreSQL is a
    server-side cursor: DECLARE, FETCH, FETCH and CLOSE for a handful of themes.
    """

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        queryset = self.queryset
        names = [field.attname for field in queryset.model._meta.concrete_fields]
        rows = prepared.rows(self.field.choices_key, lambda: queryset.values_list(*names))
        for row in rows:
            yield self.choice(queryset.model.from_db(queryset.db, names, row))


class _ListedModelChoiceField(ModelChoiceField):
    iterator = _ListedChoices

    def __init__(self, *args, choices_key: str, **kwargs):
        self.choices_key = choices_key
        super().__init__(*args, **kwargs)


class ListedModelChoiceFilter(django_filters.ModelChoiceFilter):
    """A ModelChoiceFilter whose options come from one plain query (see _ListedChoices);
    `choices_key` names that query, which must be the same for every request (the
    queryset given here, not one that depends on the request)."""

    field_class = _ListedModelChoiceField


class OrganisationFilter(django_filters.FilterSet):
    """Search box and filters of the social map list (GET, also driven by htmx)."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("Name, service, theme or contact person"),
                "autocomplete": "off",
            }
        ),
    )
    theme = ListedModelChoiceFilter(
        choices_key="social map: active themes",
        label=_("Theme"),
        field_name="themes",
        queryset=Theme.objects.filter(is_active=True),
        empty_label=_("All themes"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Type"), choices=OrganisationKind.choices, empty_label=_("All types")
    )
    stale = django_filters.BooleanFilter(
        label=_("Needs checking"),
        method="filter_stale",
        widget=forms.CheckboxInput,
    )
    archived = django_filters.BooleanFilter(
        label=_("Show archived"),
        method="filter_archived",
        widget=forms.CheckboxInput,
    )

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()

    def get_form_class(self):
        # django-filter puts a new form class together (with new fields) for every
        # filterset; these fields depend on nothing of the request, so the class is made
        # once. Each form still gets its own copy of the fields, as any Django form does.
        cls = type(self)
        form_class = cls.__dict__.get("_form_class")
        if form_class is None:
            filters = copy.deepcopy(cls.base_filters)
            fields = {name: filter_.field for name, filter_ in filters.items()}
            form_class = type(f"{cls.__name__}Form", (cls._meta.form,), fields)
            cls._form_class = form_class
        return form_class

    def filter_queryset(self, queryset):
        # Archived entries only when asked for, even when the box is not in the data.
        if not self.form.cleaned_data.get("archived"):
            queryset = queryset.filter(is_archived=False)
        return super().filter_queryset(queryset)

    def filter_search(self, queryset, name, value):
        return search_organisations(queryset, value)

    def filter_stale(self, queryset, name, value):
        return queryset.stale(self.today) if value else queryset

    def filter_archived(self, queryset, name, value):
        return queryset.filter(is_archived=True) if value else queryset
