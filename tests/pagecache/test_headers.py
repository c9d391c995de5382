"""What the page cache serves and to whom: hits, misses, headers, 304 and compression."""

import gzip

import pytest
from django.test import Client
from django.urls import reverse

from core.roles import CONTENT_EDITOR
from tests.factories import make_condition, make_procedure, make_staff
from tests.pagecache.conftest import rendering_queries


@pytest.fixture
def procedure(db):
    return make_procedure(
        title="Vertebroplasty", slug="vertebroplasty", conditions=[make_condition(name="Fracture")]
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/procedures/",
        "/procedures/vertebroplasty/",
        "/conditions/",
        "/privacy/",
        "/accessibility/",
        "/medical-disclaimer/",
        "/sitemap.xml",
    ],
)
def test_second_anonymous_request_is_served_from_the_cache(reader, procedure, url):
    first = reader.get(url)
    assert first.status_code == 200
    second = None

    def read_again():
        nonlocal second
        second = reader.get(url)

    assert rendering_queries(read_again) == 0
    assert second.status_code == 200
    assert second.content == first.content


@pytest.mark.django_db
def test_cacheable_page_is_public_for_a_short_time_and_sets_no_cookie(reader, procedure):
    for _ in range(2):  # the miss that renders it, then the hit
        response = reader.get(procedure.get_absolute_url())
        assert response.status_code == 200
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert directives == {"public", "max-age=60", "stale-while-revalidate=300"}
        assert {"Cookie", "Accept-Encoding"} <= {v.strip() for v in response["Vary"].split(",")}
        assert response["ETag"].startswith('"')
        assert not response.cookies
        assert "Content-Security-Policy" in response and response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_cache_headers_come_from_the_settings(reader, procedure, settings):
    settings.PAGE_MAX_AGE = 5
    settings.PAGE_STALE_WHILE_REVALIDATE = 7
    response = reader.get(procedure.get_absolute_url())
    assert response["Cache-Control"] == "public, max-age=5, stale-while-revalidate=7"


@pytest.mark.django_db
@pytest.mark.parametrize("cached_first", [False, True])
def test_matching_if_none_match_gets_304_without_a_body(reader, procedure, cached_first):
    url = procedure.get_absolute_url()
    etag = reader.get(url)["ETag"]
    if cached_first:
        reader.get(url)
    response = reader.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert "public" in response["Cache-Control"]
    assert reader.get(url, headers={"If-None-Match": '"something-else"'}).status_code == 200


@pytest.mark.django_db
def test_a_changed_page_gets_a_new_etag_and_no_304(reader, procedure):
    url = procedure.get_absolute_url()
    etag = reader.get(url)["ETag"]
    procedure.summary = "A new summary."
    procedure.save()
    response = reader.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert "A new summary." in response.content.decode()


@pytest.mark.django_db
def test_public_pages_are_gzipped_for_browsers_that_take_it(reader, procedure):
    url = procedure.get_absolute_url()
    plain = reader.get(url)
    for _ in range(2):
        packed = reader.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
        assert packed["Content-Encoding"] == "gzip"
        assert packed["ETag"] == "W/" + plain["ETag"]
        assert int(packed["Content-Length"]) < int(plain["Content-Length"])
        assert gzip.decompress(packed.content) == plain.content
    assert "Content-Encoding" not in plain


@pytest.mark.django_db
def test_head_is_answered_from_the_cache(reader, procedure):
    url = procedure.get_absolute_url()
    length = reader.get(url)["Content-Length"]
    assert rendering_queries(lambda: reader.head(url)) == 0
    response = reader.head(url)
    assert response.status_code == 200
    assert response["Content-Length"] == length


@pytest.mark.django_db
def test_a_page_that_reads_no_parameters_is_kept_once_whatever_the_query(reader, procedure):
    url = procedure.get_absolute_url()
    page = reader.get(url).content
    for query in ("?utm_source=news&fbclid=abc", "?page=2", "?x=1&x=2", "?%FF"):
        address = url + query
        assert rendering_queries(lambda a=address: reader.get(a)) == 0, query
        response = reader.get(address)
        assert (response.status_code, response.content) == (200, page)


@pytest.mark.django_db
def test_the_sitemap_with_a_page_number_is_rendered_every_time_and_answers_for_itself(
    reader, procedure
):
    assert reader.get("/sitemap.xml").status_code == 200
    assert rendering_queries(lambda: reader.get("/sitemap.xml?utm_source=x")) == 0
    assert rendering_queries(lambda: reader.get("/sitemap.xml?p=1")) > 0
    assert rendering_queries(lambda: reader.get("/sitemap.xml?p=1")) > 0
    assert reader.get("/sitemap.xml?p=2").status_code == 404


