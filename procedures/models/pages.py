"""Procedure and condition pages, stored as Markdown and rendered once to safe HTML."""

import calendar
import datetime
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from markdownx.models import MarkdownxField

from procedures.images import hero_variants
from procedures.markdown import MarkdownTooSlow, images_without_alt, render_markdown, too_long
from procedures.models.records import keep_old_address
from procedures.readability import reading_grade
from procedures.sources import SOURCE_HELP, Source, parse_sources, valid_sources
from procedures.urgent_care import TIER_KEYS


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


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def markdown_errors(texts: dict[str, str]) -> dict[str, str]:
    """An error for each Markdown field that is too long, or has a picture with no description.

    Sizes are checked first, and nothing is rendered while any text is too long: the
    limit is what keeps rendering quick.
    """
    errors = {field: message for field, text in texts.items() if (message := too_long(text))}
    if errors:
        return errors
    for field, text in texts.items():
        try:
            missing = images_without_alt(text)
        except MarkdownTooSlow as error:
            errors[field] = str(error)
            continue
        if missing:
            errors[field] = (
                f"Add a description (alt text) to the picture {', '.join(missing)}: write it "
                "between the square brackets, like ![A nurse helps a patient onto the table](...)."
            )
    return errors


def source_errors(text: str) -> dict[str, list[str]]:
    try:
        parse_sources(text)
    except ValidationError as error:
        return {"sources": error.messages}
    return {}


# A review is "due soon" this many days before its due date.
REVIEW_WARNING_DAYS = 30
# Pages above this Flesch-Kincaid grade need a confirmation to publish.
READING_GRADE_LIMIT = 8.0


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class ReviewState(models.TextChoices):
    OVERDUE = "overdue", "Overdue"
    DUE_SOON = "due_soon", f"Due within {REVIEW_WARNING_DAYS} days"
    CURRENT = "current", "Up to date"


