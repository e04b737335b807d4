from django import forms
from django.utils.translation import gettext_lazy as _

from accounts import form_fields

from . import rules
from .models import Signal, TaskReport


class AskForm(forms.Form):
    volunteer = forms.TypedMultipleChoiceField(
        label=_("Volunteers to ask"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(
        label=_("Note for the volunteer (shown after accepting)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )

    def __init__(self, *args, volunteer_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].choices = volunteer_choices
        self.fields["volunteer"].error_messages["required"] = _("Choose at least one volunteer.")


class ReportForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Did it happen?"), choices=TaskReport.Outcome.choices, widget=forms.RadioSelect
    )
    not_happened_reason = forms.CharField(label=_("Why not?"), required=False, max_length=300)
    minutes_spent = forms.IntegerField(
        label=_("How long did it take (minutes)?"), required=False, min_value=0, max_value=1440
    )
    km_driven = form_fields.DutchDecimalField(
        label=_("How many km did you drive (for the expense claim)?"),
        required=False,
        min_value=0,
        max_value=2000,
        decimal_places=1,
    )
    how_it_went = forms.ChoiceField(
        label=_("How did it go?"),
        choices=TaskReport.HowItWent.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    remark = forms.CharField(
        label=_("Anything else?"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    worry = forms.CharField(
        label=_("Are you worried about something? Tell us (only the desk reads this)."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, is_transport=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not is_transport:
            del self.fields["km_driven"]

    def clean(self):
        data = super().clean()
        if (
            data.get("outcome") == TaskReport.Outcome.NOT_HAPPENED
            and not data.get("not_happened_reason", "").strip()
        ):
            self.add_error("not_happened_reason", _("Tell us briefly why it did not happen."))
        if data.get("outcome") == TaskReport.Outcome.DONE and not data.get("how_it_went"):
            self.add_error("how_it_went", _("Choose how it went."))
        return data


class MismatchForm(forms.Form):
    note = forms.CharField(
        label=_("What went wrong?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    do_not_pair_again = forms.BooleanField(
        label=_("Do not pair this volunteer with this resident again"), required=False
    )


class PassOnForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Passed on to"), queryset=None, empty_label=_("Choose an organisation")
    )
    consent = forms.ChoiceField(
        label=_("Did the resident agree?"),
        choices=Signal.Consent.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "A signal is passed on only with the resident's consent. The exception is acute"
            " danger, or a resident who cannot be asked: then write down why."
        ),
    )
    exception_note = forms.CharField(
        label=_("Only for the exception: why could the resident not be asked?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    note = forms.CharField(
        label=_("What was passed on"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["consent"].error_messages["required"] = _("Say whether the resident agreed.")

    def clean(self):
        data = super().clean()
        if "consent" in data:
            errors = rules.signal_pass_on_errors(
                consent=data["consent"], exception_note=data.get("exception_note", "")
            )
            for field, message in errors.items():
                self.add_error(field, message)
        return data


class FollowUpForm(forms.Form):
    """The follow-up call of a new pair. No length limits: nothing typed is cut off."""

    how_it_went = forms.ChoiceField(
        label=_("How did it go, according to the resident?"),
        choices=TaskReport.HowItWent.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how it went.")},
    )
    note = forms.CharField(
        label=_("Note for the logbook"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_mismatch = forms.BooleanField(
        label=_("This was a mismatch: these two do not fit"), required=False
    )
    do_not_pair_again = forms.BooleanField(
        label=_("Do not pair this volunteer with this resident again"), required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("do_not_pair_again") and not data.get("is_mismatch"):
            self.add_error(
                "is_mismatch",
                _("'Do not pair again' is for a mismatch: tick this box as well."),
            )
        if data.get("is_mismatch") and not data.get("note", "").strip():
            self.add_error("note", _("Write down briefly what went wrong."))
        return data
