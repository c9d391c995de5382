"""Procedure and condition pages, stored as Markdown and rendered once to safe HTML."""

import datetime
import hashlib
import json

from dateutil.relativedelta import relativedelta
from django.contrib.contenttypes.fields import GenericRelation
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_noop
from markdownx.models import MarkdownxField

from core.roles import reviewer_credit
from editorial import redirects
from procedures.images import hero_variants
from procedures.markdown import (
    PICTURE_PLACEHOLDER,
    GlossaryLinks,
    MarkdownRefused,
    images_without_alt,
    render_markdown,
    too_long,
)
from procedures.models.records import Revision
from procedures.models.schema import (
    Around,
    Group,
    LinesField,
    Page,
    Picture,
    Schema,
    SourcesField,
)
from procedures.readability import reading_grade
from procedures.sources import Source, parse_sources, valid_sources
from procedures.steps import STEP_HELP, Step, valid_steps, validate_preparation, validate_recovery
from procedures.urgent_care import TIER_KEYS


def clean_markdown(text: str) -> str:
    """Browsers send CRLF from text areas; store one form so edits compare cleanly."""
    return (text or "").replace("\r\n", "\n").strip()


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
        except MarkdownRefused as error:
            errors[field] = str(error)
            continue
        if missing:
            errors[field] = (
                f"Add a description (alt text) to the picture {', '.join(missing)}: write what "
                f"it shows between the square brackets, in place of '{PICTURE_PLACEHOLDER}' if "
                "it is there, like ![A nurse helps a patient onto the table](...)."
            )
    return errors


def source_errors(lines: list[str]) -> dict[str, list[str]]:
    try:
        parse_sources(lines)
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

    @classmethod
    def due_dates(cls, today: datetime.date | None = None) -> dict[str, tuple]:
        """Each state's first and last due date (None: open-ended): the one set of rules."""
        today = today or timezone.localdate()
        soon = today + datetime.timedelta(days=REVIEW_WARNING_DAYS)
        day = datetime.timedelta(days=1)
        return {
            cls.OVERDUE: (None, today - day),
            cls.DUE_SOON: (today, soon),
            cls.CURRENT: (soon + day, None),
        }

    @classmethod
    def of(cls, review_due: datetime.date) -> "ReviewState":
        for state, (first, last) in cls.due_dates().items():
            if (first is None or review_due >= first) and (last is None or review_due <= last):
                return cls(state)
        raise AssertionError("the states cover every date")

    @classmethod
    def filter(cls, state: str) -> Q:
        first, last = cls.due_dates()[state]
        return Q(
            **{
                key: day
                for key, day in (("review_due__gte", first), ("review_due__lte", last))
                if day
            }
        )


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)


class ProcedureQuerySet(PageQuerySet):
    def in_review_state(self, state: str):
        return self.filter(ReviewState.filter(state))

    def review_needed(self):
        """Overdue or due soon, most urgent first."""
        due = ReviewState.filter(ReviewState.OVERDUE) | ReviewState.filter(ReviewState.DUE_SOON)
        return self.filter(due).order_by("review_due", "title")


