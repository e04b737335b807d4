"""The upload form. The file is stored (importeren.uploads) and checked in the background;
the confirm button imports exactly the stored, checked file."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .reading import MAX_BYTES


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (.csv or .xlsx)"),
        help_text=_("Save the spreadsheet as .xlsx or as CSV; use the template's column names."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 10 MB. Split it into smaller files.")
            )
        return upload
