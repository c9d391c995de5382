"""Answers to "Did this page help?", kept with the page and the version the reader saw."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

# Long enough to say what was missing; too short for a medical history.
COMMENT_LENGTH = 500


class PageFeedback(models.Model):
    """One answer. Nothing about who gave it: no address, session or account."""

    page_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    page_id = models.PositiveIntegerField()
    page = GenericForeignKey("page_type", "page_id")
    revision = models.ForeignKey(
        "procedures.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The version of the page the reader saw.",
    )
    helpful = models.BooleanField()
    missing = models.TextField("what was missing", max_length=COMMENT_LENGTH, blank=True)
    day = models.DateField(default=timezone.localdate)

    class Meta:
        verbose_name = "answer to “Did this page help?”"
        verbose_name_plural = "answers to “Did this page help?”"
        ordering = ["-day", "-pk"]
        indexes = [models.Index(fields=["page_type", "page_id"])]

    def __str__(self) -> str:
        return f"{'Yes' if self.helpful else 'No'} on {self.page}"
