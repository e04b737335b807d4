from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from .models import SocialValueRate, YearText

FIRST_YEAR = 2000


class OverviewForm(forms.Form):
    """Which year (and, for a regional reader, which of their villages) to show.

    The year list offers the years with data; any year from 2000 up to this year is valid
    (an imported logbook may reach back further than the list suggests).
    """

    year = forms.IntegerField(label=_("Year"))
    village = forms.MultipleChoiceField(
        label=_("Villages"), required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )

    def __init__(self, *args, villages, years, this_year, **kwargs):
        super().__init__(*args, **kwargs)
        self.years = years
        message = _("Choose a year from %(first)s to %(last)s.") % {
            "first": FIRST_YEAR,
            "last": this_year,
        }
        year = self.fields["year"]
        year.validators += [MinValueValidator(FIRST_YEAR), MaxValueValidator(this_year)]
        for code in ("invalid", "min_value", "max_value", "required"):
            year.error_messages[code] = message
        self.fields["village"].choices = [(v.slug, v.name) for v in villages]


class YearTextForm(forms.ModelForm):
    """The desk's foreword and thanks for one village and year."""

    class Meta:
        model = YearText
        fields = ["foreword", "thanks"]
        widgets = {
            "foreword": forms.Textarea(attrs={"rows": 8}),
            "thanks": forms.Textarea(attrs={"rows": 5}),
        }
        error_messages = {
            field: {
                "max_length": _(
                    "Keep this to %(limit_value)d characters; it now has %(show_value)d. "
                    "Nothing is saved yet."
                )
            }
            for field in ("foreword", "thanks")
        }


class SocialValueRateForm(forms.ModelForm):
    """The desk's reference rates for the social-value estimate, with their source."""

    class Meta:
        model = SocialValueRate
        fields = ["hourly_rate", "km_rate", "source"]
        localized_fields = ["hourly_rate", "km_rate"]
