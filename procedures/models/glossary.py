"""The glossary: plain meanings of the medical words the pages use."""

from django.apps import apps
from django.db import models, transaction
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
        front=(
            "term",
            "slug",
            "other_names",
            "word_forms",
            "summary",
            "status",
            "last_reviewed",
            "reviewed_by",
            "sources",
        ),
    )
    url_name = "procedures:glossary"

    class Meta(ContentPage.Meta):
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

    @classmethod
    def words(cls) -> dict[str, str]:
        return {
            word: term.get_absolute_url()
            for term in cls.objects.published().only("term", "slug", "word_forms")
            for word in term.linked_words
        }

    @transaction.atomic
    def save_page(self) -> None:
        old = type(self).objects.filter(pk=self.pk).first() if self.pk else None
        super().save_page()
        shown = (self.linked_words, self.slug, self.status)
        if old is None or (old.linked_words, old.slug, old.status) != shown:
            rerender_pages({*self.linked_words, *(old.linked_words if old else ())})

    @transaction.atomic
    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        rerender_pages(set(self.linked_words))
        return result


def rerender_pages(words: set[str]) -> None:
    """Pages link glossary words when they are rendered; render again those that use these."""
    for model in apps.get_app_config("procedures").get_models():
        if issubclass(model, ContentPage):
            model.rerender_using(words)
