"""Lending aids (uitleen) and handing out standard items (uitdelen).

An aid item (a wheelchair, a rollator …) belongs to one village. A loan lends one item to one
resident; an item has at most one open loan (one without `returned_on`), which the database
enforces with a partial unique constraint and `services.loan_start` checks under a row lock
so that two coordinators clicking at once get a clear message instead of an error.

Handouts are standard items the desk always has (yes/no stickers, dog-waste bags, folders of
the municipality); counting what went out is optional.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.logbook import LogbookEntry


class AidType(models.Model):
    """A kind of aid (rolstoel, rollator, krukken …); configurable by the beheerder.

    Codes are stable identifiers (the yearly overview counts loans per code); names are what
    people read. Defaults come from migration 0002.
    """

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=60)
    default_loan_weeks = models.PositiveSmallIntegerField(
        _("usual loan period (weeks)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(104)],
        help_text=_("Used to suggest the date it is due back."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("kind of aid")
        verbose_name_plural = _("kinds of aid")

    def __str__(self):
        return self.name


class ItemStatus(models.TextChoices):
    AVAILABLE = "available", _("available")
    ON_LOAN = "on_loan", _("on loan")
    MAINTENANCE = "maintenance", _("in repair or maintenance")
    GONE = "gone", _("gone (lost or discarded)")


class Condition(models.TextChoices):
    GOOD = "good", _("good")
    FAIR = "fair", _("fair: shows wear")
    POOR = "poor", _("poor: needs attention")


class AidItem(models.Model):
    """One physical aid the desk owns, e.g. "Rolstoel 2". Its status follows the loans:
    only `services` change it."""

    village = models.ForeignKey(
        "accounts.Village",
        on_delete=models.PROTECT,
        related_name="aid_items",
        verbose_name=_("village"),
    )
    aid_type = models.ForeignKey(
        AidType, on_delete=models.PROTECT, related_name="items", verbose_name=_("kind of aid")
    )
    label = models.CharField(
        _("label"),
        max_length=60,
        help_text=_("The name or number on the item, e.g. Rolstoel 2."),
    )
    condition = models.CharField(
        _("condition"), max_length=10, choices=Condition.choices, default=Condition.GOOD
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ItemStatus.choices, default=ItemStatus.AVAILABLE
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["aid_type__order", "label"]
        verbose_name = _("aid")
        verbose_name_plural = _("aids")
        constraints = [
            models.UniqueConstraint(
                fields=["village", "label"],
                name="unique_aid_label_per_village",
                violation_error_message=_("There is already an aid with this label."),
            )
        ]
        indexes = [
            models.Index(fields=["village", "status"]),
            models.Index(fields=["village", "aid_type"]),
        ]

    def __str__(self):
        return self.label

    @property
    def is_available(self) -> bool:
        return self.status == ItemStatus.AVAILABLE


class Loan(models.Model):
    """An aid lent to a resident: from, due back, returned on."""

    village = models.ForeignKey(
        "accounts.Village", on_delete=models.PROTECT, related_name="+", verbose_name=_("village")
    )
    item = models.ForeignKey(
        AidItem, on_delete=models.PROTECT, related_name="loans", verbose_name=_("aid")
    )
    resident = models.ForeignKey(
        "hulpvragen.Resident",
        on_delete=models.PROTECT,
        related_name="loans",
        verbose_name=_("resident"),
    )
    lent_on = models.DateField(_("lent from"))
    due_on = models.DateField(_("due back on"), null=True, blank=True)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    lent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lent by"),
    )
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("taken back by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-lent_on", "-pk"]
        verbose_name = _("loan")
        verbose_name_plural = _("loans")
        constraints = [
            # The last line of defence against lending one item twice (services check first,
            # under a row lock, to give a friendly message).
            models.UniqueConstraint(
                fields=["item"],
                condition=Q(returned_on__isnull=True),
                name="one_open_loan_per_item",
                violation_error_message=_(
                    "This aid is already on loan. Take it back first before lending it again."
                ),
            ),
            models.CheckConstraint(
                condition=Q(due_on__isnull=True) | Q(due_on__gte=F("lent_on")),
                name="loan_due_after_start",
                violation_error_message=_("The return date cannot be before the loan starts."),
            ),
            models.CheckConstraint(
                condition=Q(returned_on__isnull=True) | Q(returned_on__gte=F("lent_on")),
                name="loan_returned_after_start",
                violation_error_message=_("It cannot be returned before it was lent."),
            ),
        ]
        indexes = [
            # The overdue list and the open loans: open loans of a village by due date.
            models.Index(
                fields=["village", "due_on"],
                condition=Q(returned_on__isnull=True),
                name="uitleen_open_loans_due",
            ),
            # The yearly overview counts loans started per year.
            models.Index(fields=["village", "lent_on"]),
            models.Index(fields=["resident", "lent_on"]),
        ]

    def __str__(self):
        return f"{self.item} → {self.resident}"

    @property
    def is_open(self) -> bool:
        return self.returned_on is None


class Handout(models.Model):
    """A standard item the desk hands out (ja/nee-sticker, poepzakjes, folders …)."""

    village = models.ForeignKey(
        "accounts.Village",
        on_delete=models.PROTECT,
        related_name="handouts",
        verbose_name=_("village"),
    )
    name = models.CharField(_("name"), max_length=80)
    always_available = models.BooleanField(
        _("always available"),
        default=True,
        help_text=_("The desk always has this in stock; residents can just come and get it."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("handout")
        verbose_name_plural = _("handouts")
        constraints = [
            models.UniqueConstraint(
                fields=["village", "name"],
                name="unique_handout_per_village",
                violation_error_message=_("There is already a handout with this name."),
            )
        ]
        indexes = [models.Index(fields=["village", "is_active"])]

    def __str__(self):
        return self.name


class HandoutCount(models.Model):
    """Optional: how many of a handout went out on a day (for the yearly overview)."""

    village = models.ForeignKey(
        "accounts.Village", on_delete=models.PROTECT, related_name="+", verbose_name=_("village")
    )
    handout = models.ForeignKey(
        Handout, on_delete=models.CASCADE, related_name="counts", verbose_name=_("handout")
    )
    handed_out_on = models.DateField(_("handed out on"))
    quantity = models.PositiveIntegerField(
        _("how many"), validators=[MinValueValidator(1), MaxValueValidator(10_000)]
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        ordering = ["-handed_out_on", "-pk"]
        verbose_name = _("handout count")
        verbose_name_plural = _("handout counts")
        indexes = [models.Index(fields=["village", "handed_out_on"])]

    def __str__(self):
        return f"{self.quantity} × {self.handout}"


class LogAction(models.TextChoices):
    ITEM_ADDED = "item_added", _("aid added")
    ITEM_CHANGED = "item_changed", _("aid changed")
    STATUS_CHANGED = "status_changed", _("status changed")
    LENT = "lent", _("lent")
    RETURNED = "returned", _("taken back")
    LOAN_CHANGED = "loan_changed", _("loan changed")
    HANDOUT_ADDED = "handout_added", _("handout added")
    HANDOUT_CHANGED = "handout_changed", _("handout changed")
    HANDOUT_COUNTED = "handout_counted", _("handouts counted")


class LogEntry(LogbookEntry):
    """One line of history per change in lending and handouts (who, when, what)."""

    about_fields = ("loan", "item", "handout")

    item = models.ForeignKey(
        AidItem,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="log_entries",
        verbose_name=_("aid"),
    )
    loan = models.ForeignKey(
        Loan,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="log_entries",
        verbose_name=_("loan"),
    )
    handout = models.ForeignKey(
        Handout,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="log_entries",
        verbose_name=_("handout"),
    )
    kind = models.CharField(_("what"), max_length=20, choices=LogAction.choices)

    class Meta(LogbookEntry.Meta):
        verbose_name = _("history entry")
        verbose_name_plural = _("history")
        indexes = [
            models.Index(fields=["item", "-at"]),
            models.Index(fields=["village", "-at"]),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d} {self.get_kind_display()}"
