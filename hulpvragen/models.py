import contextlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import dutch, names
from accounts.calendar import Weekday
from accounts.logbook import LogbookEntry

from .lifecycle import Status
from .recurrence import Frequency, RecurrencePattern
from .triage import Outcome
from .urgency import Urgency


class HelpCategory(models.Model):
    """A kind of help (vervoer, klus, tuin …), shared by requests and the volunteer registry.

    Configurable by the beheerder; the codes are stable identifiers used in imports and in
    the yearly overview, the names are what people read.
    """

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=60)
    is_transport = models.BooleanField(
        _("transport"),
        default=False,
        help_text=_("Requests of this kind are rides: pickup, destination and distance."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("help category")
        verbose_name_plural = _("help categories")

    def __str__(self):
        return self.name


class ReasonCode(models.Model):
    """Why a request left without a volunteer: configurable, with defaults (migration 0004).

    Codes are stable (the yearly overview counts them); labels are what people read.
    """

    class AppliesTo(models.TextChoices):
        INFORMED = Status.INFORMED.value, Status.INFORMED.label
        REFERRED = Status.REFERRED.value, Status.REFERRED.label
        REJECTED = Status.REJECTED.value, Status.REJECTED.label
        CANCELLED = Status.CANCELLED.value, Status.CANCELLED.label

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label = models.CharField(_("label"), max_length=100)
    applies_to = models.CharField(_("used for"), max_length=20, choices=AppliesTo.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["applies_to", "order", "label"]
        verbose_name = _("reason code")
        verbose_name_plural = _("reason codes")

    def __str__(self):
        return self.label


def validate_phone(value):
    dutch.normalise_phone(value)


def validate_postcode(value):
    dutch.normalise_postcode(value)


def validate_birth_year(value):
    if value is not None and not (1900 <= value <= timezone.localdate().year):
        raise ValidationError(_("Enter a birth year such as 1942."), code="birth_year")


class Resident(models.Model):
    """A resident who asks for help (hulpvrager). They never log in.

    Reached only through `selectors.get_resident_for_user`. The health and money notes are
    sensitive: they are separate fields and can only be saved once a consent record for
    that purpose exists (see `clean`).
    """

    village = models.ForeignKey(
        "accounts.Village",
        on_delete=models.PROTECT,
        related_name="residents",
        verbose_name=_("village"),
    )
    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=120)
    street = models.CharField(_("street"), max_length=150)
    house_number = models.PositiveIntegerField(_("house number"), validators=[MinValueValidator(1)])
    house_number_addition = models.CharField(_("addition"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, validators=[validate_postcode])
    place = models.CharField(_("place"), max_length=100)
    phone = models.CharField(_("phone"), max_length=15, blank=True, validators=[validate_phone])
    email = models.EmailField(_("e-mail address"), blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"), null=True, blank=True, validators=[validate_birth_year]
    )
    network_notes = models.TextField(
        _("own network"),
        blank=True,
        help_text=_("Children, neighbours, friends who could help or should know."),
    )
    is_cooperative_member = models.BooleanField(
        _("member of the cooperative"),
        default=False,
        help_text=_("For the records only: help never depends on it."),
    )
    # Sensitive: saved only with a consent record for the purpose (see clean()).
    health_notes = models.TextField(_("notes on health"), blank=True)
    money_notes = models.TextField(_("notes on money matters"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        indexes = [
            models.Index(fields=["village", "last_name"]),
            models.Index(fields=["village", "phone"]),
            models.Index(fields=["village", "postcode", "house_number"]),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return names.full_name(self.first_name, self.last_name)

    @property
    def house(self) -> str:
        return f"{self.house_number}{self.house_number_addition}"

    @property
    def address(self) -> str:
        return f"{self.street} {self.house}, {self.postcode} {self.place}"

    @property
    def phone_display(self) -> str:
        return dutch.format_phone(self.phone)

    @property
    def outside_work_area(self) -> bool:
        """Derived from the village's postcode areas, never stored."""
        return not self.village.covers_postcode(self.postcode)

    def clean_fields(self, exclude=None):
        # Normalise before the length checks: "+31 (0)6 12345678" is longer than its
        # stored form. What cannot be normalised is left for the Dutch field validators.
        for name, normalise in (
            ("phone", dutch.normalise_phone),
            ("postcode", dutch.normalise_postcode),
        ):
            with contextlib.suppress(ValidationError):
                setattr(self, name, normalise(getattr(self, name)))
        self.house_number_addition = (self.house_number_addition or "").strip()
        super().clean_fields(exclude=exclude)

    def clean(self):
        super().clean()
        errors = {}
        for field_name, purpose in SENSITIVE_FIELDS.items():
            if getattr(self, field_name).strip() and not self.has_consent(purpose):
                withdrawn = self.withdrawn_consent(purpose)
                errors[field_name] = (
                    _(
                        "The resident withdrew this consent on %(date)s: this note cannot be "
                        "saved. Leave it empty, or record new consent first."
                    )
                    % {"date": withdrawn.withdrawn_on.strftime("%d-%m-%Y")}
                    if withdrawn
                    else _(
                        "Record the resident's consent first: sensitive notes are only "
                        "saved with consent."
                    )
                )
        if errors:
            raise ValidationError(errors)

    def has_consent(self, purpose: str) -> bool:
        if self.pk is None:
            return False
        return self.consents.filter(purpose=purpose, withdrawn_on__isnull=True).exists()

    def withdrawn_consent(self, purpose: str):
        """The latest withdrawn consent for the purpose, if any (for a clear error)."""
        if self.pk is None:
            return None
        return (
            self.consents.filter(purpose=purpose, withdrawn_on__isnull=False)
            .order_by("-withdrawn_on")
            .first()
        )


class ConsentRecord(models.Model):
    """The resident agreed that we record or pass on something: what for, when, by whom."""

    class Purpose(models.TextChoices):
        HEALTH_NOTES = "health_notes", _("record notes on health")
        MONEY_NOTES = "money_notes", _("record notes on money matters")
        SHARE = "share", _("pass details on to an organisation")

    village = models.ForeignKey(
        "accounts.Village", on_delete=models.PROTECT, related_name="+", verbose_name=_("village")
    )
    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="consents", verbose_name=_("resident")
    )
    purpose = models.CharField(_("what for"), max_length=20, choices=Purpose.choices)
    given_on = models.DateField(_("given on"))
    note = models.CharField(_("note"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    # The version of the text the resident agreed to (hulpvragen.consent_texts); empty for
    # records from before the texts were versioned.
    text_version = models.CharField(_("version of the text"), max_length=20, blank=True)
    # A withdrawn record no longer counts; who recorded the withdrawal, and when.
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawal recorded at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawal recorded by"),
    )

    class Meta:
        ordering = ["-given_on", "-recorded_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        indexes = [models.Index(fields=["resident", "purpose"])]

    def __str__(self):
        return f"{self.get_purpose_display()} ({self.given_on:%d-%m-%Y})"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_on is not None

    @property
    def text(self):
        """The wording the resident agreed to, or None for a record without a version."""
        from .consent_texts import text_of

        found = text_of(self.text_version)
        return found.text if found else None


SENSITIVE_FIELDS = {
    "health_notes": ConsentRecord.Purpose.HEALTH_NOTES,
    "money_notes": ConsentRecord.Purpose.MONEY_NOTES,
}


class HelpRequest(models.Model):
    """A help request (hulpvraag). Its status changes only through
    `services.help_request_transition`, which writes a `StatusChange` each time."""

    class Channel(models.TextChoices):
        PHONE = "telefoon", _("phone")
        EMAIL = "email", _("e-mail")
        WALK_IN = "inloop", _("walk-in hour")
        SIGNAL = "signaal", _("via a neighbour or volunteer (signal)")
        REFERRAL = "doorverwijzing", _("referred by an organisation")

    class Timing(models.TextChoices):
        ON = "on", _("on a date (and time)")
        WINDOW = "window", _("between two dates or times")
        THIS_WEEK = "this_week", _("some time this week")

    class MobilityAid(models.TextChoices):
        NONE = "", _("none")
        ROLLATOR = "rollator", _("rollator")
        WHEELCHAIR = "wheelchair", _("wheelchair")

    village = models.ForeignKey(
        "accounts.Village",
        on_delete=models.PROTECT,
        related_name="help_requests",
        verbose_name=_("village"),
    )
    resident = models.ForeignKey(
        Resident,
        on_delete=models.PROTECT,
        related_name="help_requests",
        verbose_name=_("resident"),
    )
    category = models.ForeignKey(
        HelpCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("kind of help")
    )
    description = models.TextField(_("what is needed"))
    asked_by = models.CharField(
        _("asked by"),
        max_length=150,
        blank=True,
        help_text=_("Only when someone else asks for the resident, e.g. a daughter."),
    )
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, default=Channel.PHONE
    )
    referred_by = models.ForeignKey(
        "sociale_kaart.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals_made",
        verbose_name=_("referred by"),
        help_text=_("For channel 'referred by an organisation': which one."),
    )
    # When: a date (with a time), a window of dates or times, or "this week".
    timing = models.CharField(_("when"), max_length=10, choices=Timing.choices, default=Timing.ON)
    needed_on = models.DateField(_("date"), null=True, blank=True)
    needed_until = models.DateField(_("until date"), null=True, blank=True)
    time_from = models.TimeField(_("time"), null=True, blank=True)
    time_until = models.TimeField(_("until time"), null=True, blank=True)
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.THIS_WEEK
    )
    volunteers_needed = models.PositiveSmallIntegerField(
        _("volunteers needed"), default=1, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    # For the volunteer's calendar: how long a job takes; for a ride with waiting, how long
    # the stay at the destination takes (the drive is worked out from the distance).
    duration_minutes = models.PositiveSmallIntegerField(
        _("takes (minutes)"),
        default=120,
        validators=[MinValueValidator(5), MaxValueValidator(12 * 60)],
        help_text=_(
            "For the volunteer's calendar. For a ride with waiting: how long the stay at the"
            " destination takes; the drive is added."
        ),
    )
    # Recurring requests: plain data, read as a recurrence.RecurrencePattern.
    is_recurring = models.BooleanField(_("recurring"), default=False)
    frequency = models.CharField(
        _("how often"), max_length=20, choices=Frequency.choices, blank=True
    )
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), choices=Weekday.choices, null=True, blank=True
    )
    interval_weeks = models.PositiveSmallIntegerField(
        _("every how many weeks"), default=1, validators=[MinValueValidator(1)]
    )
    times_of_day = models.JSONField(_("times of day"), default=list, blank=True)
    recurrence_start = models.DateField(_("starts on"), null=True, blank=True)
    review_on = models.DateField(_("review on"), null=True, blank=True)
    # Transport (only for a transport category).
    pickup_address = models.CharField(_("pickup address"), max_length=200, blank=True)
    destination = models.ForeignKey(
        "sociale_kaart.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="destination_requests",
        verbose_name=_("destination on the social map"),
    )
    destination_text = models.CharField(_("destination"), max_length=200, blank=True)
    distance_km = models.DecimalField(
        _("distance (km, one way)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    appointment_time = models.TimeField(_("appointment time"), null=True, blank=True)
    return_trip = models.BooleanField(_("return trip"), default=False)
    wait_at_destination = models.BooleanField(_("wait at the destination"), default=False)
    mobility_aid = models.CharField(
        _("along in the car"), max_length=12, choices=MobilityAid.choices, blank=True
    )
    # Who at the desk looks after it.
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_help_requests",
        verbose_name=_("coordinator"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW
    )
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    # Triage and outcome.
    triage_answers = models.JSONField(_("triage answers"), default=dict, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    reason = models.ForeignKey(
        ReasonCode,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reason"),
    )
    outcome_note = models.TextField(_("note on the outcome"), blank=True)
    referred_to = models.ForeignKey(
        "sociale_kaart.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referred_requests",
        verbose_name=_("referred to"),
    )
    referred_at = models.DateTimeField(_("referred at"), null=True, blank=True)
    referral_note = models.TextField(
        _("what was passed on"),
        blank=True,
        help_text=_("When referred: what was passed on to the organisation."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("taken by"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        indexes = [
            models.Index(fields=["village", "status", "created_at"]),
            models.Index(fields=["village", "status_changed_at"]),
            models.Index(fields=["village", "created_at"]),
            models.Index(fields=["resident", "created_at"]),
            # The overview's recurring requests (a few in a village's thousands).
            models.Index(
                fields=["village"],
                condition=models.Q(is_recurring=True),
                name="helprequest_recurring_village",
            ),
        ]

    def __str__(self):
        return f"{self.category} – {self.resident}"

    @property
    def is_transport(self) -> bool:
        return self.category.is_transport

    @property
    def recurrence_pattern(self) -> RecurrencePattern | None:
        if not self.is_recurring or not self.frequency or not self.recurrence_start:
            return None
        from datetime import time

        return RecurrencePattern(
            frequency=self.frequency,
            start=self.recurrence_start,
            weekday=self.weekday,
            interval_weeks=self.interval_weeks or 1,
            times=tuple(time.fromisoformat(t) for t in self.times_of_day),
        )


class StatusChange(LogbookEntry):
    """One row in a request's logbook: who moved it from what to what, when, and why.

    Its `kind` is the status the request moved to (`from_status` the one it left, empty for
    the intake), so "entries of kind ended" are the moves into "ended".
    """

    about_fields = ("help_request",)

    help_request = models.ForeignKey(
        HelpRequest,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("help request"),
    )
    from_status = models.CharField(_("from"), max_length=12, choices=Status.choices, blank=True)
    kind = models.CharField(_("to"), max_length=12, choices=Status.choices)
    reason = models.ForeignKey(
        ReasonCode,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reason"),
    )

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        indexes = [
            models.Index(fields=["help_request", "at"]),
            models.Index(fields=["village", "at"]),
        ]

    def __str__(self):
        return f"{self.from_status or '–'} → {self.kind}"
