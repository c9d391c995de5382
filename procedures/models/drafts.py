"""Unpublished changes to a page, and their clinical sign-off."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from procedures.content import fingerprint


class DraftState(models.TextChoices):
    EDITING = "editing", "Being edited"
    SUBMITTED = "submitted", "Waiting for clinical review"
    APPROVED = "approved", "Approved by a clinician"
    SENT_BACK = "sent_back", "Sent back by a clinician"


class Draft(models.Model):
    """The page as an editor is preparing it, kept apart so the live page stays as it is.

    `data` is the page in the content-file format, like a version. A page has at most one
    draft; publishing copies it onto the page and deletes it.
    """

    page_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    page_id = models.PositiveIntegerField()
    page = GenericForeignKey("page_type", "page_id")
    data = models.JSONField()
    # The picture at the top, for kinds of page whose schema has one.
    hero_image = models.ImageField(upload_to="heroes/", blank=True)
    hero_alt = models.CharField(max_length=200, blank=True)
    state = models.CharField(max_length=10, choices=DraftState.choices, default=DraftState.EDITING)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Everyone who changed the draft: none of them may approve it.
    editors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(blank=True)
    approved_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    go_live_at = models.DateTimeField("go live at", null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page_type", "page_id"], name="one_draft_per_page"),
            models.CheckConstraint(
                condition=models.Q(state__in=DraftState.values), name="draft_state_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Draft of {self.page}"

    @property
    def picture(self) -> tuple[str, str]:
        """(file name, description), as `Page.picture()` gives them for the live page."""
        return (self.hero_image.name or "", self.hero_alt)

    @picture.setter
    def picture(self, value) -> None:
        self.hero_image, self.hero_alt = value

    @property
    def fingerprint(self) -> str:
        """Identifies the exact page a clinician approved: any later edit changes it."""
        return fingerprint({"data": self.data, "picture": list(self.picture)})

    @property
    def is_approved(self) -> bool:
        return self.state == DraftState.APPROVED and self.approved_fingerprint == self.fingerprint