class ContentPage(Page):
    """A page a clinician checks against its sources, and whose versions are kept."""

    slug = models.SlugField(
        "address",
        max_length=120,
        unique=True,
        help_text="End of the page address. Changing it later keeps the old address working.",
    )
    summary = models.CharField(
        max_length=300, help_text="One plain sentence. Shown on cards and to search engines."
    )
    last_reviewed = models.DateField(
        "review date", help_text="When a clinician last checked the whole page."
    )
    reviewed_by = models.CharField(
        "reviewer", max_length=120, help_text="Name or role of that clinician."
    )
    sources = SourcesField()
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text="Only staff can see a draft, in the preview.",
    )
    published_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When the page was first published."
    )
    # The version patients see; marked on the versions page.
    live_version = models.ForeignKey(
        Revision,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # At most one: the changes an editor is preparing behind the live page (editorial).
    drafts = GenericRelation("procedures.Draft", "page_id", "page_type")

    # The public page's address, by name; kept working when the slug changes.
    url_name: str

    objects = PageQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="%(class)s_status_valid"
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse(self.url_name, args=[self.slug])

    @property
    def revisions(self):
        return Revision.objects.of(self)

    @property
    def draft(self):
        """The page's draft, or None; lists prefetch `drafts` to ask this of many pages."""
        return next(iter(self.drafts.all()), None)

    @property
    def publication(self) -> str:
        """What staff see of where the page stands with patients."""
        if self.status != Status.PUBLISHED:
            return "Draft"
        return "Live with unpublished changes" if self.draft else "Live"

    @property
    def source_list(self) -> list[Source]:
        return valid_sources(self.sources)

    @transaction.atomic
    def save_page(self) -> None:
        """Save, then take the steps a save leaves out: a public page's old address sends
        readers to the new one, and a new picture is sized."""
        old = type(self).objects.filter(pk=self.pk).first() if self.pk else None
        self.save()
        if old and old.slug != self.slug and self.had_public_address(old):
            redirects.record_move(old.get_absolute_url(), self.get_absolute_url())
        self.after_save()

    def had_public_address(self, old) -> bool:
        return True

    def after_save(self) -> None:
        """Work that needs the saved row, such as files stored under its name."""

    def stamp_review(self, *, by) -> None:
        """Record that `by`, a staff user, checked the whole page today."""
        self.last_reviewed = timezone.localdate()
        self.reviewed_by = reviewer_credit(by)

    @transaction.atomic
    def mark_reviewed(self, *, by) -> None:
        self.stamp_review(by=by)
        self.save_page()
        Revision.objects.record(self, author=by, summary=f"Reviewed by {self.reviewed_by}")

    def clean(self):
        errors = markdown_errors(self.markdown_texts)
        errors.update(source_errors(self.sources))
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.derive_fields()
        super().save(*args, **kwargs)

    def derive_fields(self, *, keep_html: bool = False) -> None:
        """Fields that follow from the others (also for previews, which are not saved).

        `keep_html` reuses the HTML rendered earlier for the same texts and glossary: a
        draft's change form and preview are loaded again and again without a change.
        """
        self.render_markdown_fields(keep_html=keep_html)
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    def render_markdown_fields(
        self, words: dict[str, str] | None = None, *, keep_html: bool = False
    ) -> None:
        """Render each Markdown field; `words` (see glossary_words) saves a query per page
        when many pages are rendered together."""
        if not self.markdown_fields():
            return
        texts = {name: clean_markdown(getattr(self, name)) for name in self.markdown_fields()}
        for name, text in texts.items():
            setattr(self, name, text)
        words = self.linked_glossary() if words is None else words
        key = _kept_html_key(type(self), texts, words) if keep_html else None
        html = cache.get(key) if key else None
        if html is None:
            html = self._render(texts, words)
            if key:
                cache.set(key, html, KEPT_HTML_SECONDS)
        for name, value in html.items():
            setattr(self, name, value)

    def linked_glossary(self) -> dict[str, str]:
        """The glossary words this page links to their meanings (see glossary_words)."""
        return glossary_words()

    def _render(self, texts: dict[str, str], words: dict[str, str]) -> dict[str, str]:
        # One set of links for the whole page: a word is linked where it is first used.
        glossary = GlossaryLinks(words)
        html = {}
        for name, text in texts.items():
            # Headings inside a section get ids that start with the section's id.
            prefix = name.replace("_", "-") if self.schema.sections else ""
            html[f"{name}_html"] = render_markdown(text, heading_prefix=prefix, glossary=glossary)
        return html

    @classmethod
    def rerender_using(cls, words: set[str]) -> int:
        """Render again the pages whose text uses any of `words`, after the glossary changed.

        Only the HTML changes, so the pages keep their versions and update times.
        """
        if not words or not cls.markdown_fields():
            return 0
        uses = Q()
        for name in cls.markdown_fields():
            for word in words:
                uses |= Q(**{f"{name}__icontains": word})
        pages = list(cls.objects.filter(uses))
        html_fields = [f"{name}_html" for name in cls.markdown_fields()]
        words_by_language = {}  # one query for each language's words
        for page in pages:
            language = getattr(page, "language", None)
            if language not in words_by_language:
                words_by_language[language] = page.linked_glossary()
            page.render_markdown_fields(words_by_language[language])
            cls.objects.filter(pk=page.pk).update(**{f: getattr(page, f) for f in html_fields})
        return len(pages)


# How long a draft's rendering is kept for its change form and preview (see derive_fields).
KEPT_HTML_SECONDS = 3600


def _kept_html_key(model, texts: dict[str, str], words: dict[str, str]) -> str:
    what = json.dumps([model._meta.label, texts, words], sort_keys=True)
    return "kept-html:" + hashlib.sha256(what.encode()).hexdigest()


def glossary_words() -> dict[str, str]:
    """Each glossary word and form, with the address of its meaning."""
    from procedures.models.glossary import GlossaryTerm  # it builds on ContentPage

    return GlossaryTerm.words()


class Condition(ContentPage):
    name = models.CharField(max_length=120, unique=True)
    lay_name = models.CharField(
        "everyday name",
        max_length=80,
        blank=True,
        help_text="What patients call it, e.g. 'Slipped disc'. Lists show it first, with the "
        "name after it.",
    )
    other_names = LinesField(help_text="Other names patients may know it by, one per line.")
    problem = models.CharField(
        "the problem, in patients' words",
        max_length=100,
        blank=True,
        help_text="Leads the home page, e.g. 'Pain down the leg, sciatica or a slipped disc'.",
    )
    home_order = models.PositiveSmallIntegerField(
        "place on the home page",
        null=True,
        blank=True,
        help_text="1 for the most common reason patients come to us. Empty: after the others.",
    )
    description = MarkdownxField(help_text="Plain-language description, in Markdown.")
    description_html = models.TextField(editable=False, blank=True)

    schema = Schema(
        front=(
            "name",
            "lay_name",
            "slug",
            "other_names",
            "summary",
            "problem",
            "home_order",
            "status",
            "last_reviewed",
            "reviewed_by",
            "sources",
        ),
        body="description",
    )
    url_name = "procedures:condition_detail"

    class Meta(ContentPage.Meta):
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def list_name(self) -> str:
        return with_everyday_name(self.name, self.lay_name)


def with_everyday_name(name: str, lay_name: str) -> str:
    """'Slipped disc (herniated disc)': the patient's words first, the clinical name after."""
    if not lay_name:
        return name
    return f"{lay_name} ({name[:1].lower()}{name[1:]})"


class Procedure(ContentPage):
    title = models.CharField(max_length=120, unique=True)
    lay_name = models.CharField(
        "everyday name",
        max_length=80,
        blank=True,
        help_text="A short description in everyday words, e.g. 'Bone cement for a broken bone "
        "in the spine'. Lists show it first, with the title after it.",
    )
    other_names = LinesField(help_text="Other names patients may know it by, one per line.")
    conditions = models.ManyToManyField(
        Condition,
        related_name="procedures",
        blank=True,
        help_text="The conditions it treats. The page is listed under each of them.",
    )
    related = models.ManyToManyField(
        "self",
        verbose_name="related procedures",
        symmetrical=False,
        blank=True,
        help_text="Other procedures a patient reading this page may want to compare.",
    )

    # At a glance: the verbose names are the labels patients see.
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
        "going home",
        max_length=120,
        help_text="Usually home that day? e.g. 'Usually, after a few hours of rest'.",
    )
    driver = models.CharField(
        "do you need a driver?",
        max_length=120,
        help_text="Must someone drive the patient home? e.g. 'Yes, someone must drive you home'.",
    )
    recovery = models.CharField(
        max_length=120,
        help_text="Usual recovery, e.g. 'Many people feel less pain within 24 to 72 hours'.",
    )

    # Choosing: the same facts a comparison, and a condition's list of options, show.
    suits = models.CharField(
        "who it may suit",
        max_length=300,
        help_text="One plain sentence, e.g. 'People with a recent spine fracture that still "
        "hurts a lot after a few weeks of rest and pain relief'.",
    )
    effectiveness = models.CharField(
        "how well it works",
        max_length=300,
        help_text="One or two plain sentences from the sources. Figures only where a source "
        "gives them.",
    )
    main_risks = models.CharField(
        "main risks", max_length=300, help_text="The most common and the most serious, briefly."
    )

    # Steps with a day each: the preparation plan dates them, the "after" section lists them.
    preparation_steps = LinesField(
        "getting ready, step by step",
        validators=[validate_preparation],
        help_text=f"{STEP_HELP} Before or on the day.",
    )
    recovery_steps = LinesField(
        "recovery, step by step",
        validators=[validate_recovery],
        help_text=f"{STEP_HELP} On the day or after.",
    )
    driving = models.CharField(
        "driving", max_length=200, help_text="When most people can drive again."
    )
    work = models.CharField(
        "going back to work", max_length=200, help_text="When most people can go back to work."
    )
    lifting = models.CharField(
        "lifting and exercise",
        max_length=200,
        help_text="When most people can lift, bend and exercise again.",
    )
    follow_up = models.CharField(
        "follow-up visit", max_length=200, help_text="When and how the follow-up usually happens."
    )

    questions = LinesField(
        "questions to ask",
        help_text="Questions a patient can take to the appointment, one per line: benefits, "
        "risks, other choices, doing nothing, recovery, cost and cover. At least five.",
    )
    billing_codes = LinesField(help_text="CPT codes, one per line. Only codes you are sure of.")

    review_interval_months = models.PositiveSmallIntegerField(
        "review interval",
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="How often the page must be checked again, in months (1 to 60).",
    )
    review_due = models.DateField(editable=False, null=True)

    # This procedure's own warning signs, added to the site's urgent-care card in its
    # "after" section (procedures/urgent_care.py holds the signs every page shows).
    warning_emergency = LinesField(
        "own signs: emergency",
        help_text="Signs after this procedure that need the emergency number now, one per "
        "line, e.g. 'chest pain, or trouble breathing that comes on suddenly'.",
    )
    warning_urgent = LinesField(
        "own signs: get seen today", help_text="Signs that need a doctor today, one per line."
    )
    warning_call_us = LinesField(
        "own signs: call us",
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

    # Sections: the verbose names are the page's headings, and the content files' `##` lines.
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

    schema = Schema(
        front=(
            "title",
            "lay_name",
            "slug",
            "other_names",
            "summary",
            "conditions",
            "related",
            Group(
                "at_a_glance",
                ("duration", "anesthesia", "setting", "same_day", "driver", "recovery"),
            ),
            Group("choosing", ("suits", "effectiveness", "main_risks")),
            "preparation_steps",
            "recovery_steps",
            Group("getting_back", ("driving", "work", "lifting", "follow_up")),
            Group(
                "warning_signs", tuple(f"warning_{tier}" for tier in TIER_KEYS), prefix="warning_"
            ),
            "questions",
            "billing_codes",
            "status",
            "last_reviewed",
            "reviewed_by",
            "review_interval_months",
            "sources",
        ),
        sections=(
            "overview",
            "candidates",
            "before",
            "during",
            "after",
            "benefits_risks",
            "alternatives",
        ),
        picture=Picture("hero_image", "hero_alt"),
        around={
            "before": Around(below=("includes/sections/plan_link.html",)),
            "after": Around(
                above=("includes/recovery_timeline.html",),
                below=("includes/sections/urgent_care.html",),
            ),
            "alternatives": Around(below=("includes/sections/compare_links.html",)),
        },
    )
    url_name = "procedures:procedure_detail"

    objects = ProcedureQuerySet.as_manager()

    class Meta(ContentPage.Meta):
        ordering = ["title"]
        permissions = [("review_procedure", "Can approve clinical changes to pages")]

    def __str__(self) -> str:
        return self.title

    @property
    def list_name(self) -> str:
        return with_everyday_name(self.title, self.lay_name)

    def derive_fields(self, *, keep_html: bool = False) -> None:
        super().derive_fields(keep_html=keep_html)
        self.reading_grade = reading_grade(self.page_html)
        # relativedelta ends on the month's last day when that month is shorter.
        self.review_due = self.last_reviewed + relativedelta(months=self.review_interval_months)
        if not self.hero_image:
            self.hero_variants = []

    def had_public_address(self, old) -> bool:
        return old.published_at is not None

    def after_save(self) -> None:
        # A comparison's address names its two procedures as they are called now.
        from procedures.models.choosing import Comparison  # it builds on Procedure

        for comparison in Comparison.objects.involving(self).select_related("first", "second"):
            if comparison.slug != comparison.address(comparison.first.slug, comparison.second.slug):
                comparison.save_page()
        # Sizes are made from the stored picture, so only once it has been saved.
        sources = {variant.get("source") for variant in self.hero_variants}
        if self.hero_image and sources != {self.hero_image.name}:
            self.hero_variants = hero_variants(self.hero_image)
            type(self).objects.filter(pk=self.pk).update(hero_variants=self.hero_variants)

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.message_dict
        if self.hero_image and not self.hero_alt.strip():
            errors["hero_alt"] = ["Describe the picture at the top for people who cannot see it."]
        if errors:
            raise ValidationError(errors)

    @property
    def page_html(self) -> str:
        return "".join(getattr(self, f"{name}_html") for name in self.schema.sections)

    def section_grades(self) -> list[tuple[str, float]]:
        return [
            (section.heading, reading_grade(getattr(self, f"{section.field}_html")))
            for section in SECTIONS
        ]

    @property
    def review_state(self) -> str:
        return ReviewState.of(self.review_due)

    @property
    def review_state_label(self) -> str:
        return ReviewState(self.review_state).label

    @property
    def warning_signs(self) -> dict[str, list[str]]:
        """The procedure's own signs, by tier of the urgent-care card."""
        return {tier: getattr(self, f"warning_{tier}") for tier in TIER_KEYS}

    @classmethod
    def shown_label(cls, name: str) -> str:
        """A field's label as patients read it, in the language the page is shown in (see
        SHOWN_LABELS)."""
        return gettext(capfirst(cls.label(name)))

    def _shown_facts(self, key: str) -> list[tuple[str, str]]:
        return [(self.shown_label(name), getattr(self, name)) for name in self.group(key).fields]

    @property
    def sections(self) -> list[dict]:
        """The page's sections in order, ready for the template."""
        return [
            {
                "id": s.id,
                "heading": gettext(s.heading),
                "html": getattr(self, f"{s.field}_html"),
                "above": s.around.above,
                "below": s.around.below,
            }
            for s in SECTIONS
        ]

    @property
    def glance_facts(self) -> list[tuple[str, str]]:
        return self._shown_facts("at_a_glance")

    @property
    def preparation_plan(self) -> list[Step]:
        return valid_steps(self.preparation_steps)

    @property
    def recovery_plan(self) -> list[Step]:
        return valid_steps(self.recovery_steps)

    @property
    def getting_back(self) -> list[tuple[str, str]]:
        return self._shown_facts("getting_back")

    @property
    def hero_srcset(self) -> str:
        storage = self.hero_image.storage
        return ", ".join(f"{storage.url(v['name'])} {v['width']}w" for v in self.hero_variants)


SECTIONS = Procedure.section_list()

# The headings and labels patients read on a procedure's page and in a comparison are the
# fields' verbose names, which also label the staff's forms and are the `##` lines of the
# content files. Those stay in English, so the names are plain strings, translated only as
# a page is shown (Procedure.shown_label): these lines put them, as patients read them, in
# the translators' catalogue. A renamed field whose label is not here is shown in English.
SHOWN_LABELS = (
    # Translators: a heading of a section of a treatment's page.
    gettext_noop("What it is"),
    # Translators: a heading of a section of a treatment's page.
    gettext_noop("Who it can help"),
    # Translators: a heading of a section of a treatment's page.
    gettext_noop("Before the procedure"),
    # Translators: a heading of a section of a treatment's page.
    gettext_noop("During the procedure"),
    # Translators: a heading of a section of a treatment's page.
    gettext_noop("After the procedure"),
    # Translators: a heading of a section of a treatment's page.
    gettext_noop("Benefits and risks"),
    # Translators: a heading of a section of a treatment's page.
    gettext_noop("Other options"),
    # Translators: a label in a treatment's "At a glance" box and its comparisons.
    gettext_noop("How long it takes"),
    # Translators: a label in a treatment's "At a glance" box and its comparisons.
    gettext_noop("Numbing or sedation"),
    # Translators: a label in a treatment's "At a glance" box and its comparisons.
    gettext_noop("Where it is done"),
    # Translators: a label in a treatment's "At a glance" box: whether people go home that day.
    gettext_noop("Going home"),
    # Translators: a label in a treatment's "At a glance" box: must someone drive you home?
    gettext_noop("Do you need a driver?"),
    # Translators: a label in a treatment's "At a glance" box: how soon people feel better.
    gettext_noop("Recovery"),
    # Translators: a row of the table comparing two treatments.
    gettext_noop("Who it may suit"),
    # Translators: a row of the table comparing two treatments.
    gettext_noop("How well it works"),
    # Translators: a row of the table comparing two treatments.
    gettext_noop("Main risks"),
    # Translators: under "Back to daily life": when most people can drive again.
    gettext_noop("Driving"),
    # Translators: under "Back to daily life": when most people can go back to work.
    gettext_noop("Going back to work"),
    # Translators: under "Back to daily life": when most people can lift and exercise again.
    gettext_noop("Lifting and exercise"),
    # Translators: under "Back to daily life": when and how the follow-up visit happens.
    gettext_noop("Follow-up visit"),
)
