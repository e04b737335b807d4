# The beheerder configures the kinds of aid; the inventory and loans (residents' data) are
# kept by coordinators in the app itself, scoped to their village.
from django.contrib import admin

from .models import AidType


@admin.register(AidType)
class AidTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "default_loan_weeks", "order", "is_active"]
    list_editable = ["order", "is_active"]
    prepopulated_fields = {"code": ["name"]}
