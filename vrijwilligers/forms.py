from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.calendar import Weekday
from accounts.dutch import is_mobile
from accounts.form_fields import DutchDateField
from hulpvragen.models import HelpCategory

from .availability import ALL_SLOTS, Daypart
from .channels import ContactChannel, default_channel
from .models import StopReason, Volunteer, normalise_phone, normalise_postcode


def slot_key(weekday: int, daypart: str) -> str:
    return f"{weekday}-{daypart}"


def slot_keys(slots) -> list[str]:
    return [slot_key(day, part) for day, part in slots]


class AvailabilityGridField(forms.MultipleChoiceField):
    """The weekly pattern as 21 checkboxes; cleans to a set of (weekday, daypart)."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("When can you help?"))
        choices = [
            (slot_key(day, part), f"{Weekday(day).label} {Daypart(part).label}")
            for day, part in ALL_SLOTS
        ]
        super().__init__(choices=choices, **kwargs)

    def clean(self, value):
        keys = super().clean(value)
        result = set()
        for key in keys:
            day, part = key.split("-", 1)
            result.add((int(day), part))
        return result


def grid_rows(bound_field):
    """[(weekday label, [(daypart label, key, checked)])] for the grid template."""
    value = bound_field.value() or []
    chosen = {str(v) for v in value}
    return [
        (
            Weekday(day).label,
            [
                (Daypart(part).label, slot_key(day, part), slot_key(day, part) in chosen)
                for part in Daypart.values
            ],
        )
        for day in Weekday.values
    ]


# What the phone may fill in, and which keyboard it shows (HTML autocomplete tokens).
CONTACT_INPUTS = {
    "first_name": {"autocomplete": "given-name"},
    "last_name": {"autocomplete": "family-name"},
    "email": {"type": "email", "autocomplete": "email", "inputmode": "email"},
    "phone": {"type": "tel", "autocomplete": "tel", "inputmode": "tel"},
    "street": {"autocomplete": "address-line1"},
    "house_number": {"autocomplete": "off", "inputmode": "text"},
    "postcode": {"autocomplete": "postal-code", "autocapitalize": "characters"},
    "place": {"autocomplete": "address-level2"},
}


class DutchContactMixin:
    """Phone and postcode get a plain Dutch error on the field and are stored normalised.
    The contact inputs carry `autocomplete` and the right type (`tel`, `email`), so that a
    phone offers what it knows and shows the right keyboard."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, attrs in CONTACT_INPUTS.items():
            if name in self.fields:
                widget = self.fields[name].widget
                if "type" in attrs:
                    widget.input_type = attrs["type"]
                widget.attrs.update({k: v for k, v in attrs.items() if k != "type"})

    def clean_phone(self):
        try:
            return normalise_phone(self.cleaned_data.get("phone", ""))
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from None

    def clean_postcode(self):
        try:
            return normalise_postcode(self.cleaned_data.get("postcode", ""))
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from None


def category_field(label, required=False):
    return forms.ModelMultipleChoiceField(
        queryset=HelpCategory.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        required=required,
        label=label,
    )


class CategoriesCleanMixin:
    def clean(self):
        cleaned = super().clean()
        offered = set(cleaned.get("categories") or [])
        refused = set(cleaned.get("refused_categories") or [])
        if offered & refused:
            self.add_error(
                "refused_categories",
                _("A kind of help cannot be both offered and refused: %(names)s.")
                % {"names": ", ".join(sorted(str(c) for c in offered & refused))},
            )
        return cleaned


