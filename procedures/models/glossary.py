"""The glossary: plain meanings of the medical words the pages use."""

from django.db import models
from django.urls import reverse

from procedures.models.pages import ContentPage
from procedures.models.schema import LinesField, Schema


class GlossaryTerm(ContentPage):
    """One word and what it means. Pages link the first use of the word to its meaning."""

    term = models.CharField(max_length=80, unique=True, help_text="The word as pages use it.")
    other_names = LinesField(
        "other names", help_text="Everyday words for the same thing, one per line."
    )
    word_forms = LinesField(
        "other forms to link",
        help_text="Plurals and other forms the pages use, one per line, e.g. 'vertebrae'.",
    )
    summary = models.CharField("meaning", max_length=300, help_text="One or two plain sentences.")

    schema = Schema(
        front=("term", "slug", "other_names", "word_forms", "summary", "last_reviewed",
               "reviewed_by", "sources"),
    )  # fmt: skip
    url_name = "procedures:glossary"

    class Meta:
        ordering = ["term"]

    def __str__(self) -> str:
        return self.term

    def get_absolute_url(self) -> str:
        return f"{reverse(self.url_name)}#{self.slug}"

    def had_public_address(self, old) -> bool:
        return False  # an anchor on the glossary page, which stays where it is

    @property
    def linked_words(self) -> list[str]:
        """Every word that links to this meaning."""
        return [self.term, *self.word_forms]
