"""What the site search reads (one entry per public page), the words staff add to it, and
the searches that found nothing."""

import re
import unicodedata

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import pgettext_lazy

# Longest query kept as a missed search: enough for a phrase, too short for a story.
MISSED_QUERY_LENGTH = 80


def query_words(text: str) -> list[str]:
    """Lowercase words, in order: letters and digits of any alphabet, nothing else."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.findall(r"[^\W_]+", text)


def without_accents(text: str) -> str:
    """`text` with its letters' accents taken off: "inyección" is "inyeccion"."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalise_query(text: str) -> str:
    return " ".join(query_words(text))


class Kind(models.TextChoices):
    # The labels are what patients see beside each result, in the page's language.
    PROCEDURE = "procedure", pgettext_lazy("kind of search result", "Treatment")
    CONDITION = "condition", pgettext_lazy("kind of search result", "Condition")
    OPTION = "option", pgettext_lazy("kind of search result", "Other option")
    TERM = "term", pgettext_lazy("kind of search result", "Word we use")


class SearchEntry(models.Model):
    """A public page as the search sees it. Kept in step with the page by search.indexing."""

    page_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    page_id = models.PositiveIntegerField()
    page = GenericForeignKey("page_type", "page_id")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The language of the words: a translation is a page of its own, with its own entry.
    language = models.CharField(max_length=8, default="en", db_index=True)
    url = models.CharField(max_length=300)
    title = models.CharField(max_length=200)
    names = models.TextField(blank=True)  # everyday and other names: ranked with the title
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # PostgreSQL's weighted words, with a GIN index; SQLite keeps its own FTS5 tables.
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name_plural = "search entries"
        constraints = [
            models.UniqueConstraint(fields=["page_type", "page_id"], name="one_entry_per_page")
        ]
        ordering = ["title"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"


class SearchWord(models.Model):
    """Every word the pages use, so a misspelt word can be matched to one that finds pages."""

    word = models.CharField(max_length=100, unique=True)

    def __str__(self) -> str:
        return self.word


class Synonym(models.Model):
    words = models.CharField(
        "what patients type",
        max_length=100,
        unique=True,
        help_text="Everyday words, e.g. 'slipped disc'. Found anywhere in a search.",
    )
    means = models.CharField(
        "words our pages use",
        max_length=200,
        help_text="Added to the search, e.g. 'herniated disc'. Separate several with commas.",
    )

    class Meta:
        ordering = ["words"]

    def __str__(self) -> str:
        return f"{self.words} = {self.means}"

    def clean(self):
        self.words = normalise_query(self.words)
        if not self.words:
            raise ValidationError({"words": "Type the words patients use."})
        if not self.phrases():
            raise ValidationError({"means": "Type the words our pages use."})

    def phrases(self) -> list[str]:
        return [normalise_query(part) for part in self.means.split(",") if query_words(part)]


class BestBet(models.Model):
    """A page shown first for a search, whatever the ranking says."""

    query = models.CharField(
        "search",
        max_length=100,
        help_text="The search as patients type it. Capitals and punctuation do not matter.",
    )
    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, verbose_name="page")

    class Meta:
        verbose_name = "best bet"
        ordering = ["query", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["query", "entry"], name="one_best_bet_per_page")
        ]

    def __str__(self) -> str:
        return f"{self.query} → {self.entry.title}"

    def clean(self):
        self.query = normalise_query(self.query)
        if not self.query:
            raise ValidationError({"query": "Type the search this page should come first for."})


def missed_query(text: str) -> str:
    """A search as kept for editors: no digits (phone numbers, dates), words only, short."""
    words = [word for word in query_words(text) if not any(c.isdigit() for c in word)]
    return " ".join(words)[:MISSED_QUERY_LENGTH].strip()


class MissedSearchQuerySet(models.QuerySet):
    def most_frequent(self, rows: int):
        """The `rows` searches that found nothing most often, each with its `times`."""
        return self.values("query").annotate(times=Sum("count")).order_by("-times", "query")[:rows]


class MissedSearch(models.Model):
    """How many times a search found nothing on one day. Nothing about who searched."""

    query = models.CharField(max_length=MISSED_QUERY_LENGTH)
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    objects = MissedSearchQuerySet.as_manager()

    class Meta:
        verbose_name = "search with no result"
        verbose_name_plural = "searches with no result"
        constraints = [
            models.UniqueConstraint(fields=["query", "day"], name="one_count_per_query_and_day")
        ]

    def __str__(self) -> str:
        return self.query

    @classmethod
    def record(cls, text: str) -> None:
        query = missed_query(text)
        if not query:
            return
        today = timezone.localdate()
        if cls.objects.filter(query=query, day=today).update(count=F("count") + 1):
            return
        try:
            with transaction.atomic():
                cls.objects.create(query=query, day=today, count=1)
        except IntegrityError:  # another request counted it first
            cls.objects.filter(query=query, day=today).update(count=F("count") + 1)
