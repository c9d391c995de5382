"""One content version for the whole site: any change to a page's data retires every cached page.

Pages show each other (cards, lists, related treatments, redirects), so working out which
pages one save touches would be fragile; a new version makes all of them fresh at once, on
every server that shares the cache.
"""

import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

# The cache that holds kept pages and their version, apart from sessions and rate limits.
PAGE_CACHE = "pages"
VERSION_KEY = "pagecache:content-version"
# Apps whose models feed the public pages.
CONTENT_APPS = ("procedures", "redirects")
# The one row of pagecache.ContentVersion.
VERSION_ROW = 1


def version_in_database() -> bool:
    """A memory cache is one per worker process; only a shared cache can hold the version."""
    return settings.CACHES[PAGE_CACHE]["BACKEND"].endswith(".LocMemCache")


def page_cache():
    return caches[PAGE_CACHE]


def current_version() -> str:
    """The version pages are rendered for now; made on first use or after the cache was emptied."""
    if version_in_database():
        return _database_version()
    cache = page_cache()
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def expire_pages() -> None:
    """Retire every cached page. A fresh random version never collides with an old one."""
    if version_in_database():
        _save_database_version(uuid.uuid4().hex)
    else:
        page_cache().set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def _database_version() -> str:
    """One indexed read on every request, so plain SQL: the ORM would cost more than the hit."""
    from pagecache.models import ContentVersion

    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {table} WHERE id = %s", [VERSION_ROW])
        row = cursor.fetchone()
    if row is not None:
        return row[0]
    version = ContentVersion.objects.get_or_create(
        pk=VERSION_ROW, defaults={"value": uuid.uuid4().hex}
    )[0]
    return version.value


def _save_database_version(value: str) -> None:
    from pagecache.models import ContentVersion

    ContentVersion.objects.update_or_create(pk=VERSION_ROW, defaults={"value": value})


def content_changed(**kwargs) -> None:
    """Expire now, so this connection's own next read is fresh, and again once committed.

    The second expiry matters: between the save and the commit another worker still reads
    the old rows, and may cache a page from them under the first new version.
    """
    expire_pages()
    transaction.on_commit(expire_pages, robust=True)


def _is_content(model) -> bool:
    return model._meta.app_label in CONTENT_APPS


def _on_save_or_delete(sender, **kwargs) -> None:
    if _is_content(sender):
        content_changed()


def _on_m2m_changed(sender, action: str, **kwargs) -> None:
    if _is_content(sender) and action.startswith("post_"):
        content_changed()


def connect_signals() -> None:
    post_save.connect(_on_save_or_delete, dispatch_uid="pagecache-save")
    post_delete.connect(_on_save_or_delete, dispatch_uid="pagecache-delete")
    m2m_changed.connect(_on_m2m_changed, dispatch_uid="pagecache-m2m")
