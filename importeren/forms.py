"""Upload and confirm forms. The checked file travels back with the confirm form (base64 in a
hidden field), so the dry run stores nothing and the import uses exactly the checked bytes.
"""

import base64
import binascii

from django import forms
from django.utils.translation import gettext_lazy as _

# A base64 copy must fit in Django's 2.5 MB request limit; that is some 15,000 CSV rows.
MAX_UPLOAD_BYTES = 1_500_000


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (.csv or .xlsx)"),
        help_text=_("Save the spreadsheet as .xlsx or as CSV; use the template's column names."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 1.5 MB. Split it into smaller files.")
            )
        return upload


class ConfirmForm(forms.Form):
    content = forms.CharField(widget=forms.HiddenInput)
    file_name = forms.CharField(widget=forms.HiddenInput, max_length=200)

    def clean_content(self):
        try:
            return base64.b64decode(self.cleaned_data["content"].encode(), validate=True)
        except (binascii.Error, ValueError):
            raise forms.ValidationError(_("The file got lost; upload it again.")) from None

    @staticmethod
    def initial_for(data: bytes, file_name: str) -> dict:
        return {"content": base64.b64encode(data).decode(), "file_name": file_name}
