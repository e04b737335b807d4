import re
from decimal import Decimal

from django import forms
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts import form_fields
from accounts.calendar import Weekday
from accounts.roles import Role

from .checks import PUBLIC_FIELDS
from .models import ContactPerson, OpeningPeriod, Organisation, Theme
from .services import ORGANISATION_FIELDS

POSTCODE = re.compile(r"^\s*([1-9]\d{3})\s*([A-Za-z]{2})\s*$")


class OrganisationForm(forms.ModelForm):
    """The organisation itself, plus the distance from the active village.

    Knows the active village (for the distance label) and which villages the coordinator
    manages (to share an entry with them). The view hands cleaned_data to the services.
    """

    distance_km = form_fields.DutchDecimalField(
        label=_("Distance (km)"),
        required=False,
        min_value=Decimal("0"),
        max_value=Decimal("999"),
        max_digits=5,
        decimal_places=1,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("By road, one way. Fills in the distance of a ride by itself."),
    )
    website = forms.URLField(
        label=capfirst(Organisation._meta.get_field("website").verbose_name),
        required=False,
        assume_scheme="https",
    )
    shared_villages = forms.ModelMultipleChoiceField(
        label=_("Also on the social map of"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Organisation
        fields = [*ORGANISATION_FIELDS, "themes"]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "services": forms.Textarea(attrs={"rows": 4}),
            "opening_hours_note": forms.Textarea(attrs={"rows": 2}),
            "how_to_refer": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.village = access.village
        self.fields["themes"].queryset = Theme.objects.filter(is_active=True)
        self.fields["distance_km"].label = _("Distance from %(village)s (km)") % {
            "village": self.village.name
        }
        managed = [
            v for v in access.villages_with_role(Role.COORDINATOR) if v.pk != self.village.pk
        ]
        self.villages_managed = managed
        if managed:
            self.fields["shared_villages"].queryset = self.village.__class__.objects.filter(
                pk__in=[v.pk for v in managed]
            )
            if self.instance.pk:
                self.fields["shared_villages"].initial = [
                    v.pk for v in self.instance.villages.all() if v in managed
                ]
        else:
            del self.fields["shared_villages"]
        if self.instance.pk and "distance_km" not in self.initial:
            self.initial["distance_km"] = self.instance.distance_km_for(self.village)
        order = [
            "name",
            "kind",
            "themes",
            "services",
            "street_address",
            "postcode",
            "town",
            "phone",
            "email",
            "website",
            "opening_hours_note",
            "how_to_refer",
            "is_transport_destination",
            "distance_km",
            "shared_villages",
        ]
        self.order_fields(order)

    def clean_postcode(self):
        value = self.cleaned_data["postcode"].strip()
        if not value:
            return ""
        match = POSTCODE.match(value)
        if not match:
            raise forms.ValidationError(_("Enter a postcode like 9989 AB."))
        return f"{match.group(1)} {match.group(2).upper()}"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_transport_destination") and cleaned.get("distance_km") is None:
            self.add_error(
                "distance_km",
                _("A transport destination needs the distance from %(village)s.")
                % {"village": self.village.name},
            )
        return cleaned


class OpeningPeriodForm(forms.Form):
    weekday = forms.TypedChoiceField(
        label=_("Day"), choices=[("", "—"), *Weekday.choices], coerce=int, required=False
    )
    opens_at = forms.TimeField(
        label=_("From"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    closes_at = forms.TimeField(
        label=_("Until"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )

    def clean(self):
        cleaned = super().clean()
        weekday, opens_at, closes_at = (
            cleaned.get("weekday"),
            cleaned.get("opens_at"),
            cleaned.get("closes_at"),
        )
        if weekday in (None, "") and not opens_at and not closes_at:
            return cleaned  # an empty row
        if weekday in (None, ""):
            self.add_error("weekday", _("Choose a day."))
        if not opens_at:
            self.add_error("opens_at", _("Fill in from what time."))
        if not closes_at:
            self.add_error("closes_at", _("Fill in until what time."))
        if opens_at and closes_at and closes_at <= opens_at:
            self.add_error("closes_at", _("The closing time must be later than the opening time."))
        return cleaned


class BaseOpeningPeriodFormSet(forms.BaseFormSet):
    def periods(self) -> list[tuple]:
        """The filled-in rows as (weekday, opens_at, closes_at), deleted rows left out."""
        result = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE") or data.get("weekday") in (None, ""):
                continue
            result.append((data["weekday"], data["opens_at"], data["closes_at"]))
        return result


OpeningPeriodFormSet = forms.formset_factory(
    OpeningPeriodForm, formset=BaseOpeningPeriodFormSet, extra=3, can_delete=True, max_num=21
)


def opening_period_initial(organisation: Organisation) -> list[dict]:
    return [
        {"weekday": p.weekday, "opens_at": p.opens_at, "closes_at": p.closes_at}
        for p in OpeningPeriod.objects.filter(organisation=organisation)
    ]


class ContactPersonForm(forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "role", "phone", "email", "is_fixed_contact", "note"]


class ArchiveReason(models.TextChoices):
    STOPPED = "stopped", _("The organisation has stopped")
    MERGED = "merged", _("It merged into another organisation")
    NO_LONGER_HERE = "no_longer_here", _("It no longer works for our villages")
    DUPLICATE = "duplicate", _("It is on the map twice")
    OTHER = "other", _("Another reason")


ARCHIVE_NOTE_MAX = 200


class ArchiveForm(forms.Form):
    """Confirming an archive: a reason (no preselected one) and an optional note."""

    reason = forms.ChoiceField(
        label=_("Why is it archived?"),
        choices=[("", _("Choose a reason")), *ArchiveReason.choices],
        error_messages={"required": _("Choose why the organisation is archived.")},
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        # Validated rather than cut off by the browser: a pasted note is never truncated.
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("At most %(max)s characters, e.g. which organisation took over.")
        % {"max": ARCHIVE_NOTE_MAX},
    )

    def clean_note(self):
        note = self.cleaned_data["note"].strip()
        if len(note) > ARCHIVE_NOTE_MAX:
            raise forms.ValidationError(
                _("Keep the note to %(max)s characters (it has %(count)s now)."),
                params={"max": ARCHIVE_NOTE_MAX, "count": len(note)},
            )
        return note

    def summary(self) -> str:
        label = ArchiveReason(self.cleaned_data["reason"]).label
        note = self.cleaned_data["note"]
        return f"{label}: {note}" if note else str(label)


class EntryCheckForm(forms.ModelForm):
    """The public "Klopt dit nog?" form: the public fields of one entry, prefilled, plus
    who answers and a remark. Bound to a throw-away copy of the entry (never saved): the
    view hands the cleaned values to the service, which turns them into a proposal."""

    answered_by = forms.CharField(
        label=_("Your name"),
        max_length=120,
        help_text=_("So that we know whom to call with a question."),
    )
    website = forms.URLField(
        label=capfirst(Organisation._meta.get_field("website").verbose_name),
        required=False,
        assume_scheme="https",
    )
    remark = forms.CharField(
        label=_("Anything else we should know?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. other opening hours, a new contact person."),
    )

    class Meta:
        model = Organisation
        fields = PUBLIC_FIELDS
        widgets = {
            "services": forms.Textarea(attrs={"rows": 4}),
            "opening_hours_note": forms.Textarea(attrs={"rows": 2}),
            "how_to_refer": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["answered_by", *PUBLIC_FIELDS, "remark"])
        for name in ("phone",):
            self.fields[name].widget.attrs["inputmode"] = "tel"

    clean_postcode = OrganisationForm.clean_postcode

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in PUBLIC_FIELDS}
