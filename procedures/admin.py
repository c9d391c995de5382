"""The editors' side: procedure and condition pages, drafts, previews, versions, reviews."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.timezone import localtime
from django.utils.translation import get_language_info
from django.views.decorators.http import require_POST
from markdownx.admin import MarkdownxModelAdmin

from core.roles import staff_name
from editorial import publishing
from editorial.changes import page_changes
from procedures.forms import PageForm, ProcedureForm, PublishForm
from procedures.markdown import MarkdownRefused
from procedures.models import (
    READING_GRADE_LIMIT,
    TRANSLATIONS,
    Comparison,
    Condition,
    DraftState,
    GlossaryTerm,
    Option,
    Procedure,
    ReviewState,
    Revision,
    Status,
)
from procedures.models.records import as_json, live_data
from procedures.models.translations import translation_languages
from procedures.safety_checks import check_page
from procedures.views import draft_preview, render_procedure

# Only publishing changes where a page stands with patients.
NOT_IN_FORM = ("status",)
# Fields the clinical review sets, shown together at the end of the form.
REVIEW_FIELDS = ("last_reviewed", "reviewed_by", "review_interval_months", "review_due", "sources")
STEP_FIELDS = ("preparation_steps", "recovery_steps")


class KeepEditsMedia:
    """Keeps an editor's typing in the browser until the page is saved (static/js/keep-edits.js),
    and adds dropped or pasted pictures with a description to fill in (picture-upload.js)."""

    css = {"all": ("css/admin.css",)}
    js = ("js/keep-edits.js", "js/picture-upload.js")


def page_fields(model) -> tuple[str, ...]:
    """A page's fields in file order, links included, then its text, then the review fields."""
    front = [name for _, _, name in model.front_fields() if name not in NOT_IN_FORM]
    body = [model.schema.body] if model.schema.body else []
    return (
        *(name for name in front if name not in REVIEW_FIELDS),
        *body,
        *(name for name in REVIEW_FIELDS if name in front),
    )


def fieldsets_with_the_rest(model, placed: tuple, *, also_folded: tuple = ()) -> tuple:
    """The `placed` fieldsets, then every other field of the page's schema folded away under
    "Rarely changed": a field added to the schema is in the form without a change here."""
    shown = {name for _, options in placed for name in options["fields"]}
    rest = [name for name in page_fields(model) if name not in shown]
    return (
        *placed,
        ("Rarely changed", {"classes": ("collapse",), "fields": (*rest, *also_folded)}),
    )


def translation_links(page) -> list[dict]:
    """From an English page's form: its translation into each language, or a start on one."""
    model = TRANSLATIONS.get(type(page))
    if model is None:
        return []
    existing = dict(page.translations.values_list("language", "pk"))
    name = f"admin:procedures_{model._meta.model_name}"
    links = []
    for code, _ in translation_languages():
        language = get_language_info(code)["name"]  # in English, as the admin is
        if code in existing:
            url = reverse(f"{name}_change", args=[existing[code]])
            links.append({"url": url, "label": f"{language} translation"})
        else:
            url = f"{reverse(f'{name}_add')}?{urlencode({'original': page.pk, 'language': code})}"
            links.append({"url": url, "label": f"Translate into {language}"})
    return links


# A page is written, reviewed and published one at a time: no "Save and add another".
ONE_PAGE_AT_A_TIME = {"show_save_and_add_another": False}