class ChannelCleanMixin:
    """The preferred channel must be one the details can serve: a text message needs a mobile
    number, an e-mail an address. Left empty on the coordinator's form, it follows the
    details (e-mail, else a text message to a mobile, else a call)."""

    channel_email_error = _("To be asked by e-mail, fill in an e-mail address.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_channel"].required = False

    def clean(self):
        cleaned = super().clean()
        channel = cleaned.get("contact_channel")
        email = cleaned.get("email", getattr(self.instance, "email", ""))
        phone = cleaned.get("phone", getattr(self.instance, "phone", ""))
        if not channel and self.instance.pk:  # not sent along: unchanged
            cleaned["contact_channel"] = self.instance.contact_channel
        elif not channel:
            cleaned["contact_channel"] = default_channel(email=email or "", phone=phone or "")
        elif channel == ContactChannel.SMS and "phone" not in self.errors and not is_mobile(phone):
            self.add_error(
                "contact_channel",
                _("A text message needs a mobile number (06…); a landline cannot receive one."),
            )
        elif channel == ContactChannel.EMAIL and not email:
            self.add_error("contact_channel", self.channel_email_error)
        return cleaned


class VolunteerForm(ChannelCleanMixin, DutchContactMixin, CategoriesCleanMixin, forms.ModelForm):
    """The coordinator's form: everything, including notes and the weekly pattern."""

    categories = category_field(_("Kinds of help offered"))
    refused_categories = category_field(_("Will not do"))
    slots = AvailabilityGridField(label=_("Available"))

    class Meta:
        model = Volunteer
        fields = [
            "first_name",
            "last_name",
            "email",
            "phone",
            "contact_channel",
            "wants_week_letter",
            "street",
            "house_number",
            "postcode",
            "place",
            "birth_year",
            "categories",
            "refused_categories",
            "max_km",
            "has_car",
            "car_fits_wheelchair",
            "car_fits_rollator",
            "boundaries",
            "monthly_cap",
            "vog_date",
            "registered_on",
            "coordinator_notes",
        ]
        field_classes = {"vog_date": DutchDateField, "registered_on": DutchDateField}
        widgets = {
            "boundaries": forms.Textarea(attrs={"rows": 3}),
            "coordinator_notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["contact_channel"].choices = [
                ("", _("as the details allow")),
                *ContactChannel.choices,
            ]
            self.initial.setdefault("contact_channel", "")
        if self.instance.pk and not self.is_bound:
            self.initial["slots"] = slot_keys(self.instance.weekly_slots)

    def detail_fields(self) -> dict:
        skip = {"categories", "refused_categories", "slots"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class MyDetailsForm(ChannelCleanMixin, DutchContactMixin, forms.ModelForm):
    """A volunteer's own contact details and how they want to be asked. The e-mail address
    is also the login, so changing it goes through the coordinator."""

    channel_email_error = _(
        "We have no e-mail address for you. Ask the desk to add it, or choose another way."
    )

    class Meta:
        model = Volunteer
        fields = [
            "first_name",
            "last_name",
            "phone",
            "contact_channel",
            "wants_week_letter",
            "street",
            "house_number",
            "postcode",
            "place",
        ]
        labels = {
            "contact_channel": _("How do you want to be asked for a task?"),
            "wants_week_letter": _("Also send me a letter on paper with my tasks of the week"),
        }
        widgets = {"contact_channel": forms.RadioSelect}


class MyBoundariesForm(CategoriesCleanMixin, forms.ModelForm):
    categories = category_field(_("What I like to do"))
    refused_categories = category_field(_("What I will not do"))

    class Meta:
        model = Volunteer
        fields = [
            "categories",
            "refused_categories",
            "boundaries",
            "max_km",
            "has_car",
            "car_fits_wheelchair",
            "car_fits_rollator",
            "monthly_cap",
        ]
        labels = {"boundaries": _("My wishes and boundaries, in my own words")}
        widgets = {"boundaries": forms.Textarea(attrs={"rows": 4})}

    def detail_fields(self) -> dict:
        skip = {"categories", "refused_categories"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class AvailabilityForm(forms.Form):
    slots = AvailabilityGridField(label=_("When can you help?"))


class AbsenceForm(forms.Form):
    starts_on = DutchDateField(label=_("Away from"))
    ends_on = DutchDateField(label=_("Up to and including"))
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=200,
        help_text=_("For example: on holiday, in hospital."),
    )

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on:
            if ends_on < starts_on:
                self.add_error("ends_on", _("The last day cannot be before the first day."))
            elif ends_on < timezone.localdate():
                self.add_error("ends_on", _("This period is already over."))
        return cleaned


class PauseForm(forms.Form):
    until = DutchDateField(
        label=_("Paused until (optional)"),
        required=False,
        help_text=_("Leave empty for 'until further notice'."),
    )
    note = forms.CharField(label=_("Reason (optional)"), required=False, max_length=200)

    def clean_until(self):
        until = self.cleaned_data.get("until")
        if until and until < timezone.localdate():
            raise forms.ValidationError(_("Choose a date from today on."))
        return until


class StopForm(forms.Form):
    on = DutchDateField(label=_("Stopped on"))
    # No reason is chosen for the coordinator: the registry counts on these codes.
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[("", _("– choose a reason –")), *StopReason.choices],
        error_messages={"required": _("Choose the reason for stopping.")},
    )
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=200)


