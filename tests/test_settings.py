"""Settings from the environment: a value the site cannot read stops start-up with its name."""

import subprocess

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import envbool, envint
from tests.test_request_limits import production_settings


@pytest.mark.parametrize("value", ["1", "true", "TRUE", " yes ", "On"])
def test_yes_is_read_in_any_spelling(monkeypatch, value):
    monkeypatch.setenv("SOME_SWITCH", value)
    assert envbool("SOME_SWITCH", "0") is True


@pytest.mark.parametrize("value", ["0", "false", "False", "no ", "OFF"])
def test_no_is_read_in_any_spelling(monkeypatch, value):
    monkeypatch.setenv("SOME_SWITCH", value)
    assert envbool("SOME_SWITCH", "1") is False


@pytest.mark.parametrize("value", ["ture", "", "2", "enabled", "y"])
def test_a_yes_or_no_with_any_other_value_is_refused(monkeypatch, value):
    monkeypatch.setenv("SOME_SWITCH", value)
    with pytest.raises(ImproperlyConfigured, match=f"^SOME_SWITCH={value} is not a yes or no"):
        envbool("SOME_SWITCH", "1")


def test_an_unset_variable_takes_its_default(monkeypatch):
    monkeypatch.delenv("SOME_SWITCH", raising=False)
    assert (envbool("SOME_SWITCH", "1"), envint("SOME_SWITCH", 30)) == (True, 30)


@pytest.mark.parametrize("value", ["thirty", "", "1.5", "30s"])
def test_a_number_that_is_not_a_whole_number_is_refused(monkeypatch, value):
    monkeypatch.setenv("SOME_NUMBER", value)
    with pytest.raises(ImproperlyConfigured, match=f"^SOME_NUMBER={value} is not a whole number"):
        envint("SOME_NUMBER", 30)


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("DJANGO_SECURE_COOKIES", "ture", "DJANGO_SECURE_COOKIES=ture is not a yes or no"),
        ("DJANGO_HSTS_SECONDS", "two years", "DJANGO_HSTS_SECONDS=two years is not a whole"),
        ("CALLBACK_RESPONSE_BUSINESS_DAYS", "one", "CALLBACK_RESPONSE_BUSINESS_DAYS=one is not"),
    ],
)
def test_production_refuses_to_start_with_a_value_it_cannot_read(variable, value, message):
    with pytest.raises(subprocess.CalledProcessError) as refused:
        production_settings("SESSION_COOKIE_SECURE", **{variable: value})
    assert f"ImproperlyConfigured: {message}" in refused.value.stderr


def test_production_reads_a_spelled_out_no():
    cookies, redirect = production_settings(
        "SESSION_COOKIE_SECURE",
        "SECURE_SSL_REDIRECT",
        DJANGO_SECURE_COOKIES="Off",
        DJANGO_SECURE_SSL_REDIRECT="no",
    )
    assert (cookies, redirect) == ("False", "False")


def test_the_callback_promise_in_business_days_comes_from_the_environment(monkeypatch):
    monkeypatch.delenv("CALLBACK_RESPONSE_BUSINESS_DAYS", raising=False)
    assert production_settings("CALLBACK_RESPONSE_BUSINESS_DAYS") == ["1"]
    read = production_settings(
        "CALLBACK_RESPONSE_BUSINESS_DAYS", CALLBACK_RESPONSE_BUSINESS_DAYS="3"
    )
    assert read == ["3"]