class PageAdmin(MarkdownxModelAdmin):
    """Every kind of page: edits go to a draft, a clinician who did not write them approves
    it, then an editor publishes it (editorial.publishing takes each step)."""

    Media = KeepEditsMedia
    form = PageForm
    actions = ("mark_reviewed",)
    # A clinician's approval sets these.
    readonly_fields = ("last_reviewed", "reviewed_by")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("drafts")

    # The list

    @admin.display(description="on the site", ordering="status")
    def publication(self, page):
        return page.publication

    @admin.display(description="clinical sign-off")
    def review_step(self, page):
        return page.draft.get_state_display() if page.draft else "—"

    def has_review_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("procedures.review_procedure")

    @admin.action(
        description="Mark as reviewed today (the live pages, unchanged)", permissions=["review"]
    )
    def mark_reviewed(self, request, queryset):
        for page in queryset:
            page.mark_reviewed(by=request.user)
        reviewer = staff_name(request.user)
        self.message_user(request, f"Marked {queryset.count()} page(s) as reviewed by {reviewer}.")

    # The form shows the draft, and saving keeps the draft: the live page stays as it is.

    def get_object(self, request, object_id, from_field=None):
        page = super().get_object(request, object_id, from_field)
        if page is None:
            return None
        page, links = publishing.working_page(page)
        page.draft_links = links
        return page

    def save_model(self, request, obj, form, change):
        if not change:
            obj.status = Status.DRAFT
            obj.stamp_review(by=request.user)
            obj.save_page()

    def save_related(self, request, form, formsets, change):
        if not change:
            super().save_related(request, form, formsets, change)
            Revision.objects.record(form.instance, author=request.user)
            return
        page = form.instance
        page.derive_fields()  # the text as stored: one kind of line break
        data = as_json(page.to_data())
        for name in page.many_link_fields():
            data[name] = sorted(linked.slug for linked in form.cleaned_data[name])
        row = self.model.objects.get(pk=page.pk)
        # Django's own "was changed successfully" would say the page changed: it did not.
        request.page_saved_as_draft = True
        if publishing.save_draft(row, data, by=request.user, picture=self.picture(page)):
            where = (
                "Patients still see the live page."
                if row.status == Status.PUBLISHED
                else ("The page is not on the site yet.")
            )
            self.message_user(
                request,
                f"Saved as a draft. {where} When it is ready, submit it for clinical review.",
                messages.INFO,
            )
        else:
            self.message_user(
                request, "Nothing differs from the live page, so there is no draft.", messages.INFO
            )

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        if level == messages.SUCCESS and getattr(request, "page_saved_as_draft", False):
            return
        super().message_user(request, message, level, *args, **kwargs)

    def picture(self, page) -> tuple | None:
        """The picture from the form (a new upload, or the stored file's name), for kinds of
        page whose schema has one."""
        if page.schema.picture is None:
            return None
        image, alt = (getattr(page, name) for name in page.schema.picture)
        return (image.file if image and not image._committed else image.name, alt)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        row = self.model.objects.filter(pk=object_id).prefetch_related("drafts").first()
        extra_context = {**(extra_context or {}), **ONE_PAGE_AT_A_TIME}
        if row is not None:
            extra_context["publishing"] = self.standing(request, row)
            extra_context["translation_links"] = translation_links(row)
        return super().change_view(request, object_id, form_url, extra_context)

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), **ONE_PAGE_AT_A_TIME}
        return super().add_view(request, form_url, extra_context)

    def standing(self, request, row) -> dict:
        """Where the page stands, and which of the next steps this person may take."""
        draft = row.draft
        may_edit = self.has_change_permission(request, row)
        in_review = draft is not None and draft.state == DraftState.SUBMITTED
        return {
            "page": row,
            "draft": draft,
            "can_submit": may_edit and publishing.submit_problem(row, draft) is None,
            "can_review": in_review and self.has_review_permission(request),
            "can_publish": may_edit and (draft is not None or row.status != Status.PUBLISHED),
            "can_unpublish": may_edit and row.status == Status.PUBLISHED,
        }

    # The steps from draft to live, and the versions

    def get_urls(self):
        view = self.admin_site.admin_view
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("<int:object_id>/draft/", view(self.draft_view), name=f"{name}_draft"),
            path(
                "<int:object_id>/submit/",
                view(require_POST(self.submit_view)),
                name=f"{name}_submit",
            ),
            path("<int:object_id>/review/", view(self.review_view), name=f"{name}_review"),
            path("<int:object_id>/publish/", view(self.publish_view), name=f"{name}_publish"),
            path("<int:object_id>/unpublish/", view(self.unpublish_view), name=f"{name}_unpublish"),
            path("<int:object_id>/versions/", view(self.versions), name=f"{name}_versions"),
            path(
                "<int:object_id>/versions/<int:revision_id>/restore/",
                view(self.restore_version),
                name=f"{name}_restore",
            ),
            *super().get_urls(),
        ]

    def _row(self, request, object_id, allowed):
        row = get_object_or_404(self.model.objects.prefetch_related("drafts"), pk=object_id)
        if not allowed(request, row):
            raise PermissionDenied
        return row

    def _back_to_form(self, row):
        return redirect(reverse(self._url_name("change"), args=[row.pk]))

    def _url_name(self, view: str) -> str:
        return f"admin:{self.opts.app_label}_{self.opts.model_name}_{view}"

    def _step_page(self, request, row, template: str, **context):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "page": row,
            "draft": row.draft,
            **context,
        }
        return TemplateResponse(request, f"admin/procedures/{template}", context)

    def _changes(self, row) -> list:
        return page_changes(self.model, live_data(row), publishing.working_data(row))

    def _take_step(self, request, row, step, done: str):
        """Take `step` and say how it went; back to the page's form either way."""
        try:
            step(row, by=request.user)
        except publishing.NotAllowed as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
        else:
            self.message_user(request, done, messages.SUCCESS)
        return self._back_to_form(row)

    def draft_view(self, request, object_id):
        """The draft (or the page, when it has none) in the public design."""
        row = self._row(request, object_id, self.has_view_or_change_permission)
        return draft_preview(request, row)

    def submit_view(self, request, object_id):
        row = self._row(request, object_id, self.has_change_permission)
        done = (
            "Sent for clinical review. A clinical reviewer will approve it or send it "
            "back with a comment."
        )
        return self._take_step(request, row, publishing.submit, done)

    def review_view(self, request, object_id):
        row = self._row(request, object_id, lambda r, _: self.has_review_permission(r))
        comment = request.POST.get("comment", "")
        if request.method == "POST":
            decision = request.POST.get("decision")
            step = publishing.approve if decision == "approve" else publishing.send_back
            try:
                step(row, by=request.user, comment=comment)
            except publishing.NotAllowed as refusal:
                messages.error(request, str(refusal))
            else:
                done = (
                    "Approved. An editor can now publish it."
                    if decision == "approve"
                    else ("Sent back to the editors with your comment.")
                )
                self.message_user(request, done, messages.SUCCESS)
                return redirect(reverse(self._url_name("changelist")))
        draft = publishing.draft_of(row)
        return self._step_page(
            request,
            row,
            "review.html",
            title=f"Review the changes to {row}",
            changes=self._changes(row),
            comment=comment,
            own_edit=draft and publishing.approval_refusal(draft, request.user),
        )

    def publish_view(self, request, object_id):
        row = self._row(request, object_id, self.has_change_permission)
        form = PublishForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            when, above_grade = form.cleaned_data["go_live_at"], form.cleaned_data["above_grade"]
            try:
                if when:
                    publishing.schedule(row, when, by=request.user, above_grade_ok=above_grade)
                    done = f"It will go live at {date_format(localtime(when), 'DATETIME_FORMAT')}."
                else:
                    publishing.publish(row, by=request.user, above_grade_ok=above_grade)
                    done = "Published. Patients now see this version."
            except (publishing.NotAllowed, MarkdownRefused) as refusal:
                form.add_error(None, str(refusal))
            else:
                self.message_user(request, done, messages.SUCCESS)
                return self._back_to_form(row)
        page = publishing.working_page(row)[0]
        return self._step_page(
            request,
            row,
            "publish.html",
            title=f"Publish {row}",
            form=form,
            changes=self._changes(row),
            grade=getattr(page, "reading_grade", None),
            limit=READING_GRADE_LIMIT,
            problem=publishing.publish_problem(row, above_grade_ok=True),
            checks=check_page(page).problems,
        )

    def unpublish_view(self, request, object_id):
        row = self._row(request, object_id, self.has_change_permission)
        if request.method == "POST":
            done = (
                "Unpublished. The page is no longer on the site; publish it again to bring it back."
            )
            return self._take_step(request, row, publishing.unpublish, done)
        return self._step_page(request, row, "unpublish.html", title=f"Unpublish {row}?")

    def versions(self, request, object_id):
        page = get_object_or_404(self.model, pk=object_id)
        if not self.has_view_or_change_permission(request, page):
            raise PermissionDenied
        revisions = list(page.revisions.select_related("author", "approved_by"))
        # Each version beside the one before it; the oldest has none. A page made outside
        # the admin (imported, or older than versions) may have no versions at all.
        older_ones = [*revisions[1:], None] if revisions else []
        entries = [
            {
                "revision": revision,
                "changes": page_changes(self.model, older.data, revision.data) if older else None,
            }
            for revision, older in zip(revisions, older_ones, strict=True)
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": f"Versions of {page}",
            "page": page,
            "entries": entries,
            "opts": self.opts,
            "live_version_id": page.live_version_id,
            "can_restore": self.has_change_permission(request, page),
        }
        return TemplateResponse(request, "admin/procedures/versions.html", context)

    def restore_version(self, request, object_id, revision_id):
        """Asks first; on the POST of that question the version becomes the draft."""
        page = get_object_or_404(self.model, pk=object_id)
        if not self.has_change_permission(request, page):
            raise PermissionDenied
        revision = get_object_or_404(page.revisions, pk=revision_id)
        if request.method != "POST":
            context = {
                **self.admin_site.each_context(request),
                "title": f"Restore this version of {page}?",
                "page": page,
                "revision": revision,
                "changes": page_changes(self.model, live_data(page), revision.data),
                "opts": self.opts,
            }
            return TemplateResponse(request, "admin/procedures/restore.html", context)
        if publishing.restore(revision, by=request.user) is None:
            done = "The draft is gone: the page is back to its live version."
        else:
            done = "The earlier version is now the draft. It goes live only when it is published."
        self.message_user(request, done, messages.SUCCESS)
        return self._back_to_form(page)


