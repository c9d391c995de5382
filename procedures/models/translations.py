"""Pages in another language than English: one record per page and language.

A translation is a page like any other, so it goes through the same editorial workflow
(drafts, clinical sign-off by someone who did not write it, versions, publishing). It
holds only the words: the English page keeps the address, the links, the sources, the
picture and the billing codes. Its `translated_from` is the fingerprint of the English
words it was made from, so the admin can tell when the English has changed since, and show
how (the English versions keep every earlier text).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext

from procedures.content import fingerprint
from procedures.models.choosing import Comparison, Option
from procedures.models.glossary import GlossaryTerm
from procedures.models.pages import (
    Condition,
    ContentPage,
    PageQuerySet,
    Procedure,
    Status,
    markdown_errors,
)
from procedures.models.records import as_json, live_data
from procedures.models.schema import Group, Kind, Schema, Section
from procedures.readability import plain_text, reading_ease

# Fields of the English front matter that are the page's words; the others (address,
# links, sources, numbers, review) are shared by every language or belong to one version.
NOT_WORDS = ("slug", "reviewed_by", "billing_codes")
WORD_KINDS = (Kind.TEXT, Kind.LINES)
# Words that are lists of names, not sentences: left out of the reading ease.
NOT_PROSE = ("term", "other_names", "word_forms")
# Pages in Spanish should read as "bastante fácil" (fairly easy) or easier.
READING_EASE_MINIMUM = 65.0


def translation_languages() -> list[tuple[str, str]]:
    """Every language of the site but English, which the pages are written in."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class TranslationQuerySet(PageQuerySet):
    def in_language(self, language: str):
        return self.filter(language=language)

    def shown(self, language: str):
        """The translations patients read in `language`: live, of a live English page."""
        return self.published().in_language(language).filter(original__status=Status.PUBLISHED)


class Translation(ContentPage):
    """The words of an English page in another language, reviewed on their own."""

    # The English page's address, kept in step with it: content files are named by it.
    slug = models.SlugField("address", max_length=120, editable=False)
    sources = None  # the English page's sources are the translation's
    language = models.CharField(max_length=8, choices=translation_languages)
    translated_by = models.CharField(
        "translator", max_length=120, help_text="Name or role of the person who translated it."
    )
    translated_from = models.CharField(
        "English version translated",
        max_length=64,
        blank=True,
        editable=False,
        help_text="Fingerprint of the English words this translation was made from.",
    )
    reading_ease = models.FloatField("reading ease", editable=False, null=True)

    original: models.ForeignKey
    english_model: type  # the kind of page it translates
    objects = TranslationQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.original} ({self.get_language_display()})"

    # What it translates

    @classmethod
    def word_fields(cls) -> list[str]:
        """The English page's fields that this translation holds, front matter first."""
        return [name for _, _, name in _word_entries(cls.english_model)] + list(
            cls.markdown_fields()
        )

    @classmethod
    def english_words(cls, data: dict) -> dict:
        """The words of an English page's data (a version's or the live page's)."""
        keys = [key for key in cls.front_keys() if key not in TRANSLATION_OWN_KEYS]
        words = {key: data.get(key) for key in keys}
        if cls.schema.body:
            words[cls.schema.body] = data.get(cls.schema.body)
        else:
            words["sections"] = data.get("sections")
        return words

    @classmethod
    def words_fingerprint(cls, data: dict) -> str:
        return fingerprint(cls.english_words(data))

    @property
    def english_changed(self) -> bool:
        """The English words differ from those this translation was made from."""
        return self.translated_from != self._english_now()

    def mark_translated_from_current(self) -> None:
        self.translated_from = self._english_now()

    def _english_now(self) -> str:
        """The fingerprint of the live English page's words."""
        return self.words_fingerprint(live_data(self.original))

    # The file format and the page

    @classmethod
    def section_list(cls) -> tuple[Section, ...]:
        """The sections, with headings in the active language (a translation's content
        file has its own language's headings)."""
        return tuple(
            section._replace(heading=gettext(section.heading)) for section in super().section_list()
        )

    def get_absolute_url(self) -> str:
        with translation.override(self.language):
            return self.original.get_absolute_url()

    def had_public_address(self, old) -> bool:
        return False  # the address is the English page's, in this language

    def derive_fields(self, *, keep_html: bool = False) -> None:
        self.slug = self.original.slug
        super().derive_fields(keep_html=keep_html)
        self.reading_ease = reading_ease(self.shown_text(), self.language)

    def shown_text(self) -> str:
        """The translation's sentences as patients read them, as plain text."""
        texts = []
        for name in self.word_fields():
            if name in NOT_PROSE:
                continue
            value = getattr(self, f"{name}_html", None) or getattr(self, name)
            if isinstance(value, list):
                value = " ".join(_sentence(item.split(" | ")[-1]) for item in value)
            texts.append(plain_text(value) if "<" in str(value) else _sentence(str(value)))
        return " ".join(text for text in texts if text.strip())

    def linked_glossary(self) -> dict[str, str]:
        return translated_glossary_words(self.language)

    def clean(self):
        errors = markdown_errors(self.markdown_texts)
        if errors:
            raise ValidationError(errors)

    def show_on(self, page) -> None:
        """Put these words onto `page`, the English page as loaded for patients."""
        for name in self.word_fields():
            setattr(page, name, getattr(self, name))
            if hasattr(self, f"{name}_html"):
                setattr(page, f"{name}_html", getattr(self, f"{name}_html"))
        page.language = self.language


