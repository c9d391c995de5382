"""Keep one search entry per public page, in step with the page, and the words the pages use."""

import html

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.html import strip_tags
from django.utils.translation import override

from search.models import Kind, SearchEntry, SearchWord, query_words

# Words shorter than this are never corrected, so they need not be kept.
SHORTEST_WORD = 4


def text_of(html_text: str) -> str:
    return html.unescape(strip_tags(html_text or ""))


def lines(*parts) -> str:
    return "\n".join(part for part in parts if part)


def document(page) -> dict | None:
    """What the search reads for a page, or None when patients cannot see the page."""
    from procedures.models import Status, Translation

    if page.status != Status.PUBLISHED:
        return None
    if isinstance(page, Translation):
        return _translated_document(page)
    with override(settings.LANGUAGE_CODE):  # the English address, whatever asks
        found = _document(page)
    return found and {**found, "language": settings.LANGUAGE_CODE}


def _translated_document(translation) -> dict | None:
    """A translation is read as its English page with the translation's words, at the
    English page's address in the translation's language."""
    from procedures.models import Status

    english = type(translation.original).objects.get(pk=translation.original_id)
    if english.status != Status.PUBLISHED:
        return None
    translation.show_on(english)
    with override(translation.language):
        found = _document(english)
    return found and {**found, "language": translation.language}


def _document(page) -> dict | None:
    from procedures.models import Condition, GlossaryTerm, Option, Procedure

    if isinstance(page, Procedure):
        sections = [text_of(getattr(page, f"{name}_html")) for name in page.markdown_fields()]
        return {
            "kind": Kind.PROCEDURE,
            "url": page.get_absolute_url(),
            "title": page.title,
            "names": lines(page.lay_name, *page.other_names),
            "summary": page.summary,
            "body": lines(page.suits, page.effectiveness, *sections),
        }
    if isinstance(page, Condition):
        return {
            "kind": Kind.CONDITION,
            "url": page.get_absolute_url(),
            "title": page.name,
            "names": lines(page.lay_name, *page.other_names, page.problem),
            "summary": page.summary,
            "body": text_of(page.description_html),
        }
    if isinstance(page, Option):
        url = page.get_absolute_url()
        if not url:
            return None  # shown on no condition page
        return {
            "kind": Kind.OPTION,
            "url": url,
            "title": page.name,
            "names": "",
            "summary": page.summary,
            "body": lines(page.effectiveness, page.main_risks, page.recovery),
        }
    if isinstance(page, GlossaryTerm):
        return {
            "kind": Kind.TERM,
            "url": page.get_absolute_url(),
            "title": page.term,
            "names": lines(*page.other_names, *page.word_forms),
            "summary": page.summary,
            "body": "",
        }
    raise TypeError(f"{type(page).__name__} is not a searchable page")


def searchable_models():
    from procedures.models import TRANSLATIONS, Condition, GlossaryTerm, Option, Procedure

    english = (Procedure, Condition, Option, GlossaryTerm)
    return (*english, *(TRANSLATIONS[model] for model in english))


def index_page(page) -> None:
    page_type = ContentType.objects.get_for_model(page)
    found = document(page)
    if found is None:
        SearchEntry.objects.filter(page_type=page_type, page_id=page.pk).delete()
        return
    entry, _ = SearchEntry.objects.update_or_create(
        page_type=page_type, page_id=page.pk, defaults=found
    )
    _keep_words(found)
    if connection.vendor == "postgresql":
        from search.backends import postgresql

        postgresql.update_vector(entry)


def _keep_words(found: dict) -> None:
    words = {
        word
        for part in ("title", "names", "summary", "body")
        for word in query_words(found[part])
        if len(word) >= SHORTEST_WORD and word.isalpha()
    }
    SearchWord.objects.bulk_create(
        [SearchWord(word=word[:100]) for word in words], ignore_conflicts=True
    )


def remove_page(page) -> None:
    page_type = ContentType.objects.get_for_model(page)
    SearchEntry.objects.filter(page_type=page_type, page_id=page.pk).delete()


def rebuild() -> int:
    """Every public page indexed again; entries for pages gone or hidden removed.

    Entries are updated in place, so best bets pinned to them stay.
    """
    kept = set()
    for model in searchable_models():
        page_type = ContentType.objects.get_for_model(model)
        for page in model.objects.all():
            index_page(page)
            kept.add((page_type.pk, page.pk))
    stale = [
        entry.pk
        for entry in SearchEntry.objects.only("page_type", "page_id")
        if (entry.page_type_id, entry.page_id) not in kept
    ]
    SearchEntry.objects.filter(pk__in=stale).delete()
    return SearchEntry.objects.count()


def rebuild_after_migrate(using="default", **kwargs) -> None:
    # Not when the search tables were just migrated away.
    if using == "default" and SearchEntry._meta.db_table in connection.introspection.table_names():
        rebuild()


def _saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index_page(instance)
        index_translations(instance)


def index_translations(page) -> None:
    """Index again the translations of an English page: their entries have its address, and
    are in the search only while it is live."""
    if hasattr(page, "translations") and page.pk:
        for translated in page.translations.all():
            index_page(translated)


def _deleted(sender, instance, **kwargs):
    remove_page(instance)


def _links_changed(sender, instance, action, pk_set=None, **kwargs):
    """An option's address is on its first condition's page."""
    from procedures.models import Option

    if action not in ("post_add", "post_remove", "post_clear"):
        return
    options = (
        [instance]
        if isinstance(instance, Option)
        else Option.objects.filter(
            pk__in=pk_set or ()  # options linked from the condition's side
        )
    )
    for option in options:
        index_page(option)
        index_translations(option)


def connect() -> None:
    from procedures.models import Option

    for model in searchable_models():
        post_save.connect(_saved, sender=model, dispatch_uid=f"search-save-{model.__name__}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-del-{model.__name__}")
    m2m_changed.connect(
        _links_changed, sender=Option.conditions.through, dispatch_uid="search-option-links"
    )
