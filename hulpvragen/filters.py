"""Board filters (django-filter). The queryset handed in is already scoped to the village."""

from __future__ import annotations

from datetime import timedelta

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
