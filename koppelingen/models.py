"""Matching (koppelen): invitations, matches, reports back, signals and the matching logbook.

- An `Invitation` is one volunteer asked for one request (by e-mail link or by phone).
- An `Assignment` is a match: a volunteer who accepted and is doing (or did) the task.
  Accepting is race-safe (services.invitation_accept locks the request).
- A `TaskReport` is what the volunteer reports afterwards; "I am worried" creates a `Signal`.
- A `Signal` is a worry the desk passes on to an organisation on the social map, with the
  resident's consent recorded.
- `LogEntry` is the matching logbook: one row per invitation, answer, match, report, mismatch
  and signal. Together with hulpvragen.StatusChange it is a request's history, and filtered
  on volunteer and resident it is the logbook of a pair.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.logbook import LogbookEntry


class Invitation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for an answer")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        TOO_LATE = "too_late", _("someone else was first")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Channel(models.TextChoices):
        EMAIL = "email", _("e-mail with a link")
        SMS = "sms", _("text message, answered by reply")
        PHONE = "phone", _("by phone")

    village = models.ForeignKey(
        "accounts.Village", on_delete=models.PROTECT, related_name="+", verbose_name=_("village")
    )
    help_request = models.ForeignKey(
        "hulpvragen.HelpRequest",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("help request"),
    )
    volunteer = models.ForeignKey(
        "vrijwilligers.Volunteer",
        on_delete=models.PROTECT,
        related_name="invitations",
        verbose_name=_("volunteer"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    channel = models.CharField(_("asked"), max_length=10, choices=Channel.choices)
    note_for_volunteer = models.TextField(
        _("note for the volunteer"),
        blank=True,
        help_text=_("Shown to the volunteer after accepting, e.g. 'ring loudly, she hears badly'."),
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("asked by"),
    )
    asked_at = models.DateTimeField(_("asked at"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    remark = models.CharField(_("remark"), max_length=300, blank=True)
    # The short code in a text-message invitation ("JA 12"), so that a volunteer with several
    # open invitations can answer each. Counts up per volunteer and is never reused.
    sms_code = models.CharField(_("code in the text message"), max_length=6, blank=True)

    class Meta:
        ordering = ["-asked_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["help_request", "volunteer"], name="one_invitation_per_volunteer"
            ),
            models.UniqueConstraint(
                fields=["volunteer", "sms_code"],
                condition=~models.Q(sms_code=""),
                name="one_sms_code_per_volunteer",
            ),
        ]
        indexes = [
            models.Index(fields=["village", "asked_at"]),
            models.Index(fields=["volunteer", "status"]),
        ]

    def __str__(self):
        return f"{self.volunteer} – {self.help_request}"


class Assignment(models.Model):
    """A match: this volunteer does (or did) this request."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("planned")
        DONE = "done", _("done")
        NOT_HAPPENED = "not_happened", _("did not happen")
        WITHDRAWN = "withdrawn", _("volunteer dropped out")

    village = models.ForeignKey(
        "accounts.Village", on_delete=models.PROTECT, related_name="+", verbose_name=_("village")
    )
    help_request = models.ForeignKey(
        "hulpvragen.HelpRequest",
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("help request"),
    )
    volunteer = models.ForeignKey(
        "vrijwilligers.Volunteer",
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("volunteer"),
    )
    # Copied from the request so that "this pair" and "deployed lately" are plain filters.
    resident = models.ForeignKey(
        "hulpvragen.Resident",
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("resident"),
    )
    task_date = models.DateField(_("date of the task"), null=True, blank=True)
    invitation = models.OneToOneField(
        Invitation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assignment",
        verbose_name=_("invitation"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE
    )
    accepted_at = models.DateTimeField(_("accepted at"), default=timezone.now)
    is_mismatch = models.BooleanField(_("mismatch"), default=False)
    mismatch_note = models.TextField(_("note on the mismatch"), blank=True)
    do_not_pair_again = models.BooleanField(_("do not pair again"), default=False)

    class Meta:
        ordering = ["-accepted_at"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [
            models.UniqueConstraint(
                fields=["help_request", "volunteer"], name="one_match_per_volunteer"
            )
        ]
        indexes = [
            models.Index(fields=["village", "task_date"]),
            models.Index(fields=["volunteer", "task_date"]),
            models.Index(fields=["resident", "volunteer"]),
            # Matches accepted in a year (the overview), and a request's first match.
            models.Index(fields=["village", "accepted_at"]),
            models.Index(fields=["help_request", "accepted_at"]),
        ]

    def __str__(self):
        return f"{self.volunteer} – {self.help_request}"


# A task someone has taken: planned or done (not dropped out, not "did not happen"). Counts
# towards a request's volunteers and a volunteer's deployments.
TAKEN_STATUSES = (Assignment.Status.ACTIVE, Assignment.Status.DONE)


class TaskReport(models.Model):
    """What the volunteer reports afterwards (or the coordinator on their behalf)."""

    class Outcome(models.TextChoices):
        DONE = "done", _("done")
        NOT_HAPPENED = "not_happened", _("did not happen")

    class HowItWent(models.TextChoices):
        GOOD = "good", _("good")
        SO_SO = "so_so", _("so-so")
        NOT_GOOD = "not_good", _("not good")

    assignment = models.OneToOneField(
        Assignment, on_delete=models.CASCADE, related_name="report", verbose_name=_("match")
    )
    outcome = models.CharField(_("did it happen?"), max_length=12, choices=Outcome.choices)
    not_happened_reason = models.CharField(_("why not"), max_length=300, blank=True)
    minutes_spent = models.PositiveIntegerField(
        _("time spent (minutes)"), null=True, blank=True, validators=[MaxValueValidator(24 * 60)]
    )
    km_driven = models.DecimalField(
        _("km driven"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(2000)],
    )
    how_it_went = models.CharField(
        _("how did it go?"), max_length=10, choices=HowItWent.choices, blank=True
    )
    remark = models.TextField(_("remark"), blank=True)
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported by"),
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self):
        return f"{self.assignment} – {self.get_outcome_display()}"


class Signal(models.Model):
    """A worry about a resident, passed on by the desk to an organisation on the social map."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        PASSED_ON = "passed_on", _("passed on")
        CLOSED = "closed", _("closed without passing on")

    class Consent(models.TextChoices):
        YES = "yes", _("the resident agreed")
        NO = "no", _("the resident did not agree")
        # Only as the exception, with a note on why (rules.signal_pass_on_errors).
        NOT_ASKED = "not_asked", _("exception: acute danger / the resident cannot be asked")

    village = models.ForeignKey(
        "accounts.Village", on_delete=models.PROTECT, related_name="+", verbose_name=_("village")
    )
    resident = models.ForeignKey(
        "hulpvragen.Resident",
        on_delete=models.PROTECT,
        related_name="signals",
        verbose_name=_("resident"),
    )
    help_request = models.ForeignKey(
        "hulpvragen.HelpRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("help request"),
    )
    reported_by_volunteer = models.ForeignKey(
        "vrijwilligers.Volunteer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("noticed by"),
    )
    description = models.TextField(_("what is the worry?"))
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    passed_to = models.ForeignKey(
        "sociale_kaart.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("passed on to"),
    )
    resident_consent = models.CharField(
        _("consent of the resident"), max_length=10, choices=Consent.choices, blank=True
    )
    passed_on_at = models.DateTimeField(_("passed on at"), null=True, blank=True)
    passed_on_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("passed on by"),
    )
    passed_on_note = models.TextField(_("what was passed on"), blank=True)
    consent_exception_note = models.TextField(_("why the resident could not be asked"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        indexes = [models.Index(fields=["village", "status", "created_at"])]

    def __str__(self):
        return f"{self.resident} – {self.created_at:%d-%m-%Y}"

    @property
    def passed_on_as_exception(self) -> bool:
        return (
            self.status == self.Status.PASSED_ON and self.resident_consent == self.Consent.NOT_ASKED
        )


class LogEntry(LogbookEntry):
    """One event in the matching logbook, about a request, a resident and/or a volunteer."""

    class Kind(models.TextChoices):
        INVITED = "invited", _("asked")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        TOO_LATE = "too_late", _("too late, someone else was first")
        REPORTED = "reported", _("reported back")
        MISMATCH = "mismatch", _("marked as mismatch")
        SIGNAL = "signal", _("worry reported")
        SIGNAL_PASSED_ON = "signal_passed_on", _("worry passed on")
        SIGNAL_EXCEPTION = (
            "signal_exception",
            _("worry passed on without consent (exception: acute danger / cannot be asked)"),
        )
        TODO_DONE = "todo_done", _("to-do done")
        TASK_WITHDRAWN = "task_withdrawn", _("task taken back from the volunteer")
        GAVE_BACK = "gave_back", _("the volunteer cannot after all")
        SMS_REPLY = "sms_reply", _("answered by text message")
        CALLED = "called", _("called by the desk")

    about_fields = ("help_request", "resident", "volunteer")

    help_request = models.ForeignKey(
        "hulpvragen.HelpRequest",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="matching_log",
        verbose_name=_("help request"),
    )
    resident = models.ForeignKey(
        "hulpvragen.Resident",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resident"),
    )
    volunteer = models.ForeignKey(
        "vrijwilligers.Volunteer",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="log_entries",
        verbose_name=_("volunteer"),
    )
    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)

    class Meta(LogbookEntry.Meta):
        verbose_name = _("logbook entry")
        verbose_name_plural = _("logbook entries")
        indexes = [
            models.Index(fields=["help_request", "at"]),
            models.Index(fields=["volunteer", "resident", "at"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.at:%d-%m-%Y %H:%M}"


class Occurrence(models.Model):
    """One planned moment of a recurring request (a weekly coffee, the morning phone call).

    Generated ahead by the background job from the request's pattern; the regular volunteers
    are carried over (taking turns when several share the request), and an occurrence without
    a volunteer is open for matching.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        DONE = "done", _("done")
        SKIPPED = "skipped", _("skipped")

    village = models.ForeignKey(
        "accounts.Village", on_delete=models.PROTECT, related_name="+", verbose_name=_("village")
    )
    help_request = models.ForeignKey(
        "hulpvragen.HelpRequest",
        on_delete=models.CASCADE,
        related_name="occurrences",
        verbose_name=_("help request"),
    )
    starts_at = models.DateTimeField(_("when"))
    volunteer = models.ForeignKey(
        "vrijwilligers.Volunteer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="occurrences",
        verbose_name=_("volunteer"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")
        constraints = [
            models.UniqueConstraint(
                fields=["help_request", "starts_at"], name="one_occurrence_per_moment"
            )
        ]
        indexes = [models.Index(fields=["village", "starts_at"])]

    def __str__(self):
        return f"{self.help_request} – {self.starts_at:%d-%m-%Y %H:%M}"
