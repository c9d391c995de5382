"""The front desk's side: working through callback requests."""

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ERROR_FLAG, SEARCH_VAR
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince
from django.views.decorators.http import require_GET, require_safe

from appointments import services
from appointments.admin_parts import (
    CallbackChangeList,
    CallbackRequestAdminForm,
    NoteInline,
    OverdueFilter,
    StaffChoiceField,
)
from appointments.audit_trail import describe, done_by, recent_lines
from appointments.csv_export import callbacks_csv
from appointments.folding import fold
from appointments.models import (
    DUPLICATE_WINDOW,
    AuditEvent,
    CallbackNote,
    CallbackRequest,
    Status,
    waiting_first_ordering,
)
from appointments.phones import phone_link
from appointments.staff import front_desk_staff
from core.roles import staff_name

# Rows on each page of a request's full audit trail.
TRAIL_PAGE_SIZE = 200

PATIENT_FIELDS = (
    "reference",
    "created_at",
    "full_name",
    "phone_number",
    "email",
    "best_time_to_call",
    "language_and_interpreter",
    "contact_needs",
    "procedure",
    "has_referral",
    "has_imaging",
    "message",
    "consent",
)


@admin.register(CallbackRequest)
class CallbackRequestAdmin(admin.ModelAdmin):
    # Trimmed to fit a 1280-pixel screen beside the filters: the name and phone share a
    # column, and the flags say in a word or two what the request's page has in full.
    list_display = (
        "reference",
        "patient",
        "treatment",
        "best_time",
        "flags",
        "status",
        "assigned",
        "waiting",
    )
    list_filter = ("status", OverdueFilter, "procedure", "created_at")
    # The name is searched in its folded form ("lopez" finds "López"); see get_search_results.
    search_fields = ("reference", "search_name", "phone")
    list_select_related = ("procedure", "assigned_to")
    readonly_fields = (*PATIENT_FIELDS, "status_changed_at", "changed_by")
    fieldsets = (
        ("What the patient sent", {"fields": PATIENT_FIELDS}),
        (
            "Front desk",
            {"fields": ("status", "assigned_to", "status_changed_at", "changed_by")},
        ),
    )
    form = CallbackRequestAdminForm
    # The audit trail is not an inline: the template shows its latest lines below the form.
    inlines = (NoteInline,)
    actions = ("assign_to_me", "mark_contacted", "mark_closed")
    change_list_template = "admin/appointments/callbackrequest/change_list.html"
    change_form_template = "admin/appointments/callbackrequest/change_form.html"

    # Lists

    def get_ordering(self, request):
        # An expression rather than an annotation, because other admin pages (the request
        # menu on an audit event) sort plain querysets by this ordering too.
        return waiting_first_ordering()

    def get_changelist(self, request, **kwargs):
        return CallbackChangeList

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            # Only people who work the requests can be given one.
            kwargs["queryset"] = front_desk_staff()
            kwargs["form_class"] = StaffChoiceField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        # Folded as search_name is, so accents and case on either side do not matter.
        results, may_have_duplicates = super().get_search_results(
            request, queryset, fold(search_term)
        )
        digits = "".join(ch for ch in search_term if ch.isdigit())
        if len(digits) >= 4:  # "555 0143" finds "+12025550143"
            results |= queryset.filter(phone__contains=digits)
        return results, may_have_duplicates

    @admin.display(description="patient", ordering="full_name")
    def patient(self, callback):
        return format_html("{}<br>{}", callback.full_name, phone_link(callback.phone))

    @admin.display(description="treatment", ordering="procedure__title")
    def treatment(self, callback):
        return callback.treatment

    @admin.display(description="best time")
    def best_time(self, callback):
        return callback.best_time(short=True)

    @admin.display(description="flags")
    def flags(self, callback):
        flags = format_html_join("", '<span class="flag">{}</span>', ((f,) for f in callback.flags))
        duplicates = format_html_join(
            "",
            '<a class="flag flag--duplicate" href="{}">Possible duplicate of {}</a>',
            # Found for the whole page at once by CallbackChangeList.
            ((other.admin_path(), other.reference) for other in callback.possible_duplicates),
        )
        return (duplicates + flags) or self.get_empty_value_display()

    @admin.display(description="assigned to", ordering="assigned_to__first_name")
    def assigned(self, callback):
        return staff_name(callback.assigned_to) or self.get_empty_value_display()

    @admin.display(description="waiting", ordering="created_at")
    def waiting(self, callback):
        if callback.is_finished:
            return "—"
        now = timezone.now()
        waited = timesince(callback.waiting_since, now, depth=1)
        if callback.is_overdue(now=now):
            return format_html('<strong class="overdue">{}, overdue</strong>', waited)
        return waited

    # The request's page

    @admin.display(description="phone")
    def phone_number(self, callback):
        return phone_link(callback.phone)

    @admin.display(description="best time to call")
    def best_time_to_call(self, callback):
        return callback.best_time()

    @admin.display(description="language")
    def language_and_interpreter(self, callback):
        if callback.needs_interpreter:
            return f"{callback.language_name}, needs an interpreter"
        return callback.language_name

    @admin.display(description="contact needs")
    def contact_needs(self, callback):
        needs = callback.contact_needs
        if not needs:
            return self.get_empty_value_display()
        return format_html_join(mark_safe("<br>"), "{}", ((need.label,) for need in needs))

    @admin.display(description="status changed by")
    def changed_by(self, callback):
        return staff_name(callback.status_changed_by) or self.get_empty_value_display()

    # Permissions: requests come only from patients, and nothing is ever deleted here.

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    # Views, recorded in the audit trail

    def changelist_view(self, request, extra_context=None):
        # The list is where the front desk works all day: it gets the whole width. The
        # menu beside it would only repeat the breadcrumbs' way back to the admin home.
        extra_context = {"is_nav_sidebar_enabled": False, **(extra_context or {})}
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        # Whatever the method, a list that was rendered was read (HEAD too: the server only
        # drops the body on the way out, so the trail cannot rely on it).
        if response.status_code == 200 and changelist:
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
        if allowed:
            duplicates = CallbackRequest.objects.possible_duplicates_of([callback])
            extra_context = {
                **(extra_context or {}),
                "possible_duplicates": duplicates.get(callback.pk, []),
                "duplicate_window_days": DUPLICATE_WINDOW.days,
                "audit_trail": recent_lines(callback),
                "audit_trail_count": callback.audit_events.count(),
                "audit_trail_url": reverse(
                    "admin:appointments_callbackrequest_trail", args=[callback.pk]
                ),
            }
        response = super().change_view(request, object_id, form_url, extra_context)
        # A rendered page is a read, whatever the method: GET, HEAD, or a POST the form
        # sent back with errors. A saved POST redirects and is recorded as a change.
        if allowed and response.status_code == 200:
            AuditEvent.record(request.user, AuditEvent.Action.VIEWED, [callback])
        return response

    def save_model(self, request, obj, form, change):
        status = form.cleaned_data.get("status", obj.status)
        services.save_staff_edit(obj, by=request.user, status=status, changed=form.changed_data)

    def save_formset(self, request, form, formset, change):
        notes = formset.save(commit=False)
        if formset.model is CallbackNote:
            services.add_notes(form.instance, notes, by=request.user)

    # Actions

    @admin.action(description="Assign to me", permissions=["change"])
    def assign_to_me(self, request, queryset):
        callbacks = list(queryset)
        services.assign(callbacks, to=request.user)
        self.message_user(request, f"Assigned {len(callbacks)} request(s) to you.")

    @admin.action(description="Mark contacted", permissions=["change"])
    def mark_contacted(self, request, queryset):
        self._move(request, queryset, Status.CONTACTED)

    @admin.action(description="Mark closed", permissions=["change"])
    def mark_closed(self, request, queryset):
        self._move(request, queryset, Status.CLOSED)

    def _move(self, request, queryset, status):
        moved, refused = services.move(queryset, status, by=request.user)
        label = Status(status).label.lower()
        if moved:
            self.message_user(request, f"Marked {len(moved)} request(s) {label}.")
        if refused:
            self.message_user(
                request,
                f"Not changed, because they cannot be marked {label} from their status: "
                + ", ".join(refused),
                messages.WARNING,
            )

    # The full audit trail of one request, and the CSV export of the filtered list

    def get_urls(self):
        export = self.admin_site.admin_view(self.export_csv)
        trail = self.admin_site.admin_view(self.trail_view)
        return [
            path("export/", export, name="appointments_callbackrequest_export"),
            # Before the admin's own URLs, whose "<path:object_id>/" would take it.
            path("<path:object_id>/trail/", trail, name="appointments_callbackrequest_trail"),
            *super().get_urls(),
        ]

    @method_decorator(require_safe)
    def trail_view(self, request, object_id):
        """Every row of one request's trail, newest first, for whoever may see the request."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        callback = self.get_object(request, unquote(object_id))
        if callback is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, callback):
            raise PermissionDenied
        events = callback.audit_events.select_related("user").order_by("-at", "-pk")
        page = Paginator(events, TRAIL_PAGE_SIZE).get_page(request.GET.get("page"))
        for event in page:
            event.what, event.who = describe(event), done_by(event)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "callback": callback,
            "page": page,
            "title": f"Audit trail of {callback.reference}",
        }
        return TemplateResponse(request, "admin/appointments/callbackrequest/trail.html", context)

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
