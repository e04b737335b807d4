import django_filters
from django.utils.translation import gettext_lazy as _

from .models import AidItem, AidType, ItemStatus


class InventoryFilter(django_filters.FilterSet):
    aid_type = django_filters.ModelChoiceFilter(
        label=_("kind of aid"),
        queryset=AidType.objects.all(),
        empty_label=_("all kinds"),
    )
    status = django_filters.ChoiceFilter(
        label=_("status"), choices=ItemStatus.choices, empty_label=_("every status")
    )

    class Meta:
        model = AidItem
        fields = ["aid_type", "status"]
