from django import forms

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
