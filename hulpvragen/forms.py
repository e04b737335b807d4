"""Forms. The intake form is built for a phone call: one page, typed dates ('morgen'),
find-or-create the resident, and nothing typed is lost when something is wrong."""

from __future__ import annotations

import re
from types import SimpleNamespace

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import dutch, form_fields
from accounts.templatetags.nl_format import km as km_text
from sociale_kaart.models import Organisation

from . import services
from .lifecycle import Status, backward_transitions, forward_transitions, reason_error
from .models import ConsentRecord, HelpCategory, HelpRequest, ReasonCode, Resident
from .recurrence import Frequency, Weekday
from .selectors import possible_duplicates, village_coordinators
from .services import TRIAGE_OUTCOME_STATUS, explanation_missing, referral_without_referring
from .triage import QUESTIONS, Outcome, needs_explanation, propose_outcome
from .urgency import Urgency


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        km = getattr(obj, "distance_km", None)
        return f"{obj.name} ({km_text(km)})" if km is not None else obj.name


class DutchDateField(form_fields.DutchDateField):
    """The shared Dutch date field, optional unless said otherwise (most intake dates are)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


class DutchTimeField(forms.CharField):
    """A time typed as '14:30', '14.30' or '1430'."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update({"placeholder": _("hh:mm"), "size": 6, "maxlength": 10})

    def to_python(self, value):
        return dutch.parse_time(super().to_python(value))

    def prepare_value(self, value):
        if hasattr(value, "strftime"):
            return value.strftime("%H:%M")
        return value


HOUSE_NUMBER_RE = re.compile(r"^\s*(\d{1,5})\s*[-\s]?\s*([A-Za-z0-9]{0,6})\s*$")


def parse_house_number(value: str) -> tuple[int, str]:
    """'12', '12a', '12 A', '12-2' → (number, addition)."""
    match = HOUSE_NUMBER_RE.match(value or "")
    if not match or int(match.group(1)) == 0:
        raise ValidationError(_("Enter a house number, for example 12 or 12a."))
    return int(match.group(1)), match.group(2)


class ReasonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.get_applies_to_display()}: {obj.label}"


class ResidentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} – {obj.street} {obj.house}, {obj.place}"


def show_limits(form: forms.BaseForm) -> None:
    """No silent truncation: a browser's maxlength cuts pasted text off without a word.
    Fields with a length limit show a counter instead (hulpvragen.js), and the server's
    error says what is too long while keeping the text."""
    for field in form.fields.values():
        limit = getattr(field, "max_length", None)
        if not limit or field.widget.attrs.pop("maxlength", None) is None:
            continue
        if limit >= 50:  # a counter on a postcode or a phone number would only be noise
            field.widget.attrs.update(
                {
                    "data-maxlength": limit,
                    "data-count-left": _("%(used)s of %(max)s characters"),
                    "data-count-over": _("%(used)s of %(max)s characters: please shorten"),
                }
            )


