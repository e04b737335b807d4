from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.form_fields import DutchDateField
from hulpvragen.models import HelpCategory
from vrijwilligers.availability import VolunteerStatus
from vrijwilligers.models import Volunteer

from .models import Activity, ActivityKind


class VolunteerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


class ActivityForm(forms.ModelForm):
    volunteers = VolunteerChoiceField(
        label=_("volunteers who took part"),
        queryset=Volunteer.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        error_messages={"invalid_choice": _("Choose volunteers of this village.")},
    )

    class Meta:
        model = Activity
        fields = [
            "kind",
            "title",
            "starts_on",
            "ends_on",
            "description",
            "volunteers",
            "from_signal",
            "signal_note",
        ]
        field_classes = {"starts_on": DutchDateField, "ends_on": DutchDateField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, village, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = (
            list(self.instance.volunteers.values_list("pk", flat=True)) if self.instance.pk else []
        )
        # Volunteers who have stopped are left out, unless they already took part.
        self.fields["volunteers"].queryset = Volunteer.objects.filter(
            Q(village=village) & (~Q(status=VolunteerStatus.STOPPED) | Q(pk__in=chosen))
        ).order_by("last_name", "first_name", "pk")
        self.fields["kind"].queryset = ActivityKind.objects.filter(
            Q(is_active=True) | Q(pk=self.instance.kind_id)
        )

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date cannot be before the start date."))
        return data


class ActivityFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("year"), coerce=int, required=False)
    kind = forms.ModelChoiceField(
        label=_("kind"),
        queryset=ActivityKind.objects.all(),
        required=False,
        empty_label=_("all kinds"),
    )

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("every year"))] + [(y, str(y)) for y in years]


class VolunteerPickerForm(forms.Form):
    """The search above the activity's volunteers. Its fields carry a `picker_` name so that
    they travel inside the activity form without becoming part of it."""

    picker_q = forms.CharField(
        label=_("Search a volunteer"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("name, street or place"),
                "autocomplete": "off",
            }
        ),
    )
    picker_offers = forms.ModelChoiceField(
        label=_("Offers"),
        queryset=HelpCategory.objects.none(),
        required=False,
        empty_label=_("any kind of help"),
    )
    picker_available = forms.BooleanField(
        label=_("Only who is available on the date (active, not away)"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["picker_offers"].queryset = HelpCategory.objects.filter(is_active=True)
