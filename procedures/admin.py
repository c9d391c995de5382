"""The editors' side: procedure and condition pages, drafts, previews, versions, reviews."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST
from markdownx.admin import MarkdownxModelAdmin

from procedures.checks import PageReport, check_page
from procedures.forms import MarkdownLimitForm, ProcedureAdminForm
from procedures.models import (
    READING_GRADE_LIMIT,
    Comparison,
    Condition,
    GlossaryTerm,
    Option,
    PageRedirect,
    Procedure,
    ReviewState,
    Revision,
    Status,
)
from procedures.views import render_procedure

# Fields the clinical review sets, shown together at the end of the form.
REVIEW_FIELDS = ("last_reviewed", "reviewed_by", "review_interval_months", "review_due", "sources")
STEP_FIELDS = ("preparation_steps", "recovery_steps")


class KeepEditsMedia:
    """Keeps an editor's typing in the browser until the page is saved (static/js/keep-edits.js)."""

    css = {"all": ("css/admin.css",)}
    js = ("js/keep-edits.js",)


def warn_about_content_checks(request, report: PageReport) -> None:
    """The content checks' findings, shown when a page is saved as live (check_content)."""
    for problem in report.problems:
        messages.warning(request, f"Before this page is safe to publish: {problem.message}.")


def plain_fields(model, placed_elsewhere=()) -> list[str]:
    """The page's front-matter fields that are in no group, in file order."""
    return [
        name
        for _, group, name in model.front_fields()
        if group is None and name not in (*model.link_fields(), *placed_elsewhere)
    ]


def page_fields(model) -> tuple[str, ...]:
    """A page's fields in file order, links included, then its text, then the review fields."""
    front = [name for _, _, name in model.front_fields()]
    body = [model.schema.body] if model.schema.body else []
    return (
        *(name for name in front if name not in REVIEW_FIELDS),
        *body,
        *(name for name in REVIEW_FIELDS if name in front),
    )


class PageAdmin(MarkdownxModelAdmin):
    """Saving with its steps, a version on every change, checks when live, and the versions."""

    Media = KeepEditsMedia

    def save_model(self, request, obj, form, change):
        obj.save_page()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        Revision.objects.record(form.instance, author=request.user)
        if self.is_live(form.instance):
            warn_about_content_checks(request, check_page(form.instance))

    def is_live(self, page) -> bool:
        return True

    def get_urls(self):
        view = self.admin_site.admin_view
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("<int:object_id>/versions/", view(self.versions), name=f"{name}_versions"),
            path(
                "<int:object_id>/versions/<int:revision_id>/restore/",
                view(require_POST(self.restore_version)),
                name=f"{name}_restore",
            ),
            *super().get_urls(),
        ]

    def versions(self, request, object_id):
        page = get_object_or_404(self.model, pk=object_id)
        if not self.has_view_or_change_permission(request, page):
            raise PermissionDenied
        revisions = list(page.revisions.select_related("author"))
        entries = [
            {"revision": revision, "lines": revision.diff_lines(older)}
            for revision, older in zip(revisions, [*revisions[1:], None], strict=True)
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": f"Versions of {page}",
            "page": page,
            "entries": entries,
            "opts": self.opts,
            "can_restore": self.has_change_permission(request, page),
        }
        return TemplateResponse(request, "admin/procedures/versions.html", context)

    def restore_version(self, request, object_id, revision_id):
        page = get_object_or_404(self.model, pk=object_id)
        if not self.has_change_permission(request, page):
            raise PermissionDenied
        get_object_or_404(page.revisions, pk=revision_id).restore(author=request.user)
        self.message_user(request, "The earlier version is back. It is saved as a new version.",
                          messages.SUCCESS)  # fmt: skip
        return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                                args=[page.pk]))  # fmt: skip


@admin.register(Condition)
class ConditionAdmin(PageAdmin):
    form = MarkdownLimitForm
    list_display = ("name", "last_reviewed", "updated_at")
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name",)
    fields = page_fields(Condition)


@admin.register(Option)
class OptionAdmin(PageAdmin):
    form = MarkdownLimitForm
    list_display = ("name", "last_reviewed", "updated_at")
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name", "summary")
    filter_horizontal = ("conditions",)
    fields = page_fields(Option)


@admin.register(Comparison)
class ComparisonAdmin(PageAdmin):
    form = MarkdownLimitForm
    list_display = ("__str__", "slug", "last_reviewed", "updated_at")
    readonly_fields = ("slug",)
    fields = page_fields(Comparison)


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(PageAdmin):
    form = MarkdownLimitForm
    list_display = ("term", "summary", "last_reviewed")
    prepopulated_fields = {"slug": ("term",)}
    search_fields = ("term", "other_names", "summary")
    fields = page_fields(GlossaryTerm)


class ReviewStateFilter(admin.SimpleListFilter):
    title = "clinical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return ReviewState.choices

    def queryset(self, request, queryset):
        return queryset.in_review_state(self.value()) if self.value() else queryset


