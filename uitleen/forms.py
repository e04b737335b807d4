from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.form_fields import DutchDateField

from .models import AidItem, AidType, Handout, ItemStatus, Loan


class AidItemForm(forms.ModelForm):
    class Meta:
        model = AidItem
        fields = ["aid_type", "label", "condition", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Active kinds, plus a deactivated kind an existing item already has.
        self.fields["aid_type"].queryset = AidType.objects.filter(
            Q(is_active=True) | Q(pk=self.instance.aid_type_id)
        )


class ItemStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("status"),
        choices=[(value, label) for value, label in ItemStatus.choices if value != "on_loan"],
    )


class LendForm(forms.Form):
    """Lend an aid to a resident. Both are chosen on the page itself (buttons), so that from
    the inventory or from a resident it takes two clicks."""

    item = forms.ModelChoiceField(
        label=_("aid"),
        queryset=AidItem.objects.none(),
        error_messages={
            "required": _("Choose the aid to lend."),
            "invalid_choice": _("This aid cannot be lent now: it is on loan, in repair or gone."),
        },
    )
    resident = forms.ModelChoiceField(
        label=_("resident"),
        queryset=None,
        error_messages={
            "required": _("Choose the resident who borrows it."),
            "invalid_choice": _("Choose a resident of this village."),
        },
    )
    lent_on = DutchDateField(label=_("lent from"))
    due_on = DutchDateField(
        label=_("due back on"),
        required=False,
        help_text=_("Leave empty for the usual period for this kind of aid."),
    )
    notes = forms.CharField(
        label=_("notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, items, residents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items
        self.fields["resident"].queryset = residents
        self.fields["item"].widget = forms.HiddenInput()
        self.fields["resident"].widget = forms.HiddenInput()

    def clean(self):
        data = super().clean()
        lent_on, due_on = data.get("lent_on"), data.get("due_on")
        if lent_on and due_on and due_on < lent_on:
            self.add_error("due_on", _("The date it is due back cannot be before the loan starts."))
        return data


class LoanForm(forms.ModelForm):
    """Change the return date (extend) or the notes of a loan."""

    class Meta:
        model = Loan
        fields = ["due_on", "notes"]
        field_classes = {"due_on": DutchDateField}
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        due_on = data.get("due_on")
        if due_on and due_on < self.instance.lent_on:
            self.add_error("due_on", _("The date it is due back cannot be before the loan starts."))
        return data


class HandoutForm(forms.ModelForm):
    class Meta:
        model = Handout
        fields = ["name", "always_available", "note", "is_active", "order"]


class HandoutCountForm(forms.Form):
    quantity = forms.IntegerField(label=_("how many"), min_value=1, max_value=10_000)
    handed_out_on = DutchDateField(label=_("handed out on"))
    note = forms.CharField(label=_("note"), required=False, max_length=200)
