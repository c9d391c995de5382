"""Sign-in and client addresses with odd input: a forwarded word that is not an address, a
next page off the site."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import RequestFactory
from django.urls import reverse

from core.security import client_address
from tests.admin_post import admin_post

LOGIN = reverse("admin:login")
PROXY = "127.0.0.1"


@pytest.fixture
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = [PROXY]


@pytest.mark.parametrize(
    ("forwarded_for", "expected"),
    [
        ("203.0.113.5", "203.0.113.5"),
        ("2001:DB8::0001", "2001:db8::1"),
        ("not-an-address", PROXY),
        ("203.0.113.5:4711", PROXY),
        ("203.0.113.500", PROXY),
        ("fe80::1%eth0", PROXY),
        ("١٢٣.٠.١١٣.٥", PROXY),
        ("6.6.6.6, <script>", PROXY),
    ],
)
def test_a_forwarded_address_that_is_not_one_falls_back_to_the_proxy(
    behind_one_proxy, forwarded_for, expected
):
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)
    assert client_address(request) == expected


@pytest.mark.django_db
def test_signing_in_through_the_proxy_with_a_forwarded_word_is_refused_not_an_error(
    client, behind_one_proxy
):
    User.objects.create_user("frontdesk", password="correct-horse-battery-staple-7", is_staff=True)
    data = {"username": "frontdesk", "password": "wrong-guess", "next": "/admin/"}
    response = admin_post(
        client, LOGIN, data, status=200, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="not-an-address"
    )
    assert "Please enter the correct username and password" in response.content.decode()
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [PROXY]


@pytest.mark.django_db
@pytest.mark.parametrize("next_page", ["https://evil.example/", "//evil.example/", ""])
def test_signing_in_with_a_next_page_off_the_site_lands_on_the_admin_home(client, next_page):
    User.objects.create_user("frontdesk", password="correct-horse-battery-staple-7", is_staff=True)
    data = {"username": "frontdesk", "password": "correct-horse-battery-staple-7"}
    response = admin_post(client, LOGIN, {**data, "next": next_page})
    assert response["Location"] == reverse("admin:index")
    assert client.get(response["Location"]).status_code == 200
