"""Procedure and condition pages, stored as Markdown and rendered once to safe HTML."""

from typing import NamedTuple

from django.db import models
from django.urls import reverse
from markdownx.models import MarkdownxField

from procedures.markdown import render_markdown


class Section(NamedTuple):
    id: str
    field: str
    heading: str


# Every procedure page has these sections, in this order. The ids are part of the
# public page (links point at them) and the headings are the content files' `##` lines.
SECTIONS = (
    Section("overview", "overview", "What it is"),
    Section("candidates", "candidates", "Who it can help"),
    Section("before", "before", "Before the procedure"),
    Section("during", "during", "During the procedure"),
    Section("after", "after", "After the procedure"),
    Section("benefits-risks", "benefits_risks", "Benefits and risks"),
    Section("alternatives", "alternatives", "Other options"),
)

# "At a glance" facts: field name and the label patients see.
GLANCE_FACTS = (
    ("duration", "How long it takes"),
    ("anesthesia", "Numbing or sedation"),
    ("setting", "Where it is done"),
    ("same_day", "Going home"),
    ("driver", "Do you need a driver?"),
    ("recovery", "Recovery"),
)


def clean_markdown(text: str) -> str:
    """Browsers send CRLF from text areas; store one form so edits compare cleanly."""
    return (text or "").replace("\r\n", "\n").strip()


def split_lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class ProcedureQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)


class Condition(models.Model):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    summary = models.CharField(
        max_length=300, help_text="One plain sentence. Shown on cards and to search engines."
    )
    description = MarkdownxField(help_text="Plain-language description, in Markdown.")
    description_html = models.TextField(editable=False, blank=True)
    last_reviewed = models.DateField()
    reviewed_by = models.CharField(max_length=120)
    sources = models.TextField(help_text="Public organisations the page draws on, one per line.")
    # Fingerprint of the page as last imported or exported; a different fingerprint now
    # means staff changed it in the admin, and import_content leaves it alone.
    content_hash = models.CharField(max_length=64, editable=False, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.description = clean_markdown(self.description)
        self.description_html = render_markdown(self.description)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("procedures:condition_detail", args=[self.slug])

    @property
    def source_list(self) -> list[str]:
        return split_lines(self.sources)


class Procedure(models.Model):
    title = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    other_names = models.CharField(
        max_length=300,
        blank=True,
        help_text="Other names patients may know it by, separated by ';'.",
    )
    summary = models.CharField(
        max_length=300, help_text="One plain sentence. Shown on cards and to search engines."
    )
    conditions = models.ManyToManyField(Condition, related_name="procedures", blank=True)
    related = models.ManyToManyField("self", symmetrical=False, blank=True)

    duration = models.CharField("how long it takes", max_length=120)
    anesthesia = models.CharField("numbing or sedation", max_length=120)
    setting = models.CharField("where it is done", max_length=120)
    same_day = models.CharField("going home the same day", max_length=120)
    driver = models.CharField("need for a driver", max_length=120)
    recovery = models.CharField("typical recovery", max_length=120)
    billing_codes = models.CharField(
        max_length=120,
        blank=True,
        help_text="CPT codes, separated by ';'. Only codes you are sure of.",
    )

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    last_reviewed = models.DateField()
    reviewed_by = models.CharField(max_length=120)
    sources = models.TextField(help_text="Public organisations the page draws on, one per line.")

    overview = MarkdownxField("what it is")
    candidates = MarkdownxField("who it can help")
    before = MarkdownxField("before the procedure")
    during = MarkdownxField("during the procedure")
    after = MarkdownxField("after the procedure")
    benefits_risks = MarkdownxField("benefits and risks")
    alternatives = MarkdownxField("other options")
    overview_html = models.TextField(editable=False, blank=True)
    candidates_html = models.TextField(editable=False, blank=True)
    before_html = models.TextField(editable=False, blank=True)
    during_html = models.TextField(editable=False, blank=True)
    after_html = models.TextField(editable=False, blank=True)
    benefits_risks_html = models.TextField(editable=False, blank=True)
    alternatives_html = models.TextField(editable=False, blank=True)

    content_hash = models.CharField(max_length=64, editable=False, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProcedureQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="procedure_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        for section in SECTIONS:
            markdown_text = clean_markdown(getattr(self, section.field))
            setattr(self, section.field, markdown_text)
            html = render_markdown(markdown_text, heading_prefix=section.id)
            setattr(self, f"{section.field}_html", html)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("procedures:procedure_detail", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def other_name_list(self) -> list[str]:
        return [name.strip() for name in self.other_names.split(";") if name.strip()]

    @property
    def billing_code_list(self) -> list[str]:
        return [code.strip() for code in self.billing_codes.split(";") if code.strip()]

    @property
    def source_list(self) -> list[str]:
        return split_lines(self.sources)

    @property
    def sections(self) -> list[dict]:
        """The page's sections in order, ready for the template."""
        return [
            {"id": s.id, "heading": s.heading, "html": getattr(self, f"{s.field}_html")}
            for s in SECTIONS
        ]

    @property
    def glance_facts(self) -> list[tuple[str, str]]:
        return [(label, getattr(self, field)) for field, label in GLANCE_FACTS]
