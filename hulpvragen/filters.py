"""Board filters (django-filter). The queryset handed in is already scoped to the village."""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache

import django_filters
from django import forms
from django.db.models import Q
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from accounts import crispy_fields, prepared

from .lifecycle import Status
from .models import HelpCategory, HelpRequest
from .selectors import overdue_condition, village_coordinators
from .urgency import Urgency

PERIODS = [
    ("week", _("last 7 days")),
    ("month", _("last 30 days")),
    ("quarter", _("last 3 months")),
    ("year", _("last 12 months")),
]
PERIOD_DAYS = {"week": 7, "month": 30, "quarter": 91, "year": 365}


class BoardFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search name or street"), method="filter_search")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.choices, empty_label=_("all open")
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Kind of help"), queryset=HelpCategory.objects.all(), empty_label=_("all")
    )
    urgency = django_filters.ChoiceFilter(
        label=_("Urgency"), choices=Urgency.choices, empty_label=_("all")
    )
    period = django_filters.ChoiceFilter(
        label=_("Taken in"), choices=PERIODS, method="filter_period", empty_label=_("any time")
    )
    assigned_to = django_filters.ModelChoiceFilter(
        label=_("Coordinator"), queryset=None, empty_label=_("all"), null_label=_("nobody")
    )
    overdue = django_filters.BooleanFilter(
        label=_("Only waiting too long"),
        method="filter_overdue",
        widget=forms.CheckboxInput(),
    )

    class Meta:
        model = HelpRequest
        fields = ["q", "status", "category", "urgency", "period", "assigned_to", "overdue"]

    def __init__(self, *args, village, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["assigned_to"].queryset = village_coordinators(village)

    def filter_search(self, queryset, name, value):
        for word in value.split()[:4]:
            queryset = queryset.filter(
                Q(resident__first_name__icontains=word)
                | Q(resident__last_name__icontains=word)
                | Q(resident__street__icontains=word)
            )
        return queryset

    def filter_period(self, queryset, name, value):
        days = PERIOD_DAYS.get(value)
        if not days:
            return queryset
        return queryset.filter(created_at__gte=timezone.now() - timedelta(days=days))

    def filter_overdue(self, queryset, name, value):
        if value:
            return queryset.filter(overdue_condition(timezone.now()))
        return queryset


def _choices(name: str, values) -> list:
    """A filter's choices as its field lists them: the empty one, "nobody", then `values`."""
    extra = BoardFilter.base_filters[name].extra
    choices = [("", extra["empty_label"])]
    if extra.get("null_label"):
        choices.append((django_filters.conf.settings.NULL_CHOICE_VALUE, extra["null_label"]))
    return [*choices, *values]


# The fields whose labels and choices come from the code alone, per language.
_FIXED_FIELDS: dict[str, dict[str, SafeString]] = {}


def _fixed_fields() -> dict[str, SafeString]:
    """The search box, the checkbox and the selects of status, urgency and period: their
    text depends on nothing but the language, so each process makes them once per language."""
    language = get_language()
    if language not in _FIXED_FIELDS:
        filters = BoardFilter.base_filters
        fields = {
            "q": crispy_fields.text_input("q", filters["q"].label),
            "overdue": crispy_fields.checkbox("overdue", filters["overdue"].label),
        }
        for name in ("status", "urgency", "period"):
            fields[name] = crispy_fields.select(
                name, filters[name].label, _choices(name, filters[name].extra["choices"])
            )
        _FIXED_FIELDS[language] = fields
    return _FIXED_FIELDS[language]


def unbound_html(village) -> SafeString:
    """The filter form with nothing filtered yet, as `_board_filters.html` renders it through
    crispy (whitespace aside), built in Python: rendering it cost about as much as the rest
    of the board. Two queries, as the form's own rendering took: the kinds of help and the
    village's coordinators, read as values (labelled as the models' `__str__`), each
    compiled once per thread. The form made from them is kept for the last few of these
    values (with the language and the address prefix)."""
    filters = BoardFilter.base_filters
    categories = prepared.rows(
        "hulpvragen.board_filter_categories",
        lambda: filters["category"].extra["queryset"].values_list("pk", "name"),
    )
    coordinators = [
        (pk, full_name or email)
        for pk, full_name, email in prepared.rows(
            "hulpvragen.board_filter_coordinators",
            lambda village: village_coordinators(village).values_list("pk", "full_name", "email"),
            village=village.pk,
        )
    ]
    return _unbound_form(
        get_language(), get_script_prefix(), tuple(categories), tuple(coordinators)
    )


@lru_cache(maxsize=64)
def _unbound_form(language, script_prefix, categories: tuple, coordinators: tuple) -> SafeString:
    filters = BoardFilter.base_filters
    field = {
        **_fixed_fields(),
        "category": crispy_fields.select(
            "category", filters["category"].label, _choices("category", categories)
        ),
        "assigned_to": crispy_fields.select(
            "assigned_to", filters["assigned_to"].label, _choices("assigned_to", coordinators)
        ),
    }
    return format_html(
        '<div class="row g-2 align-items-end">'
        '<div class="col-md-3">{q}</div><div class="col-md-2">{status}</div>'
        '<div class="col-md-2">{category}</div><div class="col-md-2">{urgency}</div>'
        '<div class="col-md-3">{period}</div><div class="col-md-3">{assigned_to}</div>'
        '<div class="col-md-3">{overdue}</div>'
        '<div class="col-md-3 mb-3 d-flex gap-2">'
        '<button type="submit" class="btn btn-primary">{filter}</button>'
        '<a class="btn btn-link" href="{board}">{clear}</a></div></div>',
        **field,
        filter=gettext("Filter"),
        board=reverse("hulpvragen:board"),
        clear=gettext("Clear"),
    )
