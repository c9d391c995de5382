"""Callback requests: what a patient asked for, and the front desk's work on it."""

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

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


# Where each status may go next. Closed and could-not-reach are the end of the road.
NEXT_STATUSES = {
    Status.NEW: {Status.CONTACTED, Status.CLOSED, Status.UNREACHABLE},
    Status.CONTACTED: {Status.SCHEDULED, Status.CLOSED, Status.UNREACHABLE},
    Status.SCHEDULED: {Status.CLOSED},
    Status.CLOSED: set(),
    Status.UNREACHABLE: set(),
}
FINISHED_STATUSES = (Status.CLOSED, Status.UNREACHABLE)
# What change_status writes, for save(update_fields=...).
STATUS_FIELDS = ("status", "status_changed_at", "status_changed_by")


class ContactMethod(models.TextChoices):
    PHONE = "phone", "Phone call"
    EMAIL = "email", "Email"


class ContactTime(models.TextChoices):
    MORNING = "morning", "Morning"
    AFTERNOON = "afternoon", "Afternoon"
    ANY = "any", "Any time"


class Answer(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_SURE = "not_sure", "Not sure"


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


def waiting_first_ordering() -> tuple:
    """Open requests oldest first, then the finished ones: the order the front desk works in."""
    finished = models.Case(
        models.When(status__in=FINISHED_STATUSES, then=1),
        default=0,
        output_field=models.IntegerField(),
    )
    return (finished.asc(), "created_at")


class CallbackRequest(models.Model):
    reference = models.CharField(max_length=12, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    # What the patient wrote. Staff can read it and add notes, never change it.
    full_name = models.CharField(max_length=100)
    phone = models.CharField(max_length=20, help_text="In international format.")
    email = models.EmailField(blank=True)
    contact_method = models.CharField(
        "preferred way", max_length=10, choices=ContactMethod.choices, default=ContactMethod.PHONE
    )
    contact_time = models.CharField("preferred time", max_length=10, choices=ContactTime.choices)
    procedure = models.ForeignKey(
        Procedure,
        verbose_name="treatment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text="Empty when the patient was not sure.",
    )
    has_referral = models.CharField("has a referral", max_length=10, choices=Answer.choices)
    has_imaging = models.CharField("has recent MRI or CT", max_length=10, choices=Answer.choices)
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
                condition=~models.Q(contact_method=ContactMethod.EMAIL) | ~models.Q(email=""),
                name="callback_email_when_preferred",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED_STATUSES

    @property
    def treatment(self) -> str:
        return self.procedure.title if self.procedure else "Not sure"

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
        return f"Note {self.created_at:%Y-%m-%d %H:%M}"


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
