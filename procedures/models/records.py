"""Records kept about pages: their saved versions."""

import datetime
import json

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from procedures.models.schema import Kind


class RevisionQuerySet(models.QuerySet):
    def of(self, page):
        return self.filter(page_type=ContentType.objects.get_for_model(page), page_id=page.pk)

    def record(
        self,
        page,
        *,
        author,
        summary: str = "",
        data=None,
        prefix: str = "",
        always=False,
        approved_by=None,
    ) -> "Revision | None":
        """Keep the page as it is now, or `data` (a draft of it); None when nothing changed
        since the last revision, unless `always` (a step worth its own line, like publishing).
        `prefix` starts the summary, e.g. "Draft: "."""
        data = live_data(page) if data is None else data
        previous = self.of(page).first()
        if previous is None:
            summary = summary or "First version"
        else:
            parts = previous.changed_parts(data)
            if not parts and not always:
                return None
            summary = summary or "Changed " + ", ".join(parts)
        return self.create(
            page=page, author=author, approved_by=approved_by, summary=prefix + summary, data=data
        )


class Revision(models.Model):
    """A saved version of a page: who, when, what changed, and all of it."""

    page_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    page_id = models.PositiveIntegerField()
    page = GenericForeignKey("page_type", "page_id")
    created_at = models.DateTimeField(default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    summary = models.CharField(max_length=300)
    # The clinician whose approval this version went live with, if any.
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The page in the content-file data format, so a revision is also an exportable file.
    data = models.JSONField()

    objects = RevisionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["page_type", "page_id"])]

    def __str__(self) -> str:
        return f"{self.page} at {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def page_model(self):
        return self.page_type.model_class()

    def page_data(self) -> dict:
        """The stored data as the content file's data again: dates as dates."""
        return from_json(self.page_model, self.data)

    def changed_parts(self, data: dict) -> list[str]:
        """What differs between this version and `data` (as stored), in words."""
        model = self.page_model
        parts = [
            label
            for key, label in model.part_labels().items()
            if self.data.get(key) != data.get(key)
        ]
        if model.schema.body:
            changed_body = self.data.get(model.schema.body) != data.get(model.schema.body)
            return parts + ([model.label(model.schema.body)] if changed_body else [])
        old, new = self.data.get("sections", {}), data.get("sections", {})
        return parts + [
            s.heading for s in model.section_list() if old.get(s.field) != new.get(s.field)
        ]


def live_data(page) -> dict:
    """The page as stored now, as a revision keeps it."""
    fresh = type(page).objects.prefetch_related(*page.link_fields()).get(pk=page.pk)
    return as_json(fresh.to_data())


def as_json(data: dict) -> dict:
    """Page data as a revision stores it: dates as text."""
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def from_json(model, data: dict) -> dict:
    data = dict(data)
    for key, group, name in model.front_fields():
        kind = model.kind(name)
        if kind == Kind.DATE and group is None:
            data[key] = datetime.date.fromisoformat(data[key])
        elif kind == Kind.SOURCES:
            data[key] = [
                {**source, "checked": datetime.date.fromisoformat(source["checked"])}
                for source in data.get(key, [])
                if isinstance(source, dict)  # versions from before sources had addresses
            ]
        elif group is not None and key not in data:
            # A group added after the version was saved: its lists start empty.
            data[key] = {group.file_key(field): [] for field in group.fields}
    return data
