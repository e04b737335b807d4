"""Filters of the registry list. Always applied to a queryset already scoped to the village.

Kinds of help and availability are `Exists` subqueries, so a volunteer never appears twice
and the list keeps its fixed number of queries.
"""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.calendar import Weekday
from hulpvragen.models import HelpCategory

from .availability import Daypart, VolunteerStatus
from .models import AvailabilitySlot, Volunteer
from .selectors import absent_on_q, confirmation_overdue_q, not_asked_this_year_q


class RegistryFilter(django_filters.FilterSet):
    ASKED_NEVER = "never"
    ASKED_NOT_THIS_YEAR = "not_this_year"

    q = django_filters.CharFilter(label=_("Search"), method="search")
    category = django_filters.ModelChoiceFilter(
        label=_("Kind of help"),
        queryset=HelpCategory.objects.filter(is_active=True),
        method="filter_category",
        empty_label=_("all kinds"),
    )
    weekday = django_filters.ChoiceFilter(
        label=_("Weekday"),
        choices=[(str(value), label) for value, label in Weekday.choices],
        method="filter_nothing",
        empty_label=_("any day"),
    )
    daypart = django_filters.ChoiceFilter(
        label=_("Daypart"), choices=Daypart.choices, method="filter_nothing", empty_label=_("any")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=VolunteerStatus.choices, empty_label=_("all but stopped")
    )
    asked = django_filters.ChoiceFilter(
        label=_("Asked"),
        choices=[
            (ASKED_NEVER, _("never asked")),
            (ASKED_NOT_THIS_YEAR, _("not asked this year")),
        ],
        method="filter_asked",
        empty_label=_("all"),
    )
    overdue = django_filters.BooleanFilter(
        label=_("Not confirmed for 12 months"),
        method="filter_overdue",
        widget=forms.CheckboxInput,
    )
    absent_now = django_filters.BooleanFilter(
        label=_("Absent now"), method="filter_absent_now", widget=forms.CheckboxInput
    )

    class Meta:
        model = Volunteer
        fields = ["q", "category", "weekday", "daypart", "status", "asked"]

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()

    @property
    def qs(self):
        queryset = self.filter_slot(super().qs)
        if not getattr(self.form, "cleaned_data", {}).get("status"):
            queryset = queryset.exclude(status=VolunteerStatus.STOPPED)
        return queryset

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q()
        for word in value.split():
            condition &= (
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
                | Q(phone__icontains=word.replace(" ", ""))
                | Q(street__icontains=word)
                | Q(place__icontains=word)
            )
        return queryset.filter(condition)

    def filter_category(self, queryset, name, value):
        if not value:
            return queryset
        through = Volunteer.categories.through
        return queryset.filter(
            Exists(through.objects.filter(volunteer_id=OuterRef("pk"), helpcategory=value))
        )

    def filter_slot(self, queryset):
        """Weekday and daypart together, as one condition on the same slot row."""
        data = getattr(self.form, "cleaned_data", {})
        weekday, daypart = data.get("weekday"), data.get("daypart")
        if weekday in (None, "") and not daypart:
            return queryset
        slots = AvailabilitySlot.objects.filter(volunteer_id=OuterRef("pk"))
        if weekday not in (None, ""):
            slots = slots.filter(weekday=int(weekday))
        if daypart:
            slots = slots.filter(daypart=daypart)
        return queryset.filter(Exists(slots))

    def filter_nothing(self, queryset, name, value):
        return queryset  # weekday and daypart are applied in filter_slot

    def filter_asked(self, queryset, name, value):
        if value == self.ASKED_NEVER:
            return queryset.filter(last_asked_on__isnull=True)
        if value == self.ASKED_NOT_THIS_YEAR:
            return queryset.filter(not_asked_this_year_q(self.today))
        return queryset

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(confirmation_overdue_q(self.today)) if value else queryset

    def filter_absent_now(self, queryset, name, value):
        return queryset.filter(absent_on_q(self.today)) if value else queryset
