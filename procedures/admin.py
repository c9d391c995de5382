from django.contrib import admin
from markdownx.admin import MarkdownxModelAdmin

from procedures.models import Condition, Procedure


@admin.register(Condition)
class ConditionAdmin(MarkdownxModelAdmin):
    list_display = ("name", "last_reviewed", "updated_at")
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name",)


@admin.register(Procedure)
class ProcedureAdmin(MarkdownxModelAdmin):
    list_display = ("title", "status", "last_reviewed", "updated_at")
    list_filter = ("status",)
    search_fields = ("title", "other_names")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("conditions", "related")
    fieldsets = (
        (None, {"fields": ("title", "slug", "other_names", "summary", "status")}),
        ("Links", {"fields": ("conditions", "related")}),
        (
            "At a glance",
            {
                "fields": (
                    "duration",
                    "anesthesia",
                    "setting",
                    "same_day",
                    "driver",
                    "recovery",
                    "billing_codes",
                )
            },
        ),
        (
            "Sections",
            {
                "fields": (
                    "overview",
                    "candidates",
                    "before",
                    "during",
                    "after",
                    "benefits_risks",
                    "alternatives",
                )
            },
        ),
        ("Review", {"fields": ("last_reviewed", "reviewed_by", "sources")}),
    )
