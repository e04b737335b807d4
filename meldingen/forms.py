from django import forms
from django.utils.translation import gettext_lazy as _

from koppelingen.models import TaskReport

from .models import VillageSettings


class VillageSettingsForm(forms.ModelForm):
    class Meta:
        model = VillageSettings
        fields = [
            "reminder_hour",
            "same_day_reminder_hour",
            "invitation_unanswered_hours",
            "follow_up_days",
            "report_reminder_days",
            "recurring_weeks_ahead",
            "recurring_review_months",
        ]


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
