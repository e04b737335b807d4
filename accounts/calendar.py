"""The desk's calendar: its time zone and the weekdays, one definition for every app."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Every local moment (a day's start, a reminder hour, the year of a report) is read in the
# desks' time zone, the one Django runs in (settings.TIME_ZONE, Europe/Amsterdam).
AMSTERDAM = ZoneInfo(settings.TIME_ZONE)


class Weekday(models.IntegerChoices):
    """Python's numbering (date.weekday()): Monday is 0. Stored in availability slots,
    opening hours and recurrence patterns, so the numbers never change."""

    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")
