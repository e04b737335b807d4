"""Fields built in Python (accounts.crispy_fields) read as crispy renders them."""

import re

import django_filters
import pytest
from crispy_forms.helper import FormHelper
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms
from django.http import QueryDict
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts import crispy_fields
from hulpvragen.models import HelpCategory

pytestmark = pytest.mark.django_db

NASTY = "van 't Hof <script>alert(1)</script> & Zn"


def squeeze(markup) -> str:
    """Runs of whitespace as one space, none between two tags."""
    return re.sub(r"\s+", " ", str(markup)).replace("> <", "><").strip()


class SampleForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    placeholder = forms.CharField(
        label=NASTY,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": NASTY, "autocomplete": "off"}),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", "---------"), ("open", _("Open")), ("x&y", NASTY)],
    )
    grouped = forms.ChoiceField(
        label="Grouped",
        required=False,
        choices=[("", "---------"), (NASTY, [("a", "A & a"), ("b", "B")]), ("c", "C")],
    )
    category = forms.ModelChoiceField(
        label=_("Kind of help"), required=False, queryset=HelpCategory.objects.order_by("pk")
    )
    overdue = forms.BooleanField(label=_("Overdue"), required=False)


QUERIES = [
    None,
    "",
    "q=zorg&note=a+%26+b%0Aline&status=open&grouped=b&overdue=on",
    "q=van+%27t+Hof+%3Cscript%3E+%26&placeholder=%22%3E%3Cb%3E&status=x%26y&overdue=false",
    "status=nope&grouped=zz&category=99999",
    "category=CATEGORY&grouped=a",
    "category=abc&note=%3C%2Ftextarea%3E",
]


def _form(query, category):
    data = QueryDict(query.replace("CATEGORY", str(category.pk))) if query is not None else None
    form = SampleForm(data)
    form.is_valid()
    return form


@pytest.fixture
def category():
    category = HelpCategory.objects.order_by("pk").first()
    category.name = "Tuin & <b>erf</b>"
    category.save()
    return category


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("query", QUERIES)
def test_each_field_reads_as_crispy_renders_it(query, language, category):
    with translation.override(language):
        for name in SampleForm.base_fields:
            built = crispy_fields.field_html(_form(query, category)[name])
            expected = as_crispy_field(_form(query, category)[name])
            assert built is not None, name
            assert squeeze(built) == squeeze(expected), (language, query, name)


def test_values_and_labels_are_escaped(category):
    form = _form(
        "q=van+%27t+Hof+%3Cscript%3E+%26&status=x%26y&category=CATEGORY&note=%3C%2Ftextarea%3E",
        category,
    )
    q = crispy_fields.field_html(form["q"])
    assert 'value="van &#x27;t Hof &lt;script&gt; &amp;"' in q
    status = crispy_fields.field_html(form["status"])
    assert '<option value="x&amp;y" selected>van &#x27;t Hof &lt;script&gt;' in status
    assert "<script>" not in status
    category_html = crispy_fields.field_html(form["category"])
    assert "Tuin &amp; &lt;b&gt;erf&lt;/b&gt;</option>" in category_html
    assert "&lt;/textarea&gt;</textarea>" in crispy_fields.field_html(form["note"])
    placeholder = crispy_fields.field_html(form["placeholder"])
    assert "<script>" not in placeholder
    assert 'placeholder="van &#x27;t Hof &lt;script&gt;' in placeholder


def test_the_chosen_option_is_selected_and_the_box_ticked(category):
    form = _form("status=open&category=CATEGORY&overdue=on", category)
    assert '<option value="open" selected>' in crispy_fields.field_html(form["status"])
    assert '<option value="" selected>' not in crispy_fields.field_html(form["status"])
    assert f'<option value="{category.pk}" selected>' in crispy_fields.field_html(form["category"])
    assert " checked>" in crispy_fields.field_html(form["overdue"])
    assert " checked" not in crispy_fields.field_html(_form("", category)["overdue"])