def review_window(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """Today, and the last day a review counts as "due soon" rather than up to date."""
    today = today or timezone.localdate()
    return today, today + datetime.timedelta(days=REVIEW_WARNING_DAYS)


class ProcedureQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def in_review_state(self, state: str):
        today, soon = review_window()
        if state == ReviewState.OVERDUE:
            return self.filter(review_due__lt=today)
        if state == ReviewState.DUE_SOON:
            return self.filter(review_due__gte=today, review_due__lte=soon)
        return self.filter(review_due__gt=soon)

    def review_needed(self):
        """Overdue or due soon, most urgent first."""
        _, soon = review_window()
        return self.filter(review_due__lte=soon).order_by("review_due", "title")


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
    sources = models.TextField(help_text=SOURCE_HELP)
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
        keep_old_address(self, "procedures:condition_detail", was_public=lambda old: True)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("procedures:condition_detail", args=[self.slug])

    def clean(self):
        errors = markdown_errors({"description": self.description})
        errors.update(source_errors(self.sources))
        if errors:
            raise ValidationError(errors)

    @property
    def source_list(self) -> list[Source]:
        return valid_sources(self.sources)


class Procedure(models.Model):
    title = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="End of the page address. Changing it later keeps the old address working.",
    )
    other_names = models.CharField(
        max_length=300,
        blank=True,
        help_text="Other names patients may know it by, separated by ';'.",
    )
    summary = models.CharField(
        max_length=300, help_text="One plain sentence. Shown on cards and to search engines."
    )
    conditions = models.ManyToManyField(
        Condition,
        related_name="procedures",
        blank=True,
        help_text="The conditions it treats. The page is listed under each of them.",
    )
    related = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        help_text="Other procedures a patient reading this page may want to compare.",
    )

    duration = models.CharField(
        "how long it takes", max_length=120, help_text="The procedure itself, e.g. 'About 1 hour'."
    )
    anesthesia = models.CharField(
        "numbing or sedation",
        max_length=120,
        help_text="e.g. 'Numbing medicine, and medicine to help you relax'.",
    )
    setting = models.CharField(
        "where it is done",
        max_length=120,
        help_text="e.g. 'An x-ray room in a hospital or clinic'.",
    )
    same_day = models.CharField(
        "going home the same day",
        max_length=120,
        help_text="Usually home that day? e.g. 'Usually, after a few hours of rest'.",
    )
    driver = models.CharField(
        "need for a driver",
        max_length=120,
        help_text="Must someone drive the patient home? e.g. 'Yes, someone must drive you home'.",
    )
    recovery = models.CharField(
        "typical recovery",
        max_length=120,
        help_text="Usual recovery, e.g. 'Many people feel less pain within 24 to 72 hours'.",
    )
    billing_codes = models.CharField(
        max_length=120,
        blank=True,
        help_text="CPT codes, separated by ';'. Only codes you are sure of.",
    )

    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text="Only staff can see a draft, in the preview.",
    )
    published_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When the page was first published."
    )
    last_reviewed = models.DateField(help_text="When a clinician last checked the whole page.")
    reviewed_by = models.CharField(max_length=120, help_text="Name or role of that clinician.")
    review_interval_months = models.PositiveSmallIntegerField(
        default=12, help_text="How often the page must be checked again, in months."
    )
    review_due = models.DateField(editable=False, null=True)
    sources = models.TextField(help_text=SOURCE_HELP)

    # This procedure's own warning signs, added to the site's urgent-care card in its
    # "after" section (procedures/urgent_care.py holds the signs every page shows).
    warning_emergency = models.TextField(
        "own signs: emergency",
        blank=True,
        help_text="Signs after this procedure that need the emergency number now, one per "
        "line, e.g. 'chest pain, or trouble breathing that comes on suddenly'.",
    )
    warning_urgent = models.TextField(
        "own signs: get seen today",
        blank=True,
        help_text="Signs that need a doctor today, one per line.",
    )
    warning_call_us = models.TextField(
        "own signs: call us",
        blank=True,
        help_text="Anything else the patient should call the practice about, one per line.",
    )

    hero_image = models.ImageField(
        "picture at the top",
        upload_to="heroes/",
        blank=True,
        help_text="Optional. JPEG, PNG or WebP. It is resized for phones and screens.",
    )
    hero_alt = models.CharField(
        "picture description",
        max_length=200,
        blank=True,
        help_text="What the picture shows, for people who cannot see it. Needed with a picture.",
    )
    hero_variants = models.JSONField(default=list, editable=False, blank=True)

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

    reading_grade = models.FloatField(editable=False, null=True)
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
        self.render_sections()
        self.review_due = add_months(self.last_reviewed, self.review_interval_months)
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if not self.hero_image:
            self.hero_variants = []
        keep_old_address(
            self, "procedures:procedure_detail", was_public=lambda old: old.published_at is not None
        )
        super().save(*args, **kwargs)
        # Sizes are made from the stored picture, so only once it has been saved.
        sources = {variant.get("source") for variant in self.hero_variants}
        if self.hero_image and sources != {self.hero_image.name}:
            self.hero_variants = hero_variants(self.hero_image)
            type(self).objects.filter(pk=self.pk).update(hero_variants=self.hero_variants)

    def get_absolute_url(self) -> str:
        return reverse("procedures:procedure_detail", args=[self.slug])

    def clean(self):
        errors = markdown_errors(
            {section.field: getattr(self, section.field) for section in SECTIONS}
        )
        if self.hero_image and not self.hero_alt.strip():
            errors["hero_alt"] = "Describe the picture at the top for people who cannot see it."
        errors.update(source_errors(self.sources))
        if errors:
            raise ValidationError(errors)

    def render_sections(self) -> None:
        """Store each section's HTML and the page's reading grade (also used by previews)."""
        for section in SECTIONS:
            markdown_text = clean_markdown(getattr(self, section.field))
            setattr(self, section.field, markdown_text)
            html = render_markdown(markdown_text, heading_prefix=section.id)
            setattr(self, f"{section.field}_html", html)
        self.reading_grade = reading_grade(self.page_html)

    @property
    def page_html(self) -> str:
        return "".join(getattr(self, f"{section.field}_html") for section in SECTIONS)

    def section_grades(self) -> list[tuple[str, float]]:
        return [(s.heading, reading_grade(getattr(self, f"{s.field}_html"))) for s in SECTIONS]

    @property
    def review_state_label(self) -> str:
        return ReviewState(self.review_state).label

    @property
    def review_state(self) -> str:
        today, soon = review_window()
        if self.review_due < today:
            return ReviewState.OVERDUE
        if self.review_due <= soon:
            return ReviewState.DUE_SOON
        return ReviewState.CURRENT

    @property
    def other_name_list(self) -> list[str]:
        return [name.strip() for name in self.other_names.split(";") if name.strip()]

    @property
    def billing_code_list(self) -> list[str]:
        return [code.strip() for code in self.billing_codes.split(";") if code.strip()]

    @property
    def source_list(self) -> list[Source]:
        return valid_sources(self.sources)

    @property
    def warning_signs(self) -> dict[str, list[str]]:
        """The procedure's own signs, by tier of the urgent-care card."""
        return {tier: split_lines(getattr(self, f"warning_{tier}")) for tier in TIER_KEYS}

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

    @property
    def hero_srcset(self) -> str:
        storage = self.hero_image.storage
        return ", ".join(f"{storage.url(v['name'])} {v['width']}w" for v in self.hero_variants)
