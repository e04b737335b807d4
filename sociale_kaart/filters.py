import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField, ModelChoiceIterator

from .models import OrganisationKind, Theme
from .selectors import search_organisations


class _ListedChoices(ModelChoiceIterator):
    """The choices read with one plain query.

    Django's iterator reads its queryset with `.iterator()`, which on PostgreSQL is a
    server-side cursor: DECLARE, FETCH, FETCH and CLOSE for a handful of themes.
    """

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        for obj in list(self.queryset.all()):
            yield self.choice(obj)


class _ListedModelChoiceField(ModelChoiceField):
    iterator = _ListedChoices


class ListedModelChoiceFilter(django_filters.ModelChoiceFilter):
    """A ModelChoiceFilter whose options come from one plain query (see _ListedChoices)."""

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
