"""Answers to "Did this page help?", kept with the page and the version the reader saw."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Q, prefetch_related_objects
from django.utils import timezone

# Long enough to say what was missing; too short for a medical history.
COMMENT_LENGTH = 500


class PageFeedbackQuerySet(models.QuerySet):
    def since(self, day):
        return self.filter(day__gte=day)

    def comments(self):
        """Answers that say what was missing, with their pages."""
        return self.exclude(missing="").prefetch_related("page")

    def least_helpful_pages(self, rows: int) -> list[dict]:
        """The `rows` pages with the most "no" answers, fewest "yes" first among equals:
        each row has the page and its `no` and `yes` counts."""
        counts = list(
            self.values("page_type", "page_id")
            .annotate(
                no=Count("pk", filter=Q(helpful=False)), yes=Count("pk", filter=Q(helpful=True))
            )
            .filter(no__gt=0)
            .order_by("-no", "yes")[:rows]
        )
        # One query per kind of page, not one per row.
        answers = [
            self.model(page_type_id=row["page_type"], page_id=row["page_id"]) for row in counts
        ]
        prefetch_related_objects(answers, "page")
        return [{**row, "page": answer.page} for row, answer in zip(counts, answers, strict=True)]


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

    objects = PageFeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = "answer to “Did this page help?”"
        verbose_name_plural = "answers to “Did this page help?”"
        ordering = ["-day", "-pk"]
        indexes = [models.Index(fields=["page_type", "page_id"])]

    def __str__(self) -> str:
        return f"{'Yes' if self.helpful else 'No'} on {self.page}"
