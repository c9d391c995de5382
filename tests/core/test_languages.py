"""English and Spanish addresses: the language each page is in, its hreflang pairs, the
link to the other language, and English-only pages under /es/."""

import re
from urllib.parse import urlsplit

import pytest

from tests.factories import make_procedure

ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')
SWITCH = re.compile(
    r'<a class="site-header__language" href="([^"]+)" hreflang="([^"]+)" lang="[^"]+">([^<]+)</a>'
)
LOC = re.compile(r"<loc>([^<]+)</loc>")


def alternates(html: str) -> dict[str, str]:
    return {
        code: urlsplit(href).path + (f"?{urlsplit(href).query}" if urlsplit(href).query else "")
        for code, href in ALTERNATE.findall(html)
    }


def html_lang(html: str) -> str:
    return re.search(r'<html lang="([^"]+)">', html).group(1)


def switch_link(html: str) -> tuple[str, str, str]:
    (link,) = SWITCH.findall(html)
    return link


@pytest.mark.django_db
def test_the_address_alone_sets_the_language(client):
    """Not the browser's Accept-Language, and no cookie: a page is the same for everyone."""
    english = client.get("/privacy/", headers={"accept-language": "es"})
    spanish = client.get("/es/privacy/", headers={"accept-language": "en"})
    assert html_lang(english.content.decode()) == "en"
    assert english["Content-Language"] == "en"
    assert html_lang(spanish.content.decode()) == "es"
    assert spanish["Content-Language"] == "es"
    for response in (english, spanish):
        assert "Accept-Language" not in response.get("Vary", "")
        assert not response.cookies


@pytest.mark.django_db
def test_each_page_links_to_itself_in_the_other_language(client):
    assert switch_link(client.get("/privacy/").content.decode()) == (
        "/es/privacy/",
        "es",
        "Español",
    )
    assert switch_link(client.get("/es/privacy/").content.decode()) == (
        "/privacy/",
        "en",
        "English",
    )


@pytest.mark.django_db
def test_a_search_keeps_its_question_in_the_other_language(client):
    html = client.get("/es/search/", {"q": "cemento"}).content.decode()
    assert switch_link(html)[0] == "/search/?q=cemento"


@pytest.mark.django_db
def test_a_kept_page_never_carries_a_readers_query_into_its_links(client):
    html = client.get("/privacy/", {"utm_source": "x"}).content.decode()
    assert switch_link(html)[0] == "/es/privacy/"
    assert "utm_source" not in "".join(alternates(html).values())


@pytest.mark.django_db
def test_a_missing_page_links_to_the_other_languages_home_page(client):
    response = client.get("/es/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert html_lang(html) == "es"
    assert switch_link(html)[0] == "/"


def sitemap_paths(client) -> list[str]:
    return [urlsplit(loc).path for loc in LOC.findall(client.get("/sitemap.xml").content.decode())]


def test_hreflang_pairs_are_symmetrical(client, starter_content):
    """Every page each page names as its other language names it back, with the same set."""
    checked = 0
    for path in sitemap_paths(client):
        pairs = alternates(client.get(path).content.decode())
        assert pairs["x-default"] == pairs["en"], path
        assert path in pairs.values(), f"{path} does not name itself"
        for code, other in pairs.items():
            response = client.get(other)
            assert response.status_code == 200, other
            assert alternates(response.content.decode()) == pairs, f"{path} → {other}"
            if code != "x-default":
                assert html_lang(response.content.decode()) == code
            checked += 1
    assert checked > 60


@pytest.mark.django_db
def test_an_untranslated_page_under_es_says_so_in_spanish_and_is_not_pointed_to(client):
    procedure = make_procedure(overview="Bone cement is put through a thin needle.")
    address = procedure.get_absolute_url()
    english = client.get(address).content.decode()
    spanish = client.get(f"/es{address}").content.decode()
    assert set(alternates(english)) == {"en", "x-default"}
    assert alternates(spanish) == alternates(english)
    assert '<meta name="robots" content="noindex">' in spanish
    assert '<meta name="robots"' not in english
    assert html_lang(spanish) == "es"
    assert "Esta página todavía no está traducida" in spanish
    # The page's own text is marked English for screen readers, and is the English page's.
    main = spanish.split('<main id="main-content" tabindex="-1">')[1]
    assert '<div lang="en">' in main
    assert "Bone cement is put through a thin needle" in main
    assert switch_link(spanish)[0] == address


def test_the_sitemap_lists_each_page_in_the_languages_it_is_live_in(client, starter_content):
    paths = sitemap_paths(client)
    assert "/es/privacy/" in paths
    for slug in ("vertebroplasty", "kyphoplasty"):
        assert f"/procedures/{slug}/" in paths
        assert f"/es/procedures/{slug}/" in paths
    assert "/es/compare/vertebroplasty-vs-kyphoplasty/" in paths
    assert "/es/glossary/" in paths
    sitemap = client.get("/sitemap.xml").content.decode()
    assert 'hreflang="es" href="http://testserver/es/privacy/"' in sitemap
    assert 'hreflang="es" href="http://testserver/es/procedures/vertebroplasty/"' in sitemap


@pytest.mark.django_db
def test_the_sitemap_leaves_out_the_spanish_address_of_an_untranslated_page(client):
    procedure = make_procedure()
    paths = sitemap_paths(client)
    assert procedure.get_absolute_url() in paths
    assert f"/es{procedure.get_absolute_url()}" not in paths


@pytest.mark.django_db
def test_the_page_cache_keeps_each_language_apart(client):
    for _ in range(2):  # the second round is served from the cache
        assert html_lang(client.get("/privacy/").content.decode()) == "en"
        assert html_lang(client.get("/es/privacy/").content.decode()) == "es"


def test_dates_read_the_spanish_way_in_spanish():
    import datetime

    from django.utils import translation
    from django.utils.formats import date_format

    day = datetime.date(2026, 12, 7)
    with translation.override("es"):
        assert date_format(day, "DATE_FORMAT") == "7 de diciembre de 2026"
    with translation.override("en"):
        assert date_format(day, "DATE_FORMAT") == "December 7, 2026"
