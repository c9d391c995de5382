"""The parts of the front desk's admin pages: the request's form, its notes, the overdue
filter, and the list."""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import display_for_field
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth import get_user_model

from appointments.models import CallbackNote, CallbackRequest, Status
from core.roles import staff_name


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
        assigned = self.fields.get("assigned_to")
        if assigned is not None and self.instance.assigned_to_id:
            # Someone who has left keeps the requests they had, so the page still saves.
            current = get_user_model().objects.filter(pk=self.instance.assigned_to_id)
            assigned.queryset = (assigned.queryset | current).distinct()

    def clean_status(self) -> str:
        status = self.cleaned_data["status"]
        if status != self.instance.status:
            self.instance.check_move_to(status)
        return status

    def _may_choose(self, status: str) -> bool:
        return status == self.instance.status or self.instance.can_move_to(status)


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return staff_name(user)


class NoteForm(forms.ModelForm):
    class Meta:
        model = CallbackNote
        fields = ("text",)
        # A table's column heading is no label to a screen reader.
        widgets = {"text": forms.Textarea(attrs={"aria-label": "New note", "rows": 4})}


class NoteInline(admin.TabularInline):
    """Notes are added, never edited or deleted: they are the record of what was done."""

    model = CallbackNote
    form = NoteForm
    extra = 1
    fields = ("added", "by", "text")
    readonly_fields = ("added", "by")
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")

    @admin.display(description="added")
    def added(self, note):
        # A note being written has no time yet: it gets one when it is saved.
        if note.pk is None:
            return self.get_empty_value_display()
        created_at = CallbackNote._meta.get_field("created_at")
        return display_for_field(note.created_at, created_at, self.get_empty_value_display())

    @admin.display(description="by")
    def by(self, note):
        return staff_name(note.author) or self.get_empty_value_display()


class OverdueFilter(admin.SimpleListFilter):
    title = "waiting"
    parameter_name = "waiting"

    def lookups(self, request, model_admin):
        return [("overdue", "Overdue")]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.overdue()
        return queryset


class CallbackChangeList(ChangeList):
    """The list, with the possible duplicates of the requests shown found in one query."""

    def get_results(self, request):
        super().get_results(request)
        duplicates = CallbackRequest.objects.possible_duplicates_of(self.result_list)
        for callback in self.result_list:
            callback.possible_duplicates = duplicates.get(callback.pk, [])