class SignUpForm(DutchContactMixin, forms.Form):
    """The public "Word vrijwilliger" form. `website` is a honeypot: people never see it."""

    first_name = forms.CharField(label=_("First name"), max_length=80)
    last_name = forms.CharField(label=_("Last name"), max_length=120)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.CharField(label=_("Phone number"), required=False, max_length=20)
    street = forms.CharField(label=_("Street"), required=False, max_length=150)
    house_number = forms.CharField(label=_("House number"), required=False, max_length=10)
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=10)
    place = forms.CharField(label=_("Place"), required=False, max_length=100)
    categories = category_field(_("What would you like to do?"), required=True)
    slots = AvailabilityGridField(label=_("When could you help? (optional)"))
    message = forms.CharField(
        label=_("Anything else you want to tell us? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    error_messages = {
        "contact": _("Give an e-mail address or a phone number, so that we can reach you."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].error_messages["required"] = _(
            "Tick at least one thing you would like to do."
        )

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("email")
            and not cleaned.get("phone")
            and not (self.errors.get("email") or self.errors.get("phone"))
        ):
            raise forms.ValidationError(self.error_messages["contact"], code="contact")
        return cleaned

    def volunteer_fields(self) -> dict:
        names = ["first_name", "last_name", "email", "phone", "street", "house_number"]
        names += ["postcode", "place"]
        return {name: self.cleaned_data[name] for name in names}


class ConfirmationAnswerForm(forms.Form):
    note = forms.CharField(
        label=_("Has anything changed? Write it here (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ShareForm(forms.Form):
    """The home desk agrees that a volunteer also helps a neighbouring village, with that
    village's own boundaries."""

    helps_in = forms.ModelChoiceField(
        label=_("Also helps in"),
        queryset=None,
        empty_label=_("– choose a village –"),
        error_messages={"required": _("Choose the village.")},
    )
    categories = forms.ModelMultipleChoiceField(
        label=_("Kinds of help there"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one kind of help.")},
    )
    max_km = forms.IntegerField(
        label=_("Drives at most there (km, optional)"),
        required=False,
        min_value=1,
        max_value=500,
        help_text=_("Empty: as far as at home."),
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Weekdays there (optional)"),
        choices=Weekday.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every day they are available."),
    )
    note = forms.CharField(
        label=_("What was agreed (optional)"),
        required=False,
        max_length=200,
        help_text=_("E.g. 'only rides to the hospital in Delfzijl'."),
    )

    def __init__(self, *args, volunteer, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.volunteer = volunteer
        self.fields["helps_in"].queryset = villages
        self.fields["categories"].queryset = volunteer.categories.order_by("order", "name")

    def clean_max_km(self):
        km = self.cleaned_data.get("max_km")
        home = self.volunteer.max_km
        if km is not None and home is not None and km > home:
            raise forms.ValidationError(
                _("At home they drive at most %(km)s km: not further for another village.")
                % {"km": home}
            )
        return km
