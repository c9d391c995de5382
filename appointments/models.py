"""Callback requests: what a patient asked for, and the front desk's work on it."""

import secrets
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from appointments.business_days import cutoff_before, deadline_after
from appointments.folding import fold
from procedures.models import Procedure

# No 0/O, 1/I/L or U: a reference read aloud over the phone cannot be misheard as another.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_LENGTH = 6


def new_reference() -> str:
    return "CB-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


class Status(models.TextChoices):
    NEW = "new", "New"
    CONTACTED = "contacted", "Contacted"
    SCHEDULED = "scheduled", "Scheduled"
    CLOSED = "closed", "Closed"
    UNREACHABLE = "unreachable", "Could not reach"


# Where each status may go next. A patient booked on the first call goes straight from new
# to scheduled; a finished request is reopened when the patient calls again or was closed
# by mistake.
NEXT_STATUSES = {
    Status.NEW: {Status.CONTACTED, Status.SCHEDULED, Status.CLOSED, Status.UNREACHABLE},
    Status.CONTACTED: {Status.SCHEDULED, Status.CLOSED, Status.UNREACHABLE},
    Status.SCHEDULED: {Status.CLOSED},
    Status.CLOSED: {Status.NEW, Status.CONTACTED},
    Status.UNREACHABLE: {Status.NEW, Status.CONTACTED},
}
FINISHED_STATUSES = (Status.CLOSED, Status.UNREACHABLE)
# What change_status writes, for save(update_fields=...).
STATUS_FIELDS = ("status", "status_changed_at", "status_changed_by")
# Two open requests from one phone number sent this close together are probably one patient.
DUPLICATE_WINDOW = timedelta(days=14)


# The choices patients see on the form, translated lazily: in the page's language, and in
# English in the admin, which has no /es/ address. The front desk's flags stay English.
class ContactTime(models.TextChoices):
    ANY = "any", _("Any time")
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")


class Weekday(models.TextChoices):
    MONDAY = "mon", _("Monday")
    TUESDAY = "tue", _("Tuesday")
    WEDNESDAY = "wed", _("Wednesday")
    THURSDAY = "thu", _("Thursday")
    FRIDAY = "fri", _("Friday")


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")
    OTHER = "other", _("Another language")


@dataclass(frozen=True)
class ContactNeed:
    field: str
    # What the patient ticks, and the short flag the front desk sees in the list.
    label: str
    flag: str


CONTACT_NEEDS = (
    ContactNeed(
        "hard_of_hearing", _("I am hard of hearing: please email or text me"), "Hard of hearing"
    ),
    ContactNeed("uses_relay", _("Please call me through the relay service"), "Relay service"),
    ContactNeed("speech_difficulty", _("I have trouble with speech"), "Trouble with speech"),
    ContactNeed("prefers_email", _("I would rather you email me"), "Email me"),
)


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_SURE = "not_sure", _("Not sure")


class CallbackRequestQuerySet(models.QuerySet):
    def new(self):
        return self.filter(status=Status.NEW)

    def open(self):
        return self.exclude(status__in=FINISHED_STATUSES)

    def finished(self):
        return self.filter(status__in=FINISHED_STATUSES)

    def purgeable(self, *, older_than: timedelta, now: datetime | None = None):
        """Finished requests whose last change of status is more than `older_than` ago."""
        cutoff = (now or timezone.now()) - older_than
        return self.finished().filter(status_changed_at__lt=cutoff)

    def waiting_first(self):
        return self.order_by(*waiting_first_ordering())

    def overdue(self, *, now: datetime | None = None):
        """New requests that have waited longer than we promise to take to call back."""
        cutoff = cutoff_before(now or timezone.now(), settings.CALLBACK_RESPONSE_BUSINESS_DAYS)
        # A request put back to New waits from then (status_changed_at); see waiting_since.
        waiting_since = Coalesce("status_changed_at", "created_at")
        return self.new().alias(waiting_since=waiting_since).filter(waiting_since__lt=cutoff)

    def possible_duplicates_of(self, callbacks) -> dict[int, list["CallbackRequest"]]:
        """For each open request in `callbacks` (by pk), the other open requests from the same
        phone number sent within DUPLICATE_WINDOW of it; requests with none are left out."""
        waiting = [callback for callback in callbacks if not callback.is_finished]
        if not waiting:
            return {}
        sent = [callback.created_at for callback in waiting]
        candidates = self.open().filter(
            phone__in={callback.phone for callback in waiting},
            created_at__range=(min(sent) - DUPLICATE_WINDOW, max(sent) + DUPLICATE_WINDOW),
        )
        by_phone = defaultdict(list)
        for candidate in candidates.only("reference", "phone", "created_at", "status"):
            by_phone[candidate.phone].append(candidate)
        found = {
            callback.pk: _close_in_time(callback, by_phone[callback.phone]) for callback in waiting
        }
        return {pk: others for pk, others in found.items() if others}


