"""The volunteer registry (vrijwilligersbestand).

A `Volunteer` is a person who offers help in one village, with or without a login. Their
weekly availability is one `AvailabilitySlot` row per weekday × daypart (so that "who can on
Tuesday afternoon" is an indexed query); absences are `Absence` rows. Every change goes
through `services` and leaves one `VolunteerChange` (who changed what, when). The yearly
confirmation round is a `ConfirmationRound` with one `ConfirmationRequest` per volunteer asked.

Reach a volunteer through `selectors.get_volunteer_for_user(access, pk)`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import dutch, names
from accounts.calendar import Weekday
from accounts.logbook import LogbookEntry

from .availability import Daypart, VolunteerStatus
from .channels import ContactChannel

# One way of reading Dutch phone numbers and postcodes for residents and volunteers alike.
normalise_phone = dutch.normalise_phone
normalise_postcode = dutch.normalise_postcode


class StopReason(models.TextChoices):
    """Why someone stopped. Codes are stable: the registry's honesty is counted on them."""

    BECAME_REQUESTER = "became_requester", _("became a help requester themselves")
    HEALTH = "health", _("health or age")
    NO_TIME = "no_time", _("no time any more")
    MOVED = "moved", _("moved away")
    DECEASED = "deceased", _("deceased")
    OTHER = "other", _("other reason")


class Volunteer(models.Model):
    village = models.ForeignKey(
        "accounts.Village",
        on_delete=models.PROTECT,
        related_name="volunteers",
        verbose_name=_("village"),
    )
    # Optional: some volunteers never use a phone; the coordinator calls them.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteer_record",
        verbose_name=_("user account"),
    )
    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=120)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=15, blank=True)
    # How they want to be asked and reminded (vrijwilligers.channels.reach reads it).
    contact_channel = models.CharField(
        _("how to ask me"),
        max_length=5,
        choices=ContactChannel.choices,
        default=ContactChannel.EMAIL,
    )
    wants_week_letter = models.BooleanField(
        _("printed week letter"),
        default=False,
        help_text=_("A letter on paper with the tasks of the coming week, to post or hand over."),
    )
    street = models.CharField(_("street"), max_length=150, blank=True)
    house_number = models.CharField(_("house number"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )

    categories = models.ManyToManyField(
        "hulpvragen.HelpCategory",
        blank=True,
        related_name="offering_volunteers",
        verbose_name=_("kinds of help offered"),
    )
    refused_categories = models.ManyToManyField(
        "hulpvragen.HelpCategory",
        blank=True,
        related_name="refusing_volunteers",
        verbose_name=_("will not do"),
    )
    max_km = models.PositiveSmallIntegerField(
        _("maximum driving distance (km)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(500)],
    )
    has_car = models.BooleanField(_("own car"), default=False)
    car_fits_wheelchair = models.BooleanField(_("room for a wheelchair"), default=False)
    car_fits_rollator = models.BooleanField(_("room for a rollator"), default=False)
    boundaries = models.TextField(
        _("wishes and boundaries"),
        blank=True,
        help_text=_("In their own words, e.g. 'no garden work', 'not to the next village'."),
    )
    monthly_cap = models.PositiveSmallIntegerField(
        _("at most tasks per month"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )

    status = models.CharField(
        _("status"),
        max_length=12,
        choices=VolunteerStatus.choices,
        default=VolunteerStatus.SIGNED_UP,
    )
    paused_until = models.DateField(
        _("paused until"),
        null=True,
        blank=True,
        help_text=_("Empty while paused: until further notice."),
    )
    pause_note = models.CharField(_("reason for the pause"), max_length=200, blank=True)
    stopped_on = models.DateField(_("stopped on"), null=True, blank=True)
    stop_reason = models.CharField(
        _("reason for stopping"), max_length=20, choices=StopReason.choices, blank=True
    )
    stop_note = models.CharField(_("note on stopping"), max_length=200, blank=True)

    vog_date = models.DateField(_("VOG issued on"), null=True, blank=True)
    registered_on = models.DateField(_("registered on"), default=timezone.localdate)
    last_confirmed_on = models.DateField(_("details last confirmed on"), null=True, blank=True)
    # Maintained by matching (a later issue): the last day this volunteer was asked for a
    # task, whatever the answer. "Never asked" in the registry means this is empty.
    last_asked_on = models.DateField(_("last asked on"), null=True, blank=True)
    # The secret address of the volunteer's calendar feed (renewing it kills the old one).
    calendar_token = models.CharField(
        _("calendar address"), max_length=64, null=True, blank=True, unique=True, editable=False
    )
    signup_message = models.TextField(_("message with the sign-up"), blank=True)

    # Only for the desk: never shown to the volunteer.
    coordinator_notes = models.TextField(_("coordinator notes"), blank=True)

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        indexes = [
            models.Index(fields=["village", "last_name", "first_name"]),
            models.Index(fields=["village", "status"]),
            models.Index(fields=["village", "last_confirmed_on"]),
            models.Index(fields=["village", "last_asked_on"]),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return names.full_name(self.first_name, self.last_name)

    @property
    def address(self) -> str:
        line = f"{self.street} {self.house_number}".strip()
        place = f"{self.postcode} {self.place}".strip()
        return ", ".join(part for part in (line, place) if part)

    @property
    def phone_display(self) -> str:
        return dutch.format_phone(self.phone)

    # --- what availability.is_available reads (free when prefetched) -------------------
    @property
    def weekly_slots(self) -> frozenset[tuple[int, str]]:
        return frozenset((s.weekday, s.daypart) for s in self.availability_slots.all())

    @property
    def absence_periods(self) -> tuple:
        return tuple((a.starts_on, a.ends_on) for a in self.absences.all())

    def clean(self):
        super().clean()
        errors = {}
        for name, normalise in (("phone", normalise_phone), ("postcode", normalise_postcode)):
            try:
                setattr(self, name, normalise(getattr(self, name)))
            except ValidationError as exc:
                errors[name] = exc.messages
        self.email = (self.email or "").strip().lower()
        if self.status == VolunteerStatus.STOPPED and not (self.stopped_on and self.stop_reason):
            errors["stop_reason"] = _("Give the date and the reason for stopping.")
        if errors:
            raise ValidationError(errors)


class AvailabilitySlot(models.Model):
    """One weekday × daypart in a volunteer's weekly pattern."""

    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="availability_slots"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    daypart = models.CharField(_("daypart"), max_length=10, choices=Daypart.choices)

    class Meta:
        ordering = ["weekday", "daypart"]
        verbose_name = _("availability")
        verbose_name_plural = _("availability")
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "weekday", "daypart"], name="unique_volunteer_slot"
            )
        ]
        # "Available on weekday X, daypart Y" starts from the slot, then joins the volunteer.
        indexes = [models.Index(fields=["weekday", "daypart", "volunteer"])]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.get_daypart_display()}"