@admin.register(Procedure)
class ProcedureAdmin(PageAdmin):
    form = ProcedureAdminForm
    list_display = ("title", "status", "grade", "review_due", "review")
    list_filter = ("status", ReviewStateFilter)
    search_fields = ("title", "other_names")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("conditions", "related")
    readonly_fields = (
        "readability", "published_at", "last_reviewed", "reviewed_by", "review_due",
    )  # fmt: skip
    actions = ("mark_reviewed",)
    change_form_template = "admin/procedures/procedure/change_form.html"
    fieldsets = (
        (
            None,
            {
                "fields": (
                    *plain_fields(Procedure, ("billing_codes", *REVIEW_FIELDS, *STEP_FIELDS)),
                    "published_at",
                )
            },
        ),  # fmt: skip
        ("Links", {"fields": Procedure.link_fields()}),
        ("At a glance", {"fields": (*Procedure.group("at_a_glance").fields, "billing_codes")}),
        (
            "Choosing",
            {
                "description": "Shown side by side in comparisons, and beside every other option "
                "on the pages of the conditions it treats.",
                "fields": Procedure.group("choosing").fields,
            },
        ),
        (
            "Steps and recovery",
            {
                "description": "The preparation plan puts each step on its date. The recovery "
                "steps and the facts below open the 'after' section.",
                "fields": (*STEP_FIELDS, *Procedure.group("getting_back").fields),
            },
        ),  # fmt: skip
        ("Picture", {"fields": ("hero_image", "hero_alt")}),
        (
            "Sections",
            {
                "description": "Write in plain words, for a patient who is in pain. Use ### for "
                "headings inside a section. The preview shows each section's reading grade.",
                "fields": Procedure.schema.sections,
            },
        ),
        (
            "Warning signs after this procedure",
            {
                "description": "The site's urgent-care card (emergency, get seen today, call "
                "us) is shown at the end of the 'after' section. Add only the signs that belong "
                "to this procedure. Never type an emergency number: the card gives it.",
                "fields": Procedure.group("warning_signs").fields,
            },
        ),
        ("Readability", {"fields": ("readability", "publish_above_grade")}),
        (
            "Clinical review",
            {
                "description": "Use the 'Mark as reviewed today' action on the list of "
                "procedures when a clinician has checked the whole page.",
                "fields": REVIEW_FIELDS,
            },
        ),
    )

    # The list

    @admin.display(description="reading grade", ordering="reading_grade")
    def grade(self, procedure):
        if procedure.reading_grade is None:
            return "—"
        if procedure.reading_grade > READING_GRADE_LIMIT:
            return format_html("<strong>{} (above {})</strong>", procedure.reading_grade,
                               READING_GRADE_LIMIT)  # fmt: skip
        return procedure.reading_grade

    @admin.display(description="review")
    def review(self, procedure):
        return procedure.review_state_label

    @admin.display(description="reading grade of each section")
    def readability(self, procedure):
        if procedure.pk is None:
            return "Shown once the page is saved."
        context = {"procedure": procedure, "limit": READING_GRADE_LIMIT}
        return render_to_string("admin/procedures/procedure/readability.html", context)

    @admin.action(description="Mark as reviewed today", permissions=["change"])
    def mark_reviewed(self, request, queryset):
        for procedure in queryset:
            procedure.mark_reviewed(by=request.user)
        reviewer = request.user.get_full_name() or request.user.get_username()
        self.message_user(request, f"Marked {queryset.count()} page(s) as reviewed by {reviewer}.")

    # Saving: a new page counts as reviewed by its author.

    def save_model(self, request, obj, form, change):
        if not change:
            obj.stamp_review(by=request.user)
        super().save_model(request, obj, form, change)

    def is_live(self, page) -> bool:
        return page.status == Status.PUBLISHED

    # Previews, versions and restoring

    # Previews

    def get_urls(self):
        view = self.admin_site.admin_view
        preview = view(require_POST(self.preview_changes))
        return [
            path("preview/", preview, name="procedures_procedure_preview_new"),
            path("<int:object_id>/preview/", preview, name="procedures_procedure_preview"),
            *super().get_urls(),
        ]

    def preview_changes(self, request, object_id=None):
        """The page with the form's unsaved changes, in the public template, saving nothing."""
        procedure = get_object_or_404(Procedure, pk=object_id) if object_id else None
        if not self.has_view_or_change_permission(request, procedure):
            raise PermissionDenied
        form = self.get_form(request, procedure)(request.POST, request.FILES, instance=procedure)
        if not form.is_valid():
            context = {**self.admin_site.each_context(request), "form": form,
                       "title": "The preview could not be made"}  # fmt: skip
            return TemplateResponse(
                request, "admin/procedures/procedure/preview_errors.html", context
            )
        draft = form.save(commit=False)
        draft.derive_fields()
        if "hero_image" in form.changed_data:
            draft.hero_variants = []  # a new picture is only sized once it is saved
        return render_procedure(
            request, draft, preview="unsaved",
            conditions=form.cleaned_data["conditions"],
            related=form.cleaned_data["related"].published(),
        )  # fmt: skip


@admin.register(PageRedirect)
class PageRedirectAdmin(admin.ModelAdmin):
    """Old addresses kept working after a page's address changed; delete one to let it go."""

    list_display = ("old_path", "new_path")
    search_fields = ("old_path", "new_path")