# Keys of a translation's content file that are its own, after the words: its review.
REVIEW_KEYS = ("status", "last_reviewed", "reviewed_by", "translated_by", "translated_from")
# Every key of a translation's content file that is not the English page's words.
TRANSLATION_OWN_KEYS = ("slug", *REVIEW_KEYS)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?")) else text + "."


def _word_entries(model):
    """The English front matter's entries that are words: whole groups, or single fields."""
    for entry in model.schema.front:
        names = entry.fields if isinstance(entry, Group) else (entry,)
        if all(name not in NOT_WORDS and model.kind(name) in WORD_KINDS for name in names):
            for name in names:
                yield entry, (entry if isinstance(entry, Group) else None), name


def _copied_field(model, name: str) -> models.Field:
    """The English page's field, for holding the same words in another language: the same
    label, help and limits, but not unique (each language has its own row)."""
    _, _, args, kwargs = model._meta.get_field(name).deconstruct()
    kwargs.pop("unique", None)
    return type(model._meta.get_field(name))(*args, **kwargs)


def _translation_of(model) -> type:
    """The translation model of an English page model, built from that model's schema."""
    entries = list(dict.fromkeys(entry for entry, _, _ in _word_entries(model)))
    fields = [name for _, _, name in _word_entries(model)] + list(model.markdown_fields())
    attrs = {name: _copied_field(model, name) for name in fields}
    attrs.update(
        {
            f"{name}_html": models.TextField(editable=False, blank=True)
            for name in model.markdown_fields()
        }
    )
    name = f"{model.__name__}Translation"
    attrs.update(
        __module__=__name__,
        english_model=model,
        original=models.ForeignKey(
            model,
            on_delete=models.CASCADE,
            related_name="translations",
            verbose_name=f"English {model._meta.verbose_name}",
        ),
        schema=Schema(
            front=("slug", *entries, *REVIEW_KEYS),
            sections=model.schema.sections,
            body=model.schema.body,
        ),
        Meta=type(
            "Meta",
            (),
            {
                "ordering": ["original__slug", "language"],
                "verbose_name": f"{model._meta.verbose_name} translation",
                "constraints": [
                    *ContentPage.Meta.constraints,
                    models.UniqueConstraint(
                        fields=["original", "language"], name=f"{name.lower()}_one_per_language"
                    ),
                ],
            },
        ),
    )
    return type(name, (Translation,), attrs)


GlossaryTermTranslation = _translation_of(GlossaryTerm)
ConditionTranslation = _translation_of(Condition)
ProcedureTranslation = _translation_of(Procedure)
OptionTranslation = _translation_of(Option)
ComparisonTranslation = _translation_of(Comparison)

# Each English page model's translation model.
TRANSLATIONS = {
    model.english_model: model
    for model in (
        GlossaryTermTranslation,
        ConditionTranslation,
        ProcedureTranslation,
        OptionTranslation,
        ComparisonTranslation,
    )
}


def translated_glossary_words(language: str) -> dict[str, str]:
    """Each glossary word and form in `language`, with the address of its meaning there."""
    terms = GlossaryTermTranslation.objects.shown(language).select_related("original")
    with translation.override(language):
        return {
            word: term.original.get_absolute_url()
            for term in terms
            for word in [term.term, *term.word_forms]
        }


def shown_translation(page, language: str):
    """The live translation of `page` into `language`, or None."""
    model = TRANSLATIONS.get(type(page))
    if model is None or language == settings.LANGUAGE_CODE or page.pk is None:
        return None
    return model.objects.shown(language).filter(original=page).first()


def behind_english() -> list[Translation]:
    """Every translation whose English words changed since it was made, by kind and page."""
    found = []
    for english_model, model in TRANSLATIONS.items():
        pages = english_model.objects.prefetch_related(*english_model.link_fields())
        now = {page.pk: model.words_fingerprint(as_json(page.to_data())) for page in pages}
        translations = model.objects.select_related("original")
        found += [row for row in translations if row.translated_from != now.get(row.original_id)]
    return found
