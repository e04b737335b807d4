from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from accounts.dutch import format_phone, normalise_phone

from .models import Village


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    error_messages = {
        "invalid_login": _(
            "This e-mail address and password do not match. Check both and try again."
        ),
        "inactive": _("This account is no longer active."),
    }


class DeskContactForm(forms.ModelForm):
    """How residents and volunteers reach the desk; typed in any form, shown the Dutch way."""

    class Meta:
        model = Village
        fields = ["desk_phone", "desk_email"]
        widgets = {
            "desk_phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.desk_phone:
            self.initial["desk_phone"] = format_phone(self.instance.desk_phone)

    def clean_desk_phone(self):
        return normalise_phone(self.cleaned_data["desk_phone"])
