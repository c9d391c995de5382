"""The front desk's side: working through callback requests."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ERROR_FLAG, SEARCH_VAR
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.timesince import timesince
from django.views.decorators.http import require_GET

from appointments.csv_export import callbacks_csv
from appointments.models import (
    STATUS_FIELDS,
    AuditEvent,
    CallbackNote,
    CallbackRequest,
    Status,
    waiting_first_ordering,
)
from core.roles import FRONT_DESK

PATIENT_FIELDS = (
    "reference", "created_at", "full_name", "phone", "email", "contact_method", "contact_time",
    "procedure", "has_referral", "has_imaging", "message", "consent",
)  # fmt: skip


class CallbackRequestAdminForm(forms.ModelForm):
    """The front desk's part of a request.

    The status is not written to the request by the form: it changes only through
    CallbackRequest.change_status, which checks the step and stamps who and when.
    """

    status = forms.ChoiceField(choices=Status.choices)
    field_order = ("status",)

    class Meta:
        model = CallbackRequest
        fields = ("assigned_to",)
        # The admin passes its own list of fields, status among them: only exclude keeps
        # the form from writing it.
        exclude = ("status",)  # noqa: DJ006

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["status"] = self.instance.status
        # Offer only the steps the workflow has; clean_status explains any other.
        self.fields["status"].widget.choices = [
            (value, label) for value, label in Status.choices if self._may_choose(value)
        ]

    def clean_status(self) -> str:
        status = self.cleaned_data["status"]
        if status != self.instance.status:
            self.instance.check_move_to(status)
        return status

    def _may_choose(self, status: str) -> bool:
        return status == self.instance.status or self.instance.can_move_to(status)


class NoteInline(admin.TabularInline):
    """Notes are added, never edited or deleted: they are the record of what was done."""

    model = CallbackNote
    extra = 1
    fields = ("created_at", "author", "text")
    readonly_fields = ("created_at", "author")
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False


class AuditInline(admin.TabularInline):
    model = AuditEvent
    fields = ("at", "user", "action", "detail")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "Audit trail: who viewed, changed or exported this request"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CallbackRequest)
class CallbackRequestAdmin(admin.ModelAdmin):
    list_display = (
        "reference", "full_name", "phone", "treatment", "contact_time", "status",
        "assigned_to", "waiting",
    )  # fmt: skip
    list_filter = ("status", "procedure", "created_at")
    search_fields = ("reference", "full_name", "phone")
    list_select_related = ("procedure", "assigned_to")
    readonly_fields = (*PATIENT_FIELDS, "status_changed_at", "status_changed_by")
    fieldsets = (
        ("What the patient sent", {"fields": PATIENT_FIELDS}),
        (
            "Front desk",
            {"fields": ("status", "assigned_to", "status_changed_at", "status_changed_by")},
        ),
    )
    form = CallbackRequestAdminForm
    inlines = (NoteInline, AuditInline)
    actions = ("assign_to_me", "mark_contacted", "mark_closed")
    change_list_template = "admin/appointments/callbackrequest/change_list.html"

    # Lists

    def get_ordering(self, request):
        # An expression rather than an annotation, because other admin pages (the request
        # menu on an audit event) sort plain querysets by this ordering too.
        return waiting_first_ordering()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            # Only people who work the requests can be given one.
            kwargs["queryset"] = get_user_model().objects.filter(
                is_active=True, is_staff=True, groups__name=FRONT_DESK.group
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        digits = "".join(ch for ch in search_term if ch.isdigit())
        if len(digits) >= 4:  # "555 0143" finds "+12025550143"
            results |= queryset.filter(phone__contains=digits)
        return results, may_have_duplicates

    @admin.display(description="treatment", ordering="procedure__title")
    def treatment(self, callback):
        return callback.treatment

    @admin.display(description="waiting", ordering="created_at")
    def waiting(self, callback):
        if callback.is_finished:
            return "—"
        return timesince(callback.created_at, timezone.now(), depth=1)

    # Permissions: requests come only from patients, and nothing is ever deleted here.

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    # Views, recorded in the audit trail

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if request.method == "GET" and response.status_code == 200 and changelist:
            shown = list(changelist.result_list)
            AuditEvent.record(
                request.user, AuditEvent.Action.VIEWED, shown, _list_detail(request, len(shown))
            )
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        callback = self.get_object(request, object_id)
        if callback is not None and response.status_code == 200:
            AuditEvent.record(request.user, AuditEvent.Action.VIEWED, [callback], "history page")
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        callback = self.get_object(request, object_id)
        allowed = callback is not None and self.has_view_or_change_permission(request, callback)
        if allowed and request.method == "GET":
            AuditEvent.record(request.user, AuditEvent.Action.VIEWED, [callback])
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        status = form.cleaned_data.get("status", obj.status)
        if status != obj.status:
            obj.change_status(status, by=request.user)
        changes = ", ".join(form.changed_data)
        super().save_model(request, obj, form, change)
        if changes:
            AuditEvent.record(request.user, AuditEvent.Action.CHANGED, [obj], f"changed {changes}")

    def save_formset(self, request, form, formset, change):
        notes = formset.save(commit=False)
        for note in notes:
            note.author = request.user
            note.save()
        if notes and formset.model is CallbackNote:
            AuditEvent.record(
                request.user, AuditEvent.Action.CHANGED, [form.instance], "added a note"
            )

    # Actions

    @admin.action(description="Assign to me", permissions=["change"])
    def assign_to_me(self, request, queryset):
        callbacks = list(queryset)
        queryset.update(assigned_to=request.user)
        AuditEvent.record(request.user, AuditEvent.Action.CHANGED, callbacks, "assigned to me")
        self.message_user(request, f"Assigned {len(callbacks)} request(s) to you.")

    @admin.action(description="Mark contacted", permissions=["change"])
    def mark_contacted(self, request, queryset):
        self._move(request, queryset, Status.CONTACTED)

    @admin.action(description="Mark closed", permissions=["change"])
    def mark_closed(self, request, queryset):
        self._move(request, queryset, Status.CLOSED)

    def _move(self, request, queryset, status):
        moved, refused = [], []
        for callback in queryset:
            if callback.can_move_to(status):
                callback.change_status(status, by=request.user)
                callback.save(update_fields=STATUS_FIELDS)
                moved.append(callback)
            else:
                refused.append(callback.reference)
        label = Status(status).label.lower()
        AuditEvent.record(request.user, AuditEvent.Action.CHANGED, moved, f"marked {label}")
        if moved:
            self.message_user(request, f"Marked {len(moved)} request(s) {label}.")
        if refused:
            self.message_user(
                request,
                f"Not changed, because they cannot be marked {label} from their status: "
                + ", ".join(refused),
                messages.WARNING,
            )

    # CSV export of the filtered list

    def get_urls(self):
        export = self.admin_site.admin_view(self.export_csv)
        return [
            path("export/", export, name="appointments_callbackrequest_export"),
            *super().get_urls(),
        ]

    @method_decorator(require_GET)
    def export_csv(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            # As the list itself does: back to the unfiltered list, flagged as an error.
            list_url = reverse("admin:appointments_callbackrequest_changelist")
            return HttpResponseRedirect(f"{list_url}?{ERROR_FLAG}=1")
        callbacks = list(
            changelist.get_queryset(request).select_related("procedure", "assigned_to")
        )
        AuditEvent.record(request.user, AuditEvent.Action.EXPORTED, callbacks, "CSV export")
        response = HttpResponse(callbacks_csv(callbacks), content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y-%m-%d")
        response["Content-Disposition"] = f'attachment; filename="callback-requests-{stamp}.csv"'
        response["Cache-Control"] = "no-store"
        return response


def _list_detail(request, shown: int) -> str:
    """What a list view showed: the filter, and whether it was a search, never the search text.

    Search text can be a patient's name, and the audit trail is no place for it.
    """
    filters = "&".join(
        f"{key}={value}"
        for key, value in sorted(request.GET.items())
        if key not in (SEARCH_VAR, ERROR_FLAG)
    )
    kind = "searched the list" if request.GET.get(SEARCH_VAR) else "listed"
    detail = f"{kind} ({shown} shown)" + (f", filter {filters}" if filters else "")
    return detail[: AuditEvent._meta.get_field("detail").max_length]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "reference", "action", "detail", "user")
    fields = ("at", "reference", "request", "action", "detail", "user")
    readonly_fields = fields
    list_filter = ("action", "at")
    search_fields = ("reference",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