def waiting_first_ordering() -> tuple:
    """Open requests oldest first, then the finished ones: the order the front desk works in."""
    finished = models.Case(
        models.When(status__in=FINISHED_STATUSES, then=1),
        default=0,
        output_field=models.IntegerField(),
    )
    return (finished.asc(), "created_at")


def _close_in_time(callback, others: list) -> list:
    def close(other) -> bool:
        return abs(other.created_at - callback.created_at) <= DUPLICATE_WINDOW

    return [other for other in others if other.pk != callback.pk and close(other)]


class CallbackRequest(models.Model):
    reference = models.CharField(max_length=12, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    # What the patient wrote. Staff can read it and add notes, never change it.
    full_name = models.CharField(max_length=100)
    # The name as search compares it (appointments.folding), so "lopez" finds "López" on
    # SQLite and PostgreSQL alike; kept in step with full_name by save().
    search_name = models.TextField(blank=True, editable=False)
    phone = models.CharField(
        max_length=40, help_text="In international format, with any extension after it."
    )
    email = models.EmailField(blank=True)
    # Weekday values; empty when any weekday suits.
    contact_days = models.JSONField("preferred days", default=list, blank=True)
    contact_time = models.CharField(
        "preferred time of day", max_length=10, choices=ContactTime.choices, default=ContactTime.ANY
    )
    language = models.CharField(max_length=8, choices=Language.choices, default=Language.ENGLISH)
    language_other = models.CharField("other language", max_length=40, blank=True)
    needs_interpreter = models.BooleanField("needs an interpreter", default=False)
    hard_of_hearing = models.BooleanField("hard of hearing: email or text", default=False)
    uses_relay = models.BooleanField("call through the relay service", default=False)
    speech_difficulty = models.BooleanField("has trouble with speech", default=False)
    prefers_email = models.BooleanField("would rather be emailed", default=False)
    procedure = models.ForeignKey(
        Procedure,
        verbose_name="treatment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text="Empty when the patient was not sure.",
    )
    # Empty when the patient did not answer.
    has_referral = models.CharField(
        "has a referral", max_length=10, choices=Answer.choices, blank=True
    )
    has_imaging = models.CharField(
        "has recent MRI or CT", max_length=10, choices=Answer.choices, blank=True
    )
    message = models.TextField(max_length=1000, blank=True)
    consent = models.BooleanField("agreed to be contacted")

    # The front desk's work.
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NEW)
    status_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_callbacks",
    )

    objects = CallbackRequestQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(consent=True), name="callback_has_consent"),
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="callback_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(prefers_email=False) | ~models.Q(email=""),
                name="callback_email_when_preferred",
            ),
            # "Another language" always says which, and only then is one written.
            models.CheckConstraint(
                condition=(
                    models.Q(language=Language.OTHER) & ~models.Q(language_other="")
                    | ~models.Q(language=Language.OTHER) & models.Q(language_other="")
                ),
                name="callback_other_language_named",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args, **kwargs):
        self.search_name = fold(self.full_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "full_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_name"}
        super().save(*args, **kwargs)

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED_STATUSES

    @property
    def treatment(self) -> str:
        return self.procedure.title if self.procedure else "Not sure"

    @property
    def language_name(self) -> str:
        if self.language == Language.OTHER:
            return self.language_other
        return self.get_language_display()

    @property
    def contact_needs(self) -> list[ContactNeed]:
        return [need for need in CONTACT_NEEDS if getattr(self, need.field)]

    @property
    def flags(self) -> list[str]:
        """What the front desk must know before calling, in a word or two each."""
        flags = []
        if self.needs_interpreter:
            english = self.language == Language.ENGLISH
            flags.append("Interpreter" if english else f"Interpreter: {self.language_name}")
        elif self.language != Language.ENGLISH:
            flags.append(f"Speaks {self.language_name}")
        return flags + [need.flag for need in self.contact_needs]

    def best_time(self, *, short: bool = False) -> str:
        """ "Tuesday or Thursday, morning"; "Tue or Thu, morning" when short; "Any time"."""
        # The labels are lazy (the patient's form translates them): str() to join them.
        days = [
            str(label)[:3] if short else str(label)
            for value, label in Weekday.choices
            if value in self.contact_days
        ]
        if len(days) == len(Weekday.choices):
            days = []  # every weekday ticked: any weekday
        if not days and self.contact_time == ContactTime.ANY:
            return "Any time"
        when = ", ".join(days[:-1]) + " or " + days[-1] if len(days) > 1 else "".join(days)
        return f"{when or 'Any weekday'}, {self.get_contact_time_display().lower()}"

    @property
    def waiting_since(self) -> datetime:
        """When the request began waiting for our call: when it was sent, or put back to New."""
        if self.status == Status.NEW and self.status_changed_at:
            return self.status_changed_at
        return self.created_at

    def is_overdue(self, *, now: datetime | None = None) -> bool:
        """New, and waiting longer than CALLBACK_RESPONSE_BUSINESS_DAYS (the same rule as
        CallbackRequestQuerySet.overdue)."""
        if self.status != Status.NEW:
            return False
        deadline = deadline_after(self.waiting_since, settings.CALLBACK_RESPONSE_BUSINESS_DAYS)
        return deadline < (now or timezone.now())

    def admin_path(self) -> str:
        """The request's page in the admin: the only page it has."""
        return reverse("admin:appointments_callbackrequest_change", args=[self.pk])

    def can_move_to(self, status: str) -> bool:
        return status in NEXT_STATUSES[Status(self.status)]

    def check_move_to(self, status: str) -> None:
        """Raise ValidationError, with a message for staff, unless the workflow has this step."""
        if not self.can_move_to(status):
            old, new = Status(self.status).label, Status(status).label
            raise ValidationError(f"A request cannot go from {old} to {new}.", code="status_step")

    def change_status(self, status: str, *, by) -> None:
        """Move to `status`, stamped with who and when; the caller saves (STATUS_FIELDS)."""
        self.check_move_to(status)
        self.status = status
        self.status_changed_at = timezone.now()
        self.status_changed_by = by


class CallbackNote(models.Model):
    """A staff member's note on a request: added, never edited."""

    request = models.ForeignKey(CallbackRequest, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(max_length=2000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Note {timezone.localtime(self.created_at):%Y-%m-%d %H:%M}"


class AuditEvent(models.Model):
    """Who looked at, changed or exported a callback request, and when."""

    class Action(models.TextChoices):
        VIEWED = "viewed", "Viewed"
        CHANGED = "changed", "Changed"
        EXPORTED = "exported", "Exported"

    request = models.ForeignKey(
        CallbackRequest, null=True, on_delete=models.SET_NULL, related_name="audit_events"
    )
    # Kept as text so the trail still reads after a request is purged.
    reference = models.CharField(max_length=12)
    action = models.CharField(max_length=10, choices=Action.choices)
    detail = models.CharField(max_length=200, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.reference} {self.action}"

    @classmethod
    def record(cls, user, action: str, requests, detail: str = "") -> None:
        cls.objects.bulk_create(
            cls(request=r, reference=r.reference, action=action, detail=detail, user=user)
            for r in requests
        )
