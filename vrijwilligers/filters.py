"""Filters of the registry list. Always applied to a queryset already scoped to the village.

Kinds of help and availability are `Exists` subqueries, so a volunteer never appears twice
and the list keeps its fixed number of queries. `RegistryFilter.conditions()` gives the
valid filters as plain values and `filtered(queryset, **conditions)` applies them (what
`RegistryFilter.qs` gives), so that the registry can put its query together once per
shape (`accounts.prepared`).
"""

import functools
from datetime import date

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import prepared
from accounts.calendar import Weekday
from hulpvragen.models import HelpCategory

from .availability import Daypart, VolunteerStatus
from .models import AvailabilitySlot, Volunteer
from .selectors import (
    absent_on_q,
    confirmation_overdue_limit,
    not_asked_since_q,
    not_confirmed_since_q,
)


def _active_categories():
    return HelpCategory.objects.filter(is_active=True).values_list("pk", "name")


def category_choices() -> list[tuple[int, str]]:
    """The active kinds of help as (id, name), in their order (one query, put together
    once per thread)."""
    return prepared.rows("vrijwilligers.registry.categories", _active_categories)


def filtered(
    queryset: QuerySet,
    *,
    never_asked: bool = False,
    words: tuple[str, ...] = (),
    category_id: int | None = None,
    weekday: int | None = None,
    daypart: str | None = None,
    status: str | None = None,
    asked_before: date | None = None,
    confirmed_before: date | None = None,
    absent_on: date | None = None,
) -> QuerySet:
    """The volunteers of `queryset` the registry's filters select: every word of `words` in
    a name, the e-mail address, the phone number, the street or the place; offering the
    kind of help `category_id`; a weekly slot on `weekday` and/or `daypart` (one slot with
    both); with `status` (all but the stopped ones without it); never asked
    (`never_asked`) or not asked since `asked_before`; not confirmed since
    `confirmed_before`; absent on `absent_on`. A filter left at its default is not applied;
    the values are only compared with (`accounts.prepared` may pass stand-ins)."""
    condition = Q()
    for word in words:
        condition &= (
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
            | Q(phone__icontains=word)
            | Q(street__icontains=word)
            | Q(place__icontains=word)
        )
    if words:
        queryset = queryset.filter(condition)
    if category_id is not None:
        through = Volunteer.categories.through
        queryset = queryset.filter(
            Exists(through.objects.filter(volunteer_id=OuterRef("pk"), helpcategory=category_id))
        )
    if status is not None:
        queryset = queryset.filter(status=status)
    if never_asked:
        queryset = queryset.filter(last_asked_on__isnull=True)
    if asked_before is not None:
        queryset = queryset.filter(not_asked_since_q(asked_before))
    if confirmed_before is not None:
        queryset = queryset.filter(not_confirmed_since_q(confirmed_before))
    if absent_on is not None:
        queryset = queryset.filter(absent_on_q(absent_on))
    if weekday is not None or daypart is not None:
        slots = AvailabilitySlot.objects.filter(volunteer_id=OuterRef("pk"))
        if weekday is not None:
            slots = slots.filter(weekday=weekday)
        if daypart is not None:
            slots = slots.filter(daypart=daypart)
        queryset = queryset.filter(Exists(slots))
    if status is None:
        queryset = queryset.exclude(status=VolunteerStatus.STOPPED)
    return queryset


class RegistryFilter(django_filters.FilterSet):
    ASKED_NEVER = "never"
    ASKED_NOT_THIS_YEAR = "not_this_year"

    q = django_filters.CharFilter(label=_("Search"), method="filter_nothing")
    # A choice of ids rather than of model instances: the choices are read as values with
    # a query put together once per thread. The error is the model choice field's.
    category = django_filters.ChoiceFilter(
        label=_("Kind of help"),
        choices=category_choices,
        method="filter_nothing",
        empty_label=_("all kinds"),
        error_messages={
            "invalid_choice": forms.ModelChoiceField.default_error_messages["invalid_choice"]
        },
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
        method="filter_nothing",
        empty_label=_("all"),
    )
    overdue = django_filters.BooleanFilter(
        label=_("Not confirmed for 12 months"),
        method="filter_nothing",
        widget=forms.CheckboxInput,
    )
    absent_now = django_filters.BooleanFilter(
        label=_("Absent now"), method="filter_nothing", widget=forms.CheckboxInput
    )

    class Meta:
        model = Volunteer
        fields = ["q", "category", "weekday", "daypart", "status", "asked"]

    def __init__(self, *args, today=None, categories=None, **kwargs):
        """`categories`: the kinds of help as `category_choices()` gave them, when they
        were read already."""
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        if categories is not None:
            self.category_choices = categories

    @functools.cached_property
    def category_choices(self) -> list[tuple[int, str]]:
        """The kinds of help the form offers, read once for its checking and its markup."""
        return category_choices()

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            # Read when a category is checked or the choices are shown, not before.
            form.fields["category"].choices = lambda: self.category_choices
        return self._form

    @property
    def qs(self):
        return filtered(self.queryset.all(), **self.conditions())

    def conditions(self) -> dict:
        """The valid filters as the keyword arguments of `filtered` (none for an unbound
        form; a field with an error is left out)."""
        if not self.is_bound:
            return {}
        self.errors  # noqa: B018 - validates the form
        data = self.form.cleaned_data
        conditions = {}
        words = tuple((data.get("q") or "").split())
        if words:
            conditions["words"] = words
        if data.get("category"):
            conditions["category_id"] = int(data["category"])
        if data.get("weekday") not in (None, ""):
            conditions["weekday"] = int(data["weekday"])
        if data.get("daypart"):
            conditions["daypart"] = str(data["daypart"])
        if data.get("status"):
            conditions["status"] = str(data["status"])
        if data.get("asked") == self.ASKED_NEVER:
            conditions["never_asked"] = True
        elif data.get("asked") == self.ASKED_NOT_THIS_YEAR:
            conditions["asked_before"] = date(self.today.year, 1, 1)
        if data.get("overdue"):
            conditions["confirmed_before"] = confirmation_overdue_limit(self.today)
        if data.get("absent_now"):
            conditions["absent_on"] = self.today
        return conditions

    def filter_nothing(self, queryset, name, value):
        return queryset  # every filter is applied in `filtered`