class Absence(models.Model):
    """A period away (holiday, hospital): first and last day included."""

    village = models.ForeignKey(
        "accounts.Village", on_delete=models.PROTECT, related_name="+", verbose_name=_("village")
    )
    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="absences", verbose_name=_("volunteer")
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("up to and including"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        indexes = [
            models.Index(fields=["volunteer", "ends_on"]),
            models.Index(fields=["village", "starts_on", "ends_on"]),
        ]

    def __str__(self):
        return f"{self.starts_on:%d-%m-%Y} – {self.ends_on:%d-%m-%Y}"

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last day cannot be before the first day.")})


class VolunteerChange(LogbookEntry):
    """One line in a volunteer's history: who changed what, and when.

    `changes` maps a field name to [old, new] as text. Changes the volunteer made themselves
    carry `by_volunteer`, so coordinators see what was updated on the phone.
    """

    class Kind(models.TextChoices):
        CREATED = "created", _("added to the registry")
        SIGNED_UP = "signed_up", _("signed up on the website")
        UPDATED = "updated", _("details changed")
        AVAILABILITY = "availability", _("availability changed")
        ABSENCE_ADDED = "absence_added", _("absence added")
        ABSENCE_REMOVED = "absence_removed", _("absence removed")
        PAUSED = "paused", _("paused")
        RESUMED = "resumed", _("active again")
        STOPPED = "stopped", _("stopped")
        ACTIVATED = "activated", _("activated after the intake chat")
        CONFIRMED = "confirmed", _("confirmed the details are still right")
        SHARED = "shared", _("also helps another village")
        SHARE_ENDED = "share_ended", _("no longer helps another village")

    about_fields = ("volunteer",)

    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="changes", verbose_name=_("volunteer")
    )
    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    by_volunteer = models.BooleanField(_("by the volunteer"), default=False)

    class Meta(LogbookEntry.Meta):
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        indexes = [
            models.Index(fields=["volunteer", "at"]),
            models.Index(fields=["village", "by_volunteer", "at"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.at:%d-%m-%Y})"


class ConfirmationRound(models.Model):
    """The yearly "are your details still right?" round of one village (one per year)."""

    village = models.ForeignKey(
        "accounts.Village", on_delete=models.PROTECT, related_name="+", verbose_name=_("village")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    started_on = models.DateField(_("started on"))
    respond_within_weeks = models.PositiveSmallIntegerField(
        _("answer expected within (weeks)"), default=4, validators=[MinValueValidator(1)]
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("confirmation round")
        verbose_name_plural = _("confirmation rounds")
        constraints = [
            models.UniqueConstraint(fields=["village", "year"], name="one_round_per_year")
        ]

    def __str__(self):
        return f"{self.village} {self.year}"


class ConfirmationRequest(models.Model):
    """One volunteer asked in a round: by e-mail, or on the coordinator's call list."""

    class Method(models.TextChoices):
        EMAIL = "email", _("e-mail")
        CALL = "call", _("call")

    village = models.ForeignKey(
        "accounts.Village", on_delete=models.PROTECT, related_name="+", verbose_name=_("village")
    )
    round = models.ForeignKey(ConfirmationRound, on_delete=models.CASCADE, related_name="requests")
    volunteer = models.ForeignKey(
        Volunteer,
        on_delete=models.CASCADE,
        related_name="confirmation_requests",
        verbose_name=_("volunteer"),
    )
    method = models.CharField(_("how"), max_length=10, choices=Method.choices)
    created_on = models.DateField(_("asked on"))
    # Set when the e-mail went out (claimed before sending, cleared again if it failed).
    sent_at = models.DateTimeField(_("e-mail sent at"), null=True, blank=True)
    responded_on = models.DateField(_("answered on"), null=True, blank=True)
    response_note = models.TextField(_("what has changed"), blank=True)
    flagged_on = models.DateField(_("no answer noted on"), null=True, blank=True)

    class Meta:
        ordering = ["volunteer__last_name", "volunteer__first_name"]
        verbose_name = _("confirmation request")
        verbose_name_plural = _("confirmation requests")
        constraints = [
            models.UniqueConstraint(fields=["round", "volunteer"], name="ask_once_per_round")
        ]
        indexes = [models.Index(fields=["village", "responded_on", "flagged_on"])]

    def __str__(self):
        return f"{self.volunteer} ({self.round.year})"


class VolunteerVillage(models.Model):
    """A neighbouring village this volunteer also helps ("helpt ook in"), as agreed by the
    home village (`volunteer.village`, also `village` here: the home desk keeps this row),
    with that village's own boundaries: which of the volunteer's kinds of help, how far, on
    which weekdays. The other village sees the volunteer among its candidates, marked with
    the home village; their name, offers and availability, and contact details only after
    they accepted a task there (`sharing`). Ending the agreement sets `ended_on`."""

    village = models.ForeignKey(
        "accounts.Village",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("home village"),
    )
    volunteer = models.ForeignKey(
        Volunteer,
        on_delete=models.CASCADE,
        related_name="helps_also_in",
        verbose_name=_("volunteer"),
    )
    helps_in = models.ForeignKey(
        "accounts.Village",
        on_delete=models.PROTECT,
        related_name="volunteers_from_elsewhere",
        verbose_name=_("also helps in"),
    )
    categories = models.ManyToManyField(
        "hulpvragen.HelpCategory",
        related_name="+",
        verbose_name=_("kinds of help there"),
    )
    max_km = models.PositiveSmallIntegerField(
        _("maximum driving distance there (km)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(500)],
        help_text=_("Empty: as far as at home."),
    )
    weekdays = models.JSONField(
        _("weekdays there"),
        default=list,
        blank=True,
        help_text=_("Empty: every day they are available."),
    )
    note = models.CharField(_("agreement"), max_length=200, blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agreed by"),
    )
    agreed_on = models.DateField(_("agreed on"), default=timezone.localdate)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["helps_in__name", "pk"]
        verbose_name = _("village the volunteer also helps")
        verbose_name_plural = _("villages the volunteer also helps")
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "helps_in"],
                condition=models.Q(ended_on__isnull=True),
                name="one_running_share_per_village",
            )
        ]
        # "Who from elsewhere helps here" starts from the other village.
        indexes = [models.Index(fields=["helps_in", "ended_on"])]

    def __str__(self):
        return f"{self.volunteer} → {self.helps_in}"

    @property
    def weekday_names(self) -> list[str]:
        """The agreed weekdays in words, lower case ("dinsdag"); empty: every day."""
        return [str(Weekday(day).label).lower() for day in sorted(self.weekdays)]

    def clean(self):
        super().clean()
        if self.helps_in_id and self.helps_in_id == self.village_id:
            raise ValidationError({"helps_in": _("This is the volunteer's own village already.")})
        if any(day not in range(7) for day in self.weekdays or []):
            raise ValidationError({"weekdays": _("Choose weekdays from the list.")})
