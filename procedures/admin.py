"""The editors' side: procedure and condition pages, drafts, previews, versions, reviews."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from markdownx.admin import MarkdownxModelAdmin

from procedures import history
from procedures.checks import PageReport, check_condition, check_procedure
from procedures.content import condition_data
from procedures.forms import MarkdownLimitForm, ProcedureAdminForm
from procedures.models import READING_GRADE_LIMIT, Condition, Procedure, ReviewState, Status
from procedures.views import render_procedure


class KeepEditsMedia:
    """Keeps an editor's typing in the browser until the page is saved (static/js/keep-edits.js)."""

    css = {"all": ("css/admin.css",)}
    js = ("js/keep-edits.js",)


def warn_about_content_checks(request, report: PageReport) -> None:
    """The content checks' findings, shown when a page is saved as live (check_content)."""
    for problem in report.problems:
        messages.warning(request, f"Before this page is safe to publish: {problem.message}.")


@admin.register(Condition)
class ConditionAdmin(MarkdownxModelAdmin):
    Media = KeepEditsMedia
    form = MarkdownLimitForm
    list_display = ("name", "last_reviewed", "updated_at")
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        warn_about_content_checks(request, check_condition(obj.name, condition_data(obj)))


class ReviewStateFilter(admin.SimpleListFilter):
    title = "clinical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return ReviewState.choices

    def queryset(self, request, queryset):
        return queryset.in_review_state(self.value()) if self.value() else queryset


@admin.register(Procedure)
class ProcedureAdmin(MarkdownxModelAdmin):
    Media = KeepEditsMedia
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
        (None, {"fields": ("title", "slug", "other_names", "summary", "status", "published_at")}),
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
            },  # fmt: skip
        ),
        ("Picture", {"fields": ("hero_image", "hero_alt")}),
        (
            "Sections",
            {
                "description": "Write in plain words, for a patient who is in pain. Use ### for "
                "headings inside a section. The preview shows each section's reading grade.",
                "fields": (
                    "overview",
                    "candidates",
                    "before",
                    "during",
                    "after",
                    "benefits_risks",
                    "alternatives",
                ),  # fmt: skip
            },
        ),
        (
            "Warning signs after this procedure",
            {
                "description": "The site's urgent-care card (emergency, get seen today, call "
                "us) is shown at the end of the 'after' section. Add only the signs that belong "
                "to this procedure. Never type an emergency number: the card gives it.",
                "fields": ("warning_emergency", "warning_urgent", "warning_call_us"),
            },
        ),
        ("Readability", {"fields": ("readability", "publish_above_grade")}),
        (
            "Clinical review",
            {
                "description": "Use the 'Mark as reviewed today' action on the list of "
                "procedures when a clinician has checked the whole page.",
                "fields": (
                    "last_reviewed",
                    "reviewed_by",
                    "review_interval_months",
                    "review_due",
                    "sources",
                ),  # fmt: skip
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
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (heading, grade, "above the limit" if grade > READING_GRADE_LIMIT else "")
                for heading, grade in procedure.section_grades()
            ),
        )
        return format_html(
            "<table><thead><tr><th>Section</th><th>Grade</th><th></th></tr></thead>"
            "<tbody>{}</tbody></table><p>Whole page: grade {} (aim for {} or below).</p>",
            rows, procedure.reading_grade, READING_GRADE_LIMIT,
        )  # fmt: skip

    @admin.action(description="Mark as reviewed today", permissions=["change"])
    def mark_reviewed(self, request, queryset):
        reviewer = request.user.get_full_name() or request.user.get_username()
        for procedure in queryset:
            procedure.last_reviewed = timezone.localdate()
            procedure.reviewed_by = reviewer
            procedure.save()
            history.record_revision(
                procedure, author=request.user, summary=f"Reviewed by {reviewer}"
            )
        self.message_user(request, f"Marked {queryset.count()} page(s) as reviewed by {reviewer}.")

    # Saving: new pages count as reviewed by their author; every change is a revision.

    def save_model(self, request, obj, form, change):
        if not change:
            obj.last_reviewed = timezone.localdate()
            obj.reviewed_by = request.user.get_full_name() or request.user.get_username()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        history.record_revision(form.instance, author=request.user)
        if form.instance.status == Status.PUBLISHED:
            data = history.current_data(form.instance)
            warn_about_content_checks(request, check_procedure(form.instance.title, data))

    # Previews, versions and restoring

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("preview/", view(self.preview_changes), name="procedures_procedure_preview_new"),
            path(
                "<int:object_id>/preview/",
                view(self.preview_changes),
                name="procedures_procedure_preview",
            ),  # fmt: skip
            path(
                "<int:object_id>/versions/",
                view(self.versions),
                name="procedures_procedure_versions",
            ),  # fmt: skip
            path(
                "<int:object_id>/versions/<int:revision_id>/restore/",
                view(self.restore_version),
                name="procedures_procedure_restore",
            ),  # fmt: skip
            *super().get_urls(),
        ]

    def preview_changes(self, request, object_id=None):
        """The page with the form's unsaved changes, in the public template, saving nothing."""
        procedure = get_object_or_404(Procedure, pk=object_id) if object_id else None
        if not self.has_view_or_change_permission(request, procedure):
            raise PermissionDenied
        if request.method != "POST":
            raise Http404
        form = self.get_form(request, procedure)(request.POST, request.FILES, instance=procedure)
        if not form.is_valid():
            context = {**self.admin_site.each_context(request), "form": form,
                       "title": "The preview could not be made"}  # fmt: skip
            return TemplateResponse(
                request, "admin/procedures/procedure/preview_errors.html", context
            )
        draft = form.save(commit=False)
        draft.render_sections()
        if "hero_image" in form.changed_data:
            draft.hero_variants = []  # a new picture is only sized once it is saved
        return render_procedure(
            request, draft, preview="unsaved",
            conditions=form.cleaned_data["conditions"],
            related=form.cleaned_data["related"].published(),
        )  # fmt: skip

    def versions(self, request, object_id):
        procedure = get_object_or_404(Procedure, pk=object_id)
        if not self.has_view_or_change_permission(request, procedure):
            raise PermissionDenied
        revisions = list(procedure.revisions.select_related("author"))
        entries = [
            {"revision": revision, "lines": history.diff_lines(older, revision)}
            for revision, older in zip(revisions, [*revisions[1:], None], strict=True)
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": f"Versions of {procedure}",
            "procedure": procedure,
            "entries": entries,
            "opts": self.opts,
            "can_restore": self.has_change_permission(request, procedure),
        }
        return TemplateResponse(request, "admin/procedures/procedure/versions.html", context)

    def restore_version(self, request, object_id, revision_id):
        procedure = get_object_or_404(Procedure, pk=object_id)
        if request.method != "POST" or not self.has_change_permission(request, procedure):
            raise PermissionDenied
        revision = get_object_or_404(procedure.revisions, pk=revision_id)
        history.restore(revision, author=request.user)
        self.message_user(request, "The earlier version is back. It is saved as a new version.",
                          messages.SUCCESS)  # fmt: skip
        return redirect(reverse("admin:procedures_procedure_change", args=[procedure.pk]))
