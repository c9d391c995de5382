"""The translators' side: each page's translation, edited beside its English.

A translation is a page like any other (PageAdmin): its edits are a draft, a clinician who
did not write it approves it, and publishing puts it live. The list and the admin home page
flag translations whose English has changed since, with what changed.
"""

from django.contrib import admin
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html

from editorial.changes import page_changes
from procedures.admin import PageAdmin
from procedures.forms import TranslationForm
from procedures.models import TRANSLATIONS, Revision
from procedures.models.records import live_data
from procedures.models.translations import READING_EASE_MINIMUM

ENGLISH_CHANGED = "English changed since translation"


def english_changes(translation) -> list:
    """What changed in the English words since the version the translation was made from."""
    model = type(translation)
    now = model.english_words(live_data(translation.original))
    then = None
    for revision in Revision.objects.of(translation.original):
        if model.words_fingerprint(revision.data) == translation.translated_from:
            then = model.english_words(revision.data)
            break
    return page_changes(model, then, now)


class TranslationAdmin(PageAdmin):
    form = TranslationForm
    list_display = (
        "__str__",
        "language",
        "publication",
        "review_step",
        "english",
        "ease",
        "last_reviewed",
    )
    list_filter = ("language", "status")
    search_fields = ("slug",)
    readonly_fields = (
        "english_page",
        "english_changes",
        "readability",
        "last_reviewed",
        "reviewed_by",
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("original")

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return ((None, {"fields": ("original", "language", "translated_by")}),)
        words = [name for name in self.model.word_fields()]
        return (
            ("The English page", {"fields": ("english_page", "english_changes")}),
            ("Translation", {"fields": words}),
            (
                "Translation and review",
                {
                    "fields": (
                        "translated_by",
                        "matches_english",
                        "readability",
                        "last_reviewed",
                        "reviewed_by",
                    ),
                },
            ),
        )

    @admin.display(description="English")
    def english(self, translation):
        if translation.english_changed:
            return format_html("<strong>{}</strong>", ENGLISH_CHANGED)
        return "Up to date"

    @admin.display(description="reading ease", ordering="reading_ease")
    def ease(self, translation):
        if translation.reading_ease is None:
            return "—"
        if translation.reading_ease < READING_EASE_MINIMUM:
            return format_html(
                "<strong>{} (below {})</strong>", translation.reading_ease, READING_EASE_MINIMUM
            )
        return translation.reading_ease

    @admin.display(description="English page")
    def english_page(self, translation):
        original = translation.original
        url = reverse(f"admin:procedures_{original._meta.model_name}_change", args=[original.pk])
        return format_html('<a href="{}" lang="en">{}</a>', url, original)

    @admin.display(description="what changed in the English")
    def english_changes(self, translation):
        if not translation.english_changed:
            return "Nothing: the translation was made from the English as it is now."
        changes = english_changes(translation)
        return render_to_string(
            "admin/procedures/changes.html",
            {"changes": changes, "empty": "The English version it was made from is not kept."},
        )

    @admin.display(description="reading ease (Szigriszt-Pazos)")
    def readability(self, translation):
        if translation.reading_ease is None:
            return "—"
        verdict = (
            "fairly easy or easier"
            if translation.reading_ease >= READING_EASE_MINIMUM
            else f"below {READING_EASE_MINIMUM:g}: use shorter sentences and common words"
        )
        return f"{translation.reading_ease} ({verdict}; 100 is easiest)"

    def save_model(self, request, obj, form, change):
        if not change or form.cleaned_data.get("matches_english"):
            obj.mark_translated_from_current()
        super().save_model(request, obj, form, change)


for translation_model in TRANSLATIONS.values():
    admin.site.register(translation_model, TranslationAdmin)
