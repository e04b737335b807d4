"""model_update: the shared step of the update services (accounts.updates)."""

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Village
from accounts.updates import field_labels, model_update

pytestmark = pytest.mark.django_db

FIELDS = ["name", "slug", "desk_phone"]


def test_only_the_fields_that_differ_are_set_and_saved(village):
    village, changed = model_update(
        instance=village, fields=FIELDS, data={"name": "Warffum", "desk_phone": "0595 44 24 53"}
    )
    assert changed == ["desk_phone"]
    village.refresh_from_db()
    assert village.name == "Warffum" and village.desk_phone


def test_nothing_changed_means_nothing_validated_or_written(village, django_assert_num_queries):
    calls = []
    with django_assert_num_queries(0):
        _, changed = model_update(
            instance=village, fields=FIELDS, data={"name": "Warffum"}, prepare=calls.append
        )
    assert changed == [] and calls == []


def test_prepare_runs_before_validation(village):
    def tidy(instance):
        instance.name = instance.name.strip()

    village, changed = model_update(
        instance=village, fields=FIELDS, data={"name": "  Usquert "}, prepare=tidy
    )
    assert changed == ["name"] and Village.objects.get(pk=village.pk).name == "Usquert"


def test_an_invalid_value_is_refused_and_not_saved(village):
    with pytest.raises(ValidationError) as refused:
        model_update(instance=village, fields=FIELDS, data={"slug": "geen slug!"})
    assert "slug" in refused.value.message_dict
    assert Village.objects.get(pk=village.pk).slug == "warffum"


def test_a_field_outside_the_list_is_a_programming_error(village):
    with pytest.raises(TypeError, match="postcodes"):
        model_update(instance=village, fields=FIELDS, data={"name": "X", "postcodes": ["9988"]})
    assert village.name == "Warffum"


def test_field_labels_name_the_changed_fields_in_dutch():
    assert field_labels(Village, ["name", "slug"]) == "naam, korte naam"