@admin.register(Condition)
class ConditionAdmin(PageAdmin):
    list_display = ("name", "publication", "review_step", "last_reviewed", "updated_at")
    list_filter = ("status",)
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name",)
    fields = page_fields(Condition)


@admin.register(Option)
class OptionAdmin(PageAdmin):
    list_display = ("name", "publication", "review_step", "last_reviewed", "updated_at")
    list_filter = ("status",)
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name", "summary")
    filter_horizontal = ("conditions",)
    fields = page_fields(Option)


@admin.register(Comparison)
class ComparisonAdmin(PageAdmin):
    list_display = ("__str__", "publication", "review_step", "last_reviewed", "updated_at")
    list_filter = ("status",)
    readonly_fields = ("slug", *PageAdmin.readonly_fields)
    fields = page_fields(Comparison)


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(PageAdmin):
    list_display = ("term", "summary", "publication", "review_step", "last_reviewed")
    list_filter = ("status",)
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
    """Edits go to a draft; a clinician approves it; then an editor publishes it."""

    form = ProcedureForm
    list_display = ("title", "publication", "review_step", "grade", "review_due", "review")
    list_filter = ("status", ReviewStateFilter)
    search_fields = ("title", "other_names")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("conditions", "related")
    readonly_fields = (
        "readability",
        "published_at",
        "last_reviewed",
        "reviewed_by",
        "review_due",
    )
    # What editors change most comes first; the rest of the schema is folded away.
    fieldsets = fieldsets_with_the_rest(
        Procedure,
        (
            (None, {"fields": ("title", "lay_name", "summary")}),
            (
                "Sections",
                {
                    "description": "Write in plain words, for a patient who is in pain. Use "
                    "### for headings inside a section. The preview shows each section's "
                    "reading grade.",
                    "fields": Procedure.schema.sections,
                },
            ),
            ("Picture", {"fields": Procedure.schema.picture}),
            ("At a glance", {"fields": Procedure.group("at_a_glance").fields}),
            (
                "Choosing",
                {
                    "description": "Shown side by side in comparisons, and beside every other "
                    "option on the pages of the conditions it treats.",
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
            ),
            (
                "Warning signs after this procedure",
                {
                    "description": "The site's urgent-care card (emergency, get seen today, "
                    "call us) is shown at the end of the 'after' section. Add only the signs "
                    "that belong to this procedure. Never type an emergency number: the card "
                    "gives it.",
                    "fields": Procedure.group("warning_signs").fields,
                },
            ),
            ("Questions to ask", {"fields": ("questions",)}),
            ("Links and other names", {"fields": (*Procedure.link_fields(), "other_names")}),
            (
                "Sources and clinical review",
                {
                    "description": "A clinical reviewer's approval sets the review date and name.",
                    "fields": ("sources", "last_reviewed", "reviewed_by", "review_due"),
                },
            ),
            ("Readability", {"fields": ("readability",)}),
        ),
        also_folded=("published_at",),
    )

    @admin.display(description="reading grade", ordering="reading_grade")
    def grade(self, procedure):
        if procedure.reading_grade is None:
            return "—"
        if procedure.reading_grade > READING_GRADE_LIMIT:
            return format_html(
                "<strong>{} (above {})</strong>", procedure.reading_grade, READING_GRADE_LIMIT
            )
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

    def get_urls(self):
        preview = self.admin_site.admin_view(require_POST(self.preview_changes))
        return [
            path("preview/", preview, name="procedures_procedure_preview_new"),
            path("<int:object_id>/preview/", preview, name="procedures_procedure_preview"),
            *super().get_urls(),
        ]

    # Previews

    def preview_changes(self, request, object_id=None):
        """The page with the form's unsaved changes, in the public template, saving nothing."""
        procedure = get_object_or_404(Procedure, pk=object_id) if object_id else None
        if not self.has_view_or_change_permission(request, procedure):
            raise PermissionDenied
        form = self.get_form(request, procedure)(request.POST, request.FILES, instance=procedure)
        if not form.is_valid():
            context = {
                **self.admin_site.each_context(request),
                "form": form,
                "title": "The preview could not be made",
            }
            return TemplateResponse(
                request, "admin/procedures/procedure/preview_errors.html", context
            )
        draft = form.save(commit=False)
        draft.derive_fields()
        if "hero_image" in form.changed_data:
            draft.hero_variants = []  # a new picture is only sized once it is saved
        return render_procedure(
            request,
            draft,
            preview="unsaved",
            conditions=form.cleaned_data["conditions"],
            related=form.cleaned_data["related"].published(),
        )


# The translations of these pages.
from procedures import translation_admin  # noqa: E402, F401
