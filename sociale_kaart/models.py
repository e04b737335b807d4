"""The social map (sociale kaart): who does what around here.

An organisation is not owned by one village: a Wmo desk serves a whole municipality, so an
entry is shared through `villages`. Everything that reads the map goes through
`Organisation.objects.for_village(village)` (or the getter in sociale_kaart.access) so that
a village only ever sees the organisations that serve it.

Organisations are archived, never deleted: referrals and signals point at them.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import OuterRef, Subquery, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.calendar import Weekday
from accounts.logbook import LogbookEntry


class Theme(models.Model):
    """A theme of the social map (wonen, zorg, geld …); configurable by the beheerder.

    Codes are stable identifiers (imports, reports); names are what people read.
    """

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("municipality / Wmo desk")
    WELFARE = "welfare", _("welfare organisation")
    GP = "gp", _("GP and practice nurse")
    HOME_CARE = "home_care", _("home care and district nursing")
    HOUSING = "housing", _("housing corporation")
    FOOD_BANK = "food_bank", _("food bank")
    TRANSPORT = "transport", _("transport")
    HOSPITAL = "hospital", _("hospital")
    CHURCH_ASSOCIATION = "church_association", _("church or association")
    LIBRARY = "library", _("library")
    COMMERCIAL = "commercial", _("commercial firm")
    OTHER = "other", _("other")


class DistanceSubquery(Subquery):
    """A distance read through a subquery, with one decimal like the column itself.

    SQLite hands a subquery's decimal back as a float, which Django turns into
    Decimal('0.800000000000000') (it only rounds plain columns to their decimal places).
    That value no longer fits max_digits=5 once it is copied onto a ride, and it shows as
    '0.800000000000000 km'.
    """

    output_field = models.DecimalField(max_digits=5, decimal_places=1)

    def get_db_converters(self, connection):
        return [*super().get_db_converters(connection), self._one_decimal]

    @staticmethod
    def _one_decimal(value, expression, connection):
        return None if value is None else Decimal(value).quantize(Decimal("0.1"))


class OrganisationQuerySet(models.QuerySet):
    def for_village(self, village):
        """Non-archived organisations that serve `village`."""
        return self.filter(villages=village, is_archived=False)

    def with_distance_for(self, village):
        """Annotate `distance_km` (Decimal or None) from `village` (a village or its id), in
        the same query."""
        village_id = getattr(village, "pk", village)
        distances = OrganisationDistance.objects.filter(
            organisation=OuterRef("pk"), village_id=village_id
        ).values("km")[:1]
        return self.annotate(
            distance_km=DistanceSubquery(distances),
            distance_village_id=Value(village_id, output_field=models.BigIntegerField()),
        )

    def transport_destinations(self):
        return self.filter(is_transport_destination=True)

    def stale(self, today):
        """Entries not verified in the last 12 months (or never); see freshness.py."""
        from .freshness import stale_cutoff

        return self.not_verified_since(stale_cutoff(today))

    def not_verified_since(self, cutoff):
        """Entries never verified or last verified before `cutoff`."""
        return self.filter(
            models.Q(last_verified_on__isnull=True) | models.Q(last_verified_on__lt=cutoff)
        )


class Organisation(models.Model):
    """An organisation on the social map, shared by the villages it serves."""

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(
        _("type"), max_length=30, choices=OrganisationKind.choices, default=OrganisationKind.OTHER
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), related_name="organisations", blank=True
    )
    services = models.TextField(
        _("what they offer"),
        blank=True,
        help_text=_("One service per line, e.g. “Wmo application for a stairlift”."),
    )
    street_address = models.CharField(_("street and number"), max_length=150, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    town = models.CharField(_("town"), max_length=80, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    opening_hours_note = models.TextField(
        _("remark on opening hours"),
        blank=True,
        help_text=_("E.g. “Walk-in on Tuesday morning, otherwise by appointment”."),
    )
    how_to_refer = models.TextField(
        _("how to refer"),
        blank=True,
        help_text=_("What the desk does to pass someone on: call, form, e-mail, with consent."),
    )
    villages = models.ManyToManyField(
        "accounts.Village",
        verbose_name=_("villages served"),
        related_name="social_map_organisations",
    )
    is_transport_destination = models.BooleanField(
        _("transport destination"),
        default=False,
        help_text=_("Volunteers drive residents here; keep the distance from each village."),
    )
    is_archived = models.BooleanField(_("archived"), default=False, db_index=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    last_verified_on = models.DateField(_("last verified on"), null=True, blank=True)
    last_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last verified by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [
            models.Index(fields=["is_archived", "name"]),
            models.Index(fields=["last_verified_on"]),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("sociale_kaart:detail", kwargs={"pk": self.pk})

    @property
    def services_list(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.services.splitlines() if line.strip(" -•\t")]

    @property
    def address_line(self) -> str:
        place = " ".join(part for part in (self.postcode, self.town) if part)
        return ", ".join(part for part in (self.street_address, place) if part)

    def is_stale(self, today) -> bool:
        from .freshness import is_stale

        return is_stale(self.last_verified_on, today)

    def distance_km_for(self, village) -> Decimal | None:
        """Distance in km from `village`, or None when nobody has recorded it.

        Uses the `with_distance_for` annotation or prefetched `distances` when present.
        """
        if getattr(self, "distance_village_id", None) == village.pk:
            return self.distance_km
        if "distances" in getattr(self, "_prefetched_objects_cache", {}):
            for distance in self.distances.all():
                if distance.village_id == village.pk:
                    return distance.km
            return None
        return (
            OrganisationDistance.objects.filter(organisation=self, village=village)
            .values_list("km", flat=True)
            .first()
        )


class OrganisationDistance(models.Model):
    """How far an organisation is from a village, by road, in km (fills in a ride's distance)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="distances",
        verbose_name=_("organisation"),
    )
    village = models.ForeignKey(
        "accounts.Village",
        on_delete=models.CASCADE,
        related_name="organisation_distances",
        verbose_name=_("village"),
    )
    km = models.DecimalField(
        _("distance (km)"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("999"))],
    )

    class Meta:
        verbose_name = _("distance")
        verbose_name_plural = _("distances")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "village"], name="unique_organisation_distance"
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.village}: {self.km} km"


