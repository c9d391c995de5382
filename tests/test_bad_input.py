"""Malformed requests get a 4xx and a friendly page, never a server error."""

from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from appointments.models import CallbackRequest
from tests.factories import post_form

FORM_URL = "/request-callback/"
FIELDS = [
    "full_name",
    "phone",
    "email",
    "contact_days",
    "contact_time",
    "language",
    "language_other",
    "needs_interpreter",
    "contact_needs",
    "procedure",
    "has_referral",
    "has_imaging",
    "message",
    "consent",
    "website",
]
FUZZ = hypothesis_settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

any_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300)
form_data = st.dictionaries(
    st.one_of(st.sampled_from(FIELDS), any_text),
    st.one_of(any_text, st.lists(any_text)),
    max_size=14,
)


@pytest.fixture
def no_rate_limit(settings):
    settings.CALLBACK_RATE_LIMIT = "0"


@pytest.mark.django_db
@FUZZ
@given(data=form_data)
def test_callback_form_never_fails_on_any_input(client, no_rate_limit, data):
    before = CallbackRequest.objects.count()
    response = post_form(client, data)
    # 413: a body over PUBLIC_POST_MAX_BYTES, refused with a friendly page before it is read.
    assert response.status_code in (200, 302, 413), response.status_code
    if response.status_code != 302:
        assert CallbackRequest.objects.count() == before  # nothing saved unless valid


@pytest.mark.django_db
@FUZZ
@given(slug=any_text.filter(lambda text: text.strip()))
def test_slug_routes_never_fail_on_any_slug(client, slug):
    for prefix in ("/procedures/", "/conditions/"):
        response = client.get(prefix + quote(slug, safe="") + "/")
        assert response.status_code in (404, 301), (slug, response.status_code)


def _friendly(response, status):
    assert response.status_code == status
    body = response.content.decode()
    assert "(555) 010-0199" in body and "Traceback" not in body
    return body


@pytest.mark.django_db
def test_oversized_body_is_refused_kindly(client):
    body = "message=" + "x" * 3_000_000
    response = client.post(FORM_URL, body, content_type="application/x-www-form-urlencoded")
    assert "Sorry, we could not read that" in _friendly(response, 413)
    assert not CallbackRequest.objects.exists()


@pytest.mark.django_db
def test_too_many_fields_are_refused_kindly(client):
    body = "&".join(f"f{number}=1" for number in range(1500))
    response = client.post(FORM_URL, body, content_type="application/x-www-form-urlencoded")
    _friendly(response, 400)
    assert not CallbackRequest.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("content_type", ["application/json", "text/plain", "application/xml"])
def test_non_form_content_types_are_refused_kindly(client, content_type):
    response = client.post(FORM_URL, '{"full_name": "x"}', content_type=content_type)
    _friendly(response, 415)
    assert not CallbackRequest.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body", [b"full_name=\xff\xfe\xfa&phone=%ZZ", b"%%%&&&===", b"\x00\x01\x02"]
)
def test_bad_encodings_are_answered_without_an_error(client, body):
    response = client.post(FORM_URL, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not CallbackRequest.objects.exists()


@pytest.mark.django_db
def test_unknown_charset_is_answered_without_an_error(client):
    response = client.generic(
        "POST", FORM_URL, b"full_name=x", "application/x-www-form-urlencoded; charset=nope"
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()  # the form again, with its errors
    assert not CallbackRequest.objects.exists()


@pytest.mark.django_db
def test_broken_multipart_is_refused_kindly(client):
    response = client.post(
        FORM_URL, b"--xyz\r\ngarbage", content_type="multipart/form-data; boundary="
    )
    _friendly(response, 415)
    assert not CallbackRequest.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/procedures/..%2F..%2Fetc%2Fpasswd/",
        "/procedures/%2e%2e/%2e%2e/settings.py",
        "/conditions/..%5C..%5Cwindows/",
        "/static/..%2F..%2Fconfig%2Fsettings.py",
        "/media/..%2F..%2Fdb.sqlite3",
        "/procedures/%00/",
    ],
)
def test_path_traversal_finds_nothing(client, path):
    response = client.get(path)
    assert response.status_code in (400, 404)
    assert b"SECRET_KEY" not in response.content


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "?page=999999999999999999999999",
        "?utm_source=x&zzz=1",
        "?procedure=%FF%FE",
        "?procedure=" + "a" * 5000,
    ],
)
def test_unknown_or_huge_query_parameters_are_ignored(client, starter_content, query):
    for path in ["/", "/procedures/", "/procedures/kyphoplasty/", FORM_URL]:
        assert client.get(path + query).status_code == 200, path + query


def test_csrf_failure_gets_a_friendly_page(db):
    response = post_form(Client(enforce_csrf_checks=True), {"full_name": "x"})
    assert "Please send the form again" in _friendly(response, 403)