@pytest.mark.django_db
def test_sitemap_is_kept_per_host(reader, procedure):
    reader.get("/sitemap.xml", HTTP_HOST="localhost")
    sitemap = reader.get("/sitemap.xml", HTTP_HOST="127.0.0.1").content.decode()
    assert "http://127.0.0.1/procedures/vertebroplasty/" in sitemap
    assert "localhost" not in sitemap


@pytest.mark.django_db
def test_a_page_is_not_kept_when_the_cache_is_turned_off(reader, procedure, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = procedure.get_absolute_url()
    reader.get(url)
    assert rendering_queries(lambda: reader.get(url)) > 0
    response = reader.get(url)
    assert "public" in response["Cache-Control"] and "ETag" in response
    packed = reader.get(url, headers={"Accept-Encoding": "gzip"})
    assert gzip.decompress(packed.content) == response.content


# Never cached or shared


@pytest.mark.django_db
def test_signed_in_staff_get_a_private_page_rendered_for_them(client, reader, procedure):
    url = procedure.get_absolute_url()
    reader.get(url)
    client.force_login(make_staff(CONTENT_EDITOR.group))
    response = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response and "Content-Encoding" not in response


@pytest.mark.django_db
def test_a_session_or_messages_cookie_bypasses_the_cache(reader, procedure):
    url = procedure.get_absolute_url()
    reader.get(url)
    for cookie in ("sessionid", "messages"):
        reader.cookies.clear()
        reader.cookies[cookie] = "anything"
        assert rendering_queries(lambda: reader.get(url)) > 0, cookie
        response = reader.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_the_callback_form_is_private_uncompressed_and_never_kept(reader, procedure):
    url = reverse("appointments:request_callback")
    for _ in range(2):
        response = reader.get(url, headers={"Accept-Encoding": "gzip"})
        assert response.status_code == 200
        assert "csrftoken" in response.cookies
        assert response["Cache-Control"] == "private, no-store"
        assert "Content-Encoding" not in response  # a CSRF token must never be compressed
        assert b"csrfmiddlewaretoken" in response.content


@pytest.mark.django_db
def test_the_callback_confirmation_is_not_shared(reader):
    response = reader.get(reverse("appointments:sent"))
    assert response.status_code == 302
    assert "public" not in response.get("Cache-Control", "")


@pytest.mark.django_db
def test_error_pages_are_not_kept_and_a_new_page_shows_at_once(reader):
    url = "/procedures/new-treatment/"
    missing = reader.get(url)
    assert missing.status_code == 404
    assert missing["Cache-Control"] == "private, no-store"
    make_procedure(slug="new-treatment", title="New treatment")
    response = reader.get(url)
    assert response.status_code == 200
    assert "New treatment" in response.content.decode()


@pytest.mark.django_db
def test_previews_and_the_admin_are_never_public(client, procedure):
    client.force_login(make_staff(CONTENT_EDITOR.group))
    for url in [
        reverse("admin:procedures_procedure_draft", args=[procedure.pk]),
        reverse("admin:procedures_procedure_changelist"),
    ]:
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    client.logout()
    assert "public" not in client.get(reverse("admin:login")).get("Cache-Control", "")


@pytest.mark.django_db
def test_pages_are_still_served_when_the_cache_server_is_down(reader, procedure, monkeypatch):
    from django.core.cache import cache

    def down(*args, **kwargs):
        raise ConnectionError("cache server down")

    monkeypatch.setattr(cache, "get_many", down)
    monkeypatch.setattr(cache, "set", down)
    response = reader.get(procedure.get_absolute_url())
    assert response.status_code == 200
    assert "Vertebroplasty" in response.content.decode()


@pytest.mark.django_db
def test_a_page_whose_security_policy_has_a_nonce_is_never_kept(procedure):
    from django.test import RequestFactory

    from pagecache.pages import is_public_page

    rendered = Client().get(procedure.get_absolute_url())
    request = RequestFactory().get(procedure.get_absolute_url())
    request.resolver_match = rendered.resolver_match
    rendered.headers.pop("Cache-Control")  # as the view returned it, before the page cache
    assert is_public_page(request, rendered)
    request._csp_nonce = "a-fresh-nonce"
    assert not is_public_page(request, rendered)