class OpeningPeriod(models.Model):
    """One opening period on one weekday (a day may have a morning and an afternoon)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="opening_periods",
        verbose_name=_("organisation"),
    )
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens_at = models.TimeField(_("from"))
    closes_at = models.TimeField(_("until"))

    class Meta:
        ordering = ["weekday", "opens_at"]
        verbose_name = _("opening period")
        verbose_name_plural = _("opening hours")

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError(
                {"closes_at": _("The closing time must be later than the opening time.")}
            )


class ContactPerson(models.Model):
    """A person to call at an organisation. Private: only coordinators see contacts."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    is_fixed_contact = models.BooleanField(
        _("fixed contact person"),
        default=False,
        help_text=_("The person the desk always calls first (vaste contactpersoon)."),
    )
    note = models.CharField(_("note"), max_length=250, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-is_fixed_contact", "name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self):
        return self.name


class LogAction(models.TextChoices):
    CREATED = "created", _("created")
    UPDATED = "updated", _("changed")
    VERIFIED = "verified", _("verified")
    ARCHIVED = "archived", _("archived")
    RESTORED = "restored", _("restored")
    CONTACT_ADDED = "contact_added", _("contact person added")
    CONTACT_CHANGED = "contact_changed", _("contact person changed")
    CONTACT_REMOVED = "contact_removed", _("contact person removed")
    CHECK_ASKED = "check_asked", _("asked the organisation: still right?")
    CHECK_CONFIRMED = "check_confirmed", _("the organisation confirmed the entry")
    PROPOSAL_RECEIVED = "proposal_received", _("the organisation proposed a correction")
    PROPOSAL_ACCEPTED = "proposal_accepted", _("correction accepted")
    PROPOSAL_REJECTED = "proposal_rejected", _("correction rejected")