@pytest.mark.parametrize("name", ["q", "status", "overdue"])
def test_a_widget_class_of_its_own_is_kept_as_crispy_keeps_it(name):
    for css in ("big", "select form-control", "textinput"):
        form = SampleForm(QueryDict("status=nope"))
        form.fields[name].widget.attrs["class"] = css
        expected = as_crispy_field(form[name])
        form = SampleForm(QueryDict("status=nope"))
        form.fields[name].widget.attrs["class"] = css
        assert squeeze(crispy_fields.field_html(form[name])) == squeeze(expected)


def test_a_field_crispy_rendered_before_reads_the_same():
    form = SampleForm(QueryDict("status=nope&q=x"))
    crispy = {name: as_crispy_field(form[name]) for name in ("q", "status", "overdue")}
    for name, expected in crispy.items():
        assert squeeze(crispy_fields.field_html(form[name])) == squeeze(expected)


def test_a_checkbox_with_a_value_of_its_own_shows_it_as_django_does():
    form = SampleForm(initial={"overdue": "yes & <no>"})
    expected = as_crispy_field(SampleForm(initial={"overdue": "yes & <no>"})["overdue"])
    built = crispy_fields.field_html(form["overdue"])
    assert 'value="yes &amp; &lt;no&gt;"' in built
    assert squeeze(built) == squeeze(expected)


def test_a_select_shows_its_error():
    form = SampleForm(QueryDict("status=nope"))
    html = crispy_fields.field_html(form["status"])
    assert 'class="select form-select is-invalid" aria-invalid="true"' in html
    assert 'aria-describedby="id_status_error"' in html
    assert '<div id="id_status_error" class="invalid-feedback"><p id="error_1_id_status">' in html


@pytest.mark.parametrize(
    "change",
    [
        lambda form: setattr(form.fields["q"], "help_text", "Name or street"),
        lambda form: setattr(form.fields["q"], "required", True),
        lambda form: setattr(form.fields["q"], "disabled", True),
        lambda form: form.fields["q"].widget.attrs.update({"id": "search"}),
        lambda form: setattr(form, "helper", FormHelper()),
        lambda form: setattr(form.fields["q"], "widget", forms.EmailInput()),
        lambda form: setattr(form.fields["q"], "widget", forms.HiddenInput()),
        lambda form: form.add_error("q", "Wrong"),
        lambda form: form.add_error("overdue", "Wrong"),
    ],
)
def test_what_it_does_not_write_is_left_to_crispy(change):
    form = SampleForm(QueryDict("q=x&overdue=on"))
    change(form)
    form.is_valid()
    name = "overdue" if form.errors.get("overdue") else "q"
    assert crispy_fields.field_html(form[name]) is None


def test_a_model_select_with_a_null_label_is_left_to_crispy():
    field = django_filters.fields.ModelChoiceField(
        queryset=HelpCategory.objects.all(), required=False, null_label="Nobody"
    )
    form = SampleForm()
    form.fields["category"] = field
    assert crispy_fields.field_html(form["category"]) is None


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_unbound_builders_read_as_crispy_renders_an_unbound_form(language, category):
    with translation.override(language):
        form = SampleForm()
        fields = SampleForm.base_fields
        built = {
            "q": crispy_fields.text_input("q", fields["q"].label),
            "note": crispy_fields.textarea("note", fields["note"].label, 2),
            "status": crispy_fields.select(
                "status", fields["status"].label, fields["status"].choices
            ),
            "grouped": crispy_fields.select(
                "grouped", fields["grouped"].label, fields["grouped"].choices
            ),
            "category": crispy_fields.select(
                "category",
                fields["category"].label,
                [("", "---------"), *HelpCategory.objects.order_by("pk").values_list("pk", "name")],
            ),
            "overdue": crispy_fields.checkbox("overdue", fields["overdue"].label),
        }
        for name, html in built.items():
            assert squeeze(html) == squeeze(as_crispy_field(form[name])), name
        assert "Tuin &amp; &lt;b&gt;erf&lt;/b&gt;" in built["category"]