class ResidentForm(forms.ModelForm):
    # Longer than what is stored: people type spaces, "+31" and "(0)".
    phone = forms.CharField(label=_("Phone"), max_length=25, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=10)

    class Meta:
        model = Resident
        fields = [
            "first_name",
            "last_name",
            "street",
            "house_number",
            "house_number_addition",
            "postcode",
            "place",
            "phone",
            "email",
            "birth_year",
            "network_notes",
            "is_cooperative_member",
            "health_notes",
            "money_notes",
        ]
        widgets = {
            "network_notes": forms.Textarea(attrs={"rows": 3}),
            "health_notes": forms.Textarea(attrs={"rows": 3}),
            "money_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        show_limits(self)

    def clean_phone(self):
        return dutch.normalise_phone(self.cleaned_data["phone"])

    def clean_postcode(self):
        return dutch.normalise_postcode(self.cleaned_data["postcode"])


class NewResidentForm(ResidentForm):
    """A resident added during the intake, as they say it on the phone: the house number
    with its addition in one field ("12a", "12-2"), and the place left empty for an address
    in the desk's own village. Prefixed "new" on the intake page."""

    prefix = "new"
    house = forms.CharField(
        label=_("House number"),
        max_length=12,
        error_messages={"required": _("Enter the house number.")},
    )

    class Meta(ResidentForm.Meta):
        fields = [
            "first_name",
            "last_name",
            "phone",
            "postcode",
            "street",
            "place",
            "email",
            "birth_year",
            "network_notes",
            "is_cooperative_member",
        ]
        labels = {
            "first_name": _("First name"),
            "last_name": _("Last name"),
            "street": _("Street"),
            "place": _("Place"),
            "email": _("E-mail (optional)"),
            "birth_year": _("Birth year (optional)"),
            "network_notes": _("Own network"),
            "is_cooperative_member": _("Member of the cooperative"),
        }
        error_messages = {
            "first_name": {"required": _("Enter the first name.")},
            "last_name": {"required": _("Enter the last name.")},
            "street": {"required": _("Enter the street.")},
        }
        widgets = {"network_notes": forms.Textarea(attrs={"rows": 2})}

    field_order = ["first_name", "last_name", "phone", "postcode", "house", "street", "place"]

    def __init__(self, *args, village, **kwargs):
        super().__init__(*args, **kwargs)
        self.village = village
        self.fields["postcode"].error_messages["required"] = _("Enter the postcode.")
        # Not prefilled: a resident whose postcode lies outside the village would keep the
        # village's name. Left empty, the place is the village's when the postcode is.
        self.fields["place"].required = False
        self.fields["place"].help_text = _("Leave empty for an address in %(village)s.") % {
            "village": village.name
        }

    @classmethod
    def names_typed(cls, data) -> bool:
        """Whether a first or last name was typed: only then is a new resident meant."""
        return any(
            (data.get(f"{cls.prefix}-{name}") or "").strip() for name in ("first_name", "last_name")
        )

    def clean_house(self):
        return parse_house_number(self.cleaned_data["house"])

    def clean(self):
        data = super().clean()
        postcode = data.get("postcode")
        if data.get("place") or "place" in self.errors:
            return data
        if postcode and self.village.postcodes and not self.village.covers_postcode(postcode):
            self.add_error(
                "place",
                _("Postcode %(postcode)s is not in %(village)s. Enter the place.")
                % {"postcode": postcode, "village": self.village.name},
            )
        else:
            data["place"] = self.village.name
        return data

    def possible_duplicates(self) -> list[Resident]:
        """Residents of the village with the phone number or the address typed so far;
        what cannot be read yet (a half-typed number) is left out."""
        self.is_valid()  # the fields that could be read are in cleaned_data
        data = self.cleaned_data
        house = data.get("house")
        return possible_duplicates(
            village=self.village,
            phone=data.get("phone") or "",
            postcode=data.get("postcode") or "",
            house_number=house[0] if house else None,
        )

    def resident_fields(self) -> dict:
        """The keyword arguments of `services.resident_create`."""
        fields = dict(self.cleaned_data)
        fields["house_number"], fields["house_number_addition"] = fields.pop("house")
        return fields

    def add_service_errors(self, exc: ValidationError) -> None:
        add_service_errors(
            self, exc, aliases={"house_number": "house", "house_number_addition": "house"}
        )


class ResidentChoiceForm(forms.Form):
    """Who asks: a resident found by the search on the intake page (or a new one, below)."""

    resident_query = forms.CharField(
        label=_("Find the resident"),
        required=False,
        help_text=_("Name, street, postcode or phone number."),
    )
    resident = ResidentChoiceField(
        label=_("Resident"), queryset=Resident.objects.none(), required=False
    )
    confirm_new = forms.BooleanField(
        label=_("Yes, this is a different person: add as a new resident"), required=False
    )

    def __init__(self, *args, village, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"].queryset = Resident.objects.filter(village=village)
        self.fields["resident"].widget = forms.RadioSelect()


class HelpRequestForm(forms.Form):
    """What is asked, when, the ride and the desk's part: the request half of the intake
    (`IntakeForm`), and on its own the form that changes a request (`RequestEditForm`)."""

    asked_by = forms.CharField(
        label=_("Asked by (if not the resident)"), max_length=150, required=False
    )
    # --- what and when ----------------------------------------------------------------
    category = forms.ModelChoiceField(
        label=_("Kind of help"), queryset=HelpCategory.objects.filter(is_active=True)
    )
    description = forms.CharField(
        label=_("What is needed"), widget=forms.Textarea(attrs={"rows": 2})
    )
    timing = forms.ChoiceField(
        label=_("When"), choices=HelpRequest.Timing.choices, initial=HelpRequest.Timing.ON
    )
    needed_on = DutchDateField(label=_("Date"))
    time_from = DutchTimeField(label=_("Time"))
    needed_until = DutchDateField(label=_("Until date"))
    time_until = DutchTimeField(label=_("Until time"))
    channel = forms.ChoiceField(
        label=_("Channel"), choices=HelpRequest.Channel.choices, initial=HelpRequest.Channel.PHONE
    )
    referred_by = forms.ModelChoiceField(
        label=_("Referred by (organisation)"), queryset=Organisation.objects.none(), required=False
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"), choices=Urgency.choices, initial=Urgency.THIS_WEEK
    )
    volunteers_needed = forms.IntegerField(
        label=_("Volunteers needed"), min_value=1, max_value=20, initial=1
    )
    duration_minutes = forms.IntegerField(
        label=_("Takes (minutes)"),
        min_value=5,
        max_value=12 * 60,
        initial=120,
        required=False,
        help_text=_(
            "For the volunteer's calendar. For a ride with waiting: the stay at the destination;"
            " the drive is added."
        ),
    )
    # --- transport ---------------------------------------------------------------------
    pickup_address = forms.CharField(
        label=_("Pickup address"),
        max_length=200,
        required=False,
        help_text=_("Leave empty for the resident's own address."),
    )
    destination = OrganisationChoiceField(
        label=_("Destination from the social map"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("The distance is filled in from the social map."),
    )
    destination_text = forms.CharField(
        label=_("Or another destination (name and place)"), max_length=200, required=False
    )
    distance_km = form_fields.DutchDecimalField(
        label=_("Distance in km (one way)"),
        required=False,
        min_value=0,
        max_value=999,
        decimal_places=1,
    )
    appointment_time = DutchTimeField(label=_("Appointment time"))
    return_trip = forms.BooleanField(label=_("Return trip"), required=False, initial=True)
    wait_at_destination = forms.BooleanField(label=_("Wait at the destination"), required=False)
    mobility_aid = forms.ChoiceField(
        label=_("Along in the car"), choices=HelpRequest.MobilityAid.choices, required=False
    )
    # --- recurring ---------------------------------------------------------------------
    is_recurring = forms.BooleanField(label=_("Recurring request"), required=False)
    frequency = forms.ChoiceField(
        label=_("How often"), choices=[("", "—"), *Frequency.choices], required=False
    )
    weekday = forms.TypedChoiceField(
        label=_("Weekday"),
        choices=[("", "—"), *Weekday.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    interval_weeks = forms.IntegerField(
        label=_("Every how many weeks"), min_value=1, max_value=12, initial=1, required=False
    )
    times_of_day = forms.CharField(
        label=_("Times of day"),
        required=False,
        help_text=_("For example 09:00, 17:00 for two calls a day."),
    )
    recurrence_start = DutchDateField(label=_("Starts on"))
    review_on = DutchDateField(label=_("Review on"))
    # --- desk --------------------------------------------------------------------------
    assigned_to = forms.ModelChoiceField(
        label=_("Coordinator"), queryset=None, required=False, empty_label=_("nobody yet")
    )

    WHEN_FIELDS = ("timing", "needed_on", "time_from", "needed_until", "time_until")
    TRANSPORT_FIELDS = (
        "pickup_address",
        "destination",
        "destination_text",
        "distance_km",
        "appointment_time",
        "return_trip",
        "wait_at_destination",
        "mobility_aid",
    )
    RECURRING_FIELDS = (
        "frequency",
        "weekday",
        "interval_weeks",
        "times_of_day",
        "recurrence_start",
        "review_on",
    )

    def __init__(self, *args, village, **kwargs):
        super().__init__(*args, **kwargs)
        self.village = village
        self.fields["assigned_to"].queryset = village_coordinators(village)
        self._mark_recurring_required()
        show_limits(self)
        transport_ids = HelpCategory.objects.filter(is_transport=True).values_list("pk", flat=True)
        self.fields["category"].widget.attrs["data-transport-ids"] = " ".join(
            str(pk) for pk in transport_ids
        )
        organisations = Organisation.objects.for_village(village)
        self.fields["referred_by"].queryset = organisations
        self.fields["destination"].queryset = (
            organisations.transport_destinations().with_distance_for(village).order_by("name")
        )

    def _mark_recurring_required(self):
        """A recurring request needs these; they are marked required (and checked) when the
        request is recurring, or on an empty form, where the recurring part is hidden."""

        def posted(name):
            field = self.fields[name]
            return field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))

        recurring = not self.is_bound or bool(posted("is_recurring"))
        daily = self.is_bound and posted("frequency") == Frequency.DAILY
        messages = {
            "frequency": (recurring, _("Choose how often.")),
            "weekday": (recurring and not daily, _("Choose the weekday.")),
            "recurrence_start": (recurring, _("Enter the start date.")),
            "review_on": (recurring, _("Enter a date to review this recurring request.")),
        }
        for name, (required, message) in messages.items():
            self.fields[name].required = required
            self.fields[name].error_messages["required"] = message
        self.fields["review_on"].help_text = _(
            "Required: the desk looks again whether the help still fits."
        )

    # --- cleaning ------------------------------------------------------------------------
    def clean_times_of_day(self):
        parts = [p for p in re.split(r"[,;\s]+", self.cleaned_data["times_of_day"]) if p]
        return [dutch.parse_time(p).strftime("%H:%M") for p in parts]

    checks_new_request = True  # the past-date rule is for requests being taken in

    def clean(self):
        data = super().clean()
        if data.get("channel") == HelpRequest.Channel.REFERRAL and not data.get("referred_by"):
            self.add_error("referred_by", _("Choose the organisation that referred."))
        self._check_request(data)
        return data

    def _check_request(self, data):
        """The services' own rules on a draft, so that every problem shows at once (the
        past date too), not one round after the other."""
        category = data.get("category")
        draft = SimpleNamespace(
            **{name: data.get(name) for name in self.REQUEST_FIELDS},
            category=category if category is not None else SimpleNamespace(is_transport=False),
            destination_id=getattr(data.get("destination"), "pk", None),
        )
        errors = services.request_field_errors(draft)
        if self.checks_new_request:
            errors = services.new_request_errors(draft, now=timezone.now()) | errors
        for name, message in errors.items():
            if name not in self.errors:
                self.add_error(name if name in self.fields else None, message)

    REQUEST_FIELDS = (
        "description",
        "asked_by",
        "channel",
        "urgency",
        "volunteers_needed",
        "duration_minutes",
        "is_recurring",
        "frequency",
        "weekday",
        "interval_weeks",
        "times_of_day",
        "recurrence_start",
        "review_on",
        "pickup_address",
        "destination_text",
        "distance_km",
        "appointment_time",
        "return_trip",
        "wait_at_destination",
        "mobility_aid",
        "assigned_to",
        *WHEN_FIELDS,
    )

    def request_fields(self) -> dict:
        data = self.cleaned_data
        fields = {name: data.get(name) for name in self.REQUEST_FIELDS}
        fields["interval_weeks"] = fields["interval_weeks"] or 1
        fields["duration_minutes"] = fields["duration_minutes"] or 120
        fields["mobility_aid"] = fields["mobility_aid"] or ""
        fields["referred_by"] = data.get("referred_by")
        fields["destination"] = data.get("destination")
        return fields

    def add_service_errors(self, exc: ValidationError) -> None:
        add_service_errors(self, exc)


class RequestEditForm(HelpRequestForm):
    """A request's details changed after the intake (the resident stays)."""

    def __init__(self, *args, help_request: HelpRequest, **kwargs):
        data = args[0] if args else kwargs.get("data")
        if data is None:
            kwargs.setdefault("initial", self.initial_from(help_request))
        super().__init__(*args, village=help_request.village, **kwargs)

    def initial_from(self, help_request: HelpRequest) -> dict:
        names = (*self.REQUEST_FIELDS, "category", "referred_by", "destination")
        initial = {name: getattr(help_request, name) for name in names}
        initial["times_of_day"] = ", ".join(help_request.times_of_day)
        for name in ("category", "referred_by", "destination", "assigned_to"):
            related = initial[name]
            initial[name] = related.pk if related is not None else None
        return initial

    checks_new_request = False


class IntakeForm:
    """The intake page, typed while the resident is on the phone: who (a resident chosen
    from the search, or a new one typed in, `NewResidentForm` with the prefix "new") and the
    request (`HelpRequestForm`), sent as one form.

    Every part is checked at once, so that all problems show together. A new resident is
    meant when no resident is chosen and a first or last name is typed; otherwise what was
    typed there is shown again but not checked. `check=False` shows everything as typed
    without checking anything (the search button without JavaScript).
    """

    DUPLICATE = _(
        "This resident looks like someone we already know (same phone number "
        "or address). Choose them below, or tick that this is a different person."
    )

    def __init__(self, data=None, *, village, initial=None, check=True):
        self.village = village
        self.data = data if data is not None else {}
        self.wants_new_resident = not self.data.get("resident") and NewResidentForm.names_typed(
            self.data
        )
        self.who = _part(ResidentChoiceForm, data, check, village=village, initial=initial)
        self.request = _part(HelpRequestForm, data, check, village=village, initial=initial)
        self.new = _part(NewResidentForm, data, check and self.wants_new_resident, village=village)
        self.duplicates: list[Resident] = []

    @property
    def parts(self) -> tuple[forms.BaseForm, ...]:
        return (self.who, self.new, self.request)

    def is_valid(self) -> bool:
        if not self.who.is_bound:
            return False
        for part in self.parts:
            part.is_valid()
        if self.new.is_bound:
            self.duplicates = self.new.possible_duplicates()
            if self.duplicates and not self.who.cleaned_data.get("confirm_new"):
                self.new.add_error(None, self.DUPLICATE)
        elif self.who.cleaned_data.get("resident") is None and "resident" not in self.who.errors:
            self.who.add_error(
                "resident_query",
                _("Choose a resident from the search, or fill in a new resident."),
            )
        return not self.errors

    @property
    def errors(self) -> bool:
        return any(part.errors for part in self.parts)

    def non_field_errors(self) -> ErrorList:
        return ErrorList([error for part in self.parts for error in part.non_field_errors()])

    @property
    def chosen_pk(self) -> str:
        """The resident chosen so far (posted, or asked for in the address)."""
        return str((self.data.get("resident") or (self.who.initial.get("resident"))) or "")

    def take_in_arguments(self) -> dict:
        """The keyword arguments of `services.help_request_take_in` (village and `by` aside)."""
        return {
            "resident": self.who.cleaned_data.get("resident"),
            "new_resident": self.new.resident_fields() if self.new.is_bound else None,
            "category": self.request.cleaned_data["category"],
            **self.request.request_fields(),
        }

    def add_service_errors(self, exc: ValidationError) -> None:
        part = self.new if isinstance(exc, services.ResidentRefused) else self.request
        part.add_service_errors(exc)


def _part(form_class, data, check: bool, **kwargs):
    """A part of the intake: bound and checked, or showing what was typed unchecked."""
    if data is None or check:
        return form_class(data, **kwargs)
    kwargs.pop("initial", None)
    typed = form_class(data, **kwargs)
    return form_class(initial={name: typed[name].data for name in typed.fields}, **kwargs)


def add_service_errors(form: forms.BaseForm, exc: ValidationError, aliases=None) -> None:
    """Show a service's ValidationError on the fields it names (or on top of the form)."""
    aliases = aliases or {}
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.error_dict.items():
        field = aliases.get(name, name)
        form.add_error(field if field in form.fields else None, errors)


class TriageForm(forms.Form):
    """The boundary checklist plus the coordinator's decision.

    The decision starts on the proposal. Another decision is allowed with a short note;
    "referred" needs the organisation and what was passed on. All problems are reported at
    once, and nothing typed is dropped (see `services.help_request_triage`).
    """

    ANSWERS = [("yes", _("Yes")), ("no", _("No")), ("", _("Not known"))]

    outcome = forms.ChoiceField(
        label=_("Decision"),
        required=False,
        choices=[("", _("decide later (keep in triage)")), *Outcome.choices],
    )
    reason = ReasonChoiceField(
        label=_("Reason"),
        queryset=ReasonCode.objects.filter(is_active=True),
        required=False,
        empty_label=_("— choose a reason —"),
    )
    referred_to = forms.ModelChoiceField(
        label=_("Referred to"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("— choose the organisation —"),
    )
    referral_note = forms.CharField(
        label=_("What was passed on"),
        required=False,
        widget=forms.Textarea({"rows": 2}),
        help_text=_("For example: the question and the phone number, with consent."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea({"rows": 2}),
        help_text=_("Required when you decide otherwise than proposed."),
    )

    def __init__(self, *args, village, **kwargs):
        super().__init__(*args, **kwargs)
        for question in QUESTIONS:
            self.fields[f"q_{question.key}"] = forms.ChoiceField(
                label=question.text,
                help_text=question.help,
                choices=self.ANSWERS,
                required=False,
                widget=forms.RadioSelect(attrs={"class": "form-check-inline"}),
            )
        self.fields["referred_to"].queryset = Organisation.objects.for_village(village)
        self.proposal = None

    @staticmethod
    def initial_for(answers: dict) -> dict:
        mapping = {True: "yes", False: "no", None: ""}
        return {f"q_{key}": mapping[value] for key, value in answers.items()}

    def answers(self) -> dict:
        source = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        mapping = {"yes": True, "no": False}
        return {q.key: mapping.get(source.get(f"q_{q.key}") or "") for q in QUESTIONS}

    def clean(self):
        data = super().clean()
        self.proposal = propose_outcome(self.answers())
        outcome = data.get("outcome") or None
        reason = data.get("reason")
        if (
            needs_explanation(proposed=self.proposal.outcome, chosen=outcome)
            and not (data.get("note") or "").strip()
        ):
            self.add_error(
                "note", explanation_missing(proposed=self.proposal.outcome, chosen=outcome)
            )
        referral_given = data.get("referred_to") is not None or (
            (data.get("referral_note") or "").strip()
        )
        if outcome == Outcome.REFERRED:
            if data.get("referred_to") is None and "referred_to" not in self.errors:
                self.add_error(
                    "referred_to", _("Choose the organisation the request is referred to.")
                )
            if not (data.get("referral_note") or "").strip():
                self.add_error("referral_note", _("Write down what was passed on."))
        elif referral_given:
            self.add_error("outcome", referral_without_referring(outcome))
        if outcome not in (None, Outcome.ACCEPTED) and "reason" not in self.errors:
            # A reason goes with an exit; going ahead (accepted) ignores one.
            to = TRIAGE_OUTCOME_STATUS[outcome]
            problem = reason_error(to, reason.applies_to if reason else None)
            if problem:
                self.add_error("reason", problem)
        return data


class TransitionForm(forms.Form):
    """A status change on the board or the request page: the moves onward first, the
    steps back after them (on the board behind "meer…", sent as `back_to`)."""

    to = forms.ChoiceField(label=_("New status"), required=False)
    back_to = forms.ChoiceField(required=False, widget=forms.HiddenInput)
    reason = ReasonChoiceField(
        label=_("Reason"),
        queryset=ReasonCode.objects.filter(is_active=True),
        required=False,
        empty_label=_("— choose a reason —"),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea({"rows": 2}))
    referred_to = forms.ModelChoiceField(
        label=_("Referred to"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("— choose the organisation —"),
    )
    referral_note = forms.CharField(
        label=_("What was passed on (when referring)"),
        required=False,
        widget=forms.Textarea({"rows": 2}),
    )

    def __init__(self, *args, help_request: HelpRequest, reasons=None, **kwargs):
        super().__init__(*args, **kwargs)
        backward = backward_transitions(help_request.status, recurring=help_request.is_recurring)
        self.fields["to"].choices = self.move_choices(help_request)
        self.fields["back_to"].choices = [("", ""), *((s, s) for s in backward)]
        if reasons is not None:
            self.fields["reason"].queryset = reasons
        self.fields["referred_to"].queryset = self.organisations(help_request)

    @staticmethod
    def move_choices(help_request: HelpRequest) -> list:
        """The `to` field's choices: the moves onward, then the steps back in a group."""
        recurring = help_request.is_recurring
        forward = forward_transitions(help_request.status, recurring=recurring)
        backward = backward_transitions(help_request.status, recurring=recurring)
        choices: list = [(status, Status(status).label) for status in forward]
        if backward:
            choices.append((_("Back to an earlier step"), [(s, Status(s).label) for s in backward]))
        return choices

    @staticmethod
    def organisations(help_request: HelpRequest):
        """The organisations a request can be referred to: those serving its village."""
        return TransitionForm.organisations_of(help_request.village_id)

    @staticmethod
    def organisations_of(village_id: int):
        return Organisation.objects.for_village(village_id)

    def clean(self):
        data = super().clean()
        if data.get("back_to"):
            data["to"] = data["back_to"]
        if not data.get("to") and "to" not in self.errors:
            self.add_error("to", _("Choose the new status."))
        reason = data.get("reason")
        if data.get("to") and "reason" not in self.errors:
            problem = reason_error(data["to"], reason.applies_to if reason else None)
            if problem:
                self.add_error("reason", problem)
        return data


class ConsentForm(forms.ModelForm):
    given_on = DutchDateField(label=_("Given on"), required=True)

    class Meta:
        model = ConsentRecord
        fields = ["purpose", "given_on", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        show_limits(self)