class OrganisationLogEntry(LogbookEntry):
    """One line of history per change to an organisation (who, when, what, from which village).

    The organisation is shared by villages, so the village is the editor's, and may be empty.
    """

    about_fields = ("organisation",)

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="log_entries",
        verbose_name=_("organisation"),
    )
    village = models.ForeignKey(
        "accounts.Village",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("village"),
    )
    kind = models.CharField(_("what"), max_length=20, choices=LogAction.choices)

    class Meta(LogbookEntry.Meta):
        verbose_name = _("history entry")
        verbose_name_plural = _("history")
        indexes = [models.Index(fields=["organisation", "-at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d} {self.get_kind_display()} {self.organisation}"


class EntryCheck(models.Model):
    """One "Klopt dit nog?" round for one entry: the organisation's contact person was asked
    by e-mail (a signed link, no login) to check the entry, and answers once.

    The answer is "still right" (the entry counts as verified that day) or a correction,
    which becomes an `EntryProposal` for a coordinator. See sociale_kaart/checks.py.
    """

    class Answer(models.TextChoices):
        STILL_RIGHT = "still_right", _("still right")
        CORRECTION = "correction", _("sent a correction")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="checks",
        verbose_name=_("organisation"),
    )
    # The desk that asks (its name and phone sign the e-mail).
    village = models.ForeignKey(
        "accounts.Village", on_delete=models.CASCADE, related_name="+", verbose_name=_("village")
    )
    contact = models.ForeignKey(
        ContactPerson,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact person"),
    )
    email = models.EmailField(_("asked at e-mail address"))
    asked_at = models.DateTimeField(_("asked at"), default=timezone.now)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("asked by"),
        help_text=_("Empty when the yearly job asked."),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answer = models.CharField(_("answer"), max_length=12, choices=Answer.choices, blank=True)
    answered_by_name = models.CharField(_("answered by"), max_length=120, blank=True)

    class Meta:
        ordering = ["-asked_at"]
        verbose_name = _("entry check")
        verbose_name_plural = _("entry checks")
        indexes = [models.Index(fields=["organisation", "-asked_at"])]

    def __str__(self):
        return f"{self.organisation} – {self.asked_at:%Y-%m-%d}"


class EntryProposal(models.Model):
    """A correction the organisation proposed through the link: what it wants changed
    (only fields of the entry, see checks.PUBLIC_FIELDS), by whom, when; accepted (applied
    through the service) or rejected (the entry stays) by a coordinator."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for review")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    check_round = models.OneToOneField(
        EntryCheck,
        on_delete=models.CASCADE,
        related_name="proposal",
        verbose_name=_("check"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="proposals",
        verbose_name=_("organisation"),
    )
    # {field name: [value in the entry when proposed, proposed value]}, changed fields only.
    changes = models.JSONField(_("proposed changes"), default=dict, blank=True)
    remark = models.TextField(_("remark"), blank=True, max_length=2000)
    proposed_by_name = models.CharField(_("proposed by"), max_length=120)
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )

    class Meta:
        ordering = ["-proposed_at"]
        verbose_name = _("proposed correction")
        verbose_name_plural = _("proposed corrections")
        indexes = [models.Index(fields=["status", "-proposed_at"])]

    def __str__(self):
        return f"{self.organisation} – {self.get_status_display()}"


class SearchDocument(models.Model):
    """The searchable text of one organisation, kept beside it (sociale_kaart.search_index).

    Its folded words and their Dutch stems (sociale_kaart.search.document) of the name,
    services, town, themes and contact persons, so that the search box is one indexed query
    (a trigram index on PostgreSQL) instead of stemming a village's whole map per request.
    Derived data: rebuilt from the organisation whenever it, its themes or its contacts change.
    """

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
        verbose_name=_("organisation"),
    )
    text = models.TextField(_("search text"), blank=True)

    class Meta:
        verbose_name = _("search text")
        verbose_name_plural = _("search texts")

    def __str__(self):
        return f"{self.organisation_id}: {self.text[:40]}"
