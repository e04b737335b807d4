from django.contrib import admin

from .models import HelpCategory


@admin.register(HelpCategory)
class HelpCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "is_transport", "order", "is_active"]
    list_editable = ["order", "is_active"]
