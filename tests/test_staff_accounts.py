"""Staff accounts: onboarding by role, lockout after failed sign-ins, idle sign-out."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from core.roles import ROLES
from tests.admin_post import admin_post
from tests.servers import BASE_DIR

LOGIN = reverse("admin:login")
STRONG = "correct-horse-battery-staple-7"


@pytest.fixture
def staff_password(monkeypatch):
    monkeypatch.setenv("STAFF_USER_PASSWORD", STRONG)
    return STRONG


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "group"), [(role.slug, role.group) for role in ROLES])
def test_create_staff_user_makes_a_staff_member_in_one_role(staff_password, role, group):
    call_command(
        "create_staff_user",
        "sam",
        "--role",
        role,
        "--email",
        "sam@example.org",
        "--full-name",
        " Sam  de la Cruz ",
    )
    user = User.objects.get(username="sam")
    assert user.get_full_name() == "Sam de la Cruz"
    assert user.is_staff and not user.is_superuser
    assert [g.name for g in user.groups.all()] == [group]
    assert user.check_password(STRONG)


@pytest.mark.django_db
def test_create_staff_user_refuses_weak_passwords_and_duplicates(monkeypatch, staff_password):
    call_command("create_staff_user", "sam", "--role", "front-desk")
    with pytest.raises(CommandError, match="already an account"):
        call_command("create_staff_user", "sam", "--role", "front-desk")
    monkeypatch.setenv("STAFF_USER_PASSWORD", "password123")
    with pytest.raises(CommandError, match="not strong enough"):
        call_command("create_staff_user", "alex", "--role", "front-desk")
    assert not User.objects.filter(username="alex").exists()


@pytest.mark.django_db
def test_a_clinical_reviewer_needs_a_full_name(staff_password):
    with pytest.raises(CommandError, match="clinical reviewer needs --full-name"):
        call_command("create_staff_user", "dr-x", "--role", "clinical-reviewer", "--full-name", " ")
    assert not User.objects.filter(username="dr-x").exists()
    call_command("create_staff_user", "desk", "--role", "front-desk")
    assert User.objects.get(username="desk").get_full_name() == ""


def _sign_in(client, username, password, *, status: int, address="198.51.100.7"):
    """Sign in through the admin's form; 302 signed in, 200 refused, 429 paused."""
    data = {"username": username, "password": password, "next": "/admin/"}
    return admin_post(client, LOGIN, data, status=status, REMOTE_ADDR=address)


@pytest.mark.django_db
def test_failed_sign_ins_lock_the_account_until_an_administrator_unlocks_it(client, settings):
    User.objects.create_user("frontdesk", password=STRONG, is_staff=True)
    for status in [200, 200, 200, 200, 429]:
        _sign_in(client, "frontdesk", "wrong-guess", status=status)
    response = _sign_in(client, "frontdesk", STRONG, status=429)
    assert "Signing in is paused" in response.content.decode()
    assert "unlock_staff_account" in response.content.decode()

    call_command("unlock_staff_account", "frontdesk")
    response = _sign_in(client, "frontdesk", STRONG, status=302)
    assert response["Location"] == "/admin/"


@pytest.mark.django_db
def test_a_lockout_is_for_that_account_from_that_address_only(client, settings):
    User.objects.create_user("frontdesk", password=STRONG, is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _sign_in(client, "frontdesk", "wrong-guess", status=200)
    _sign_in(client, "frontdesk", "wrong-guess", status=429)
    _sign_in(client, "frontdesk", STRONG, status=429)
    _sign_in(client, "frontdesk", STRONG, address="192.0.2.50", status=302)


@pytest.mark.django_db
def test_failures_spread_over_many_addresses_pause_the_account_and_tell_its_owner(
    client, settings, mailoutbox
):
    settings.ACCOUNT_FAILURE_LIMIT = 8  # above the per-address limit, as in production
    User.objects.create_user("frontdesk", email="ana@example.org", password=STRONG, is_staff=True)
    for number in range(8):
        # One try per address: django-axes never pauses.
        _sign_in(client, "frontdesk", "wrong-guess", address=f"192.0.2.{number}", status=200)
    assert len(mailoutbox) == 1
    notice = mailoutbox[0]
    assert notice.to == ["ana@example.org"]
    assert "paused" in notice.subject
    assert "192.0.2" not in notice.body and "wrong-guess" not in notice.body

    # The right password from a new address is refused.
    _sign_in(client, "frontdesk", STRONG, address="203.0.113.9", status=200)
    assert "_auth_user_id" not in client.session
    assert len(mailoutbox) == 1, "the owner is told once"


@pytest.fixture
def paused_everywhere(client, settings):
    """An account paused by failures from many addresses, one of them paused by axes too."""
    settings.ACCOUNT_FAILURE_LIMIT = 8
    User.objects.create_user("frontdesk", email="ana@example.org", password=STRONG, is_staff=True)
    User.objects.create_user("editor", password=STRONG, is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _sign_in(client, "frontdesk", "wrong-guess", status=200)
    _sign_in(client, "frontdesk", "wrong-guess", status=429)
    for number in range(3):
        _sign_in(client, "frontdesk", "wrong-guess", address=f"192.0.2.{number}", status=200)
    _sign_in(client, "frontdesk", STRONG, address="203.0.113.9", status=200)  # paused


@pytest.mark.django_db
def test_the_pause_is_logged_without_the_name_or_the_addresses(paused_everywhere, caplog):
    ours = [r for r in caplog.get_records("setup") if r.name == "accounts.sign_in_pause"]
    text = "\n".join(record.getMessage() for record in ours)
    assert "signing in is paused" in text
    assert "frontdesk" not in text and "192.0.2" not in text and "198.51.100" not in text


@pytest.mark.django_db
def test_unlock_staff_account_lifts_both_pauses(client, paused_everywhere):
    call_command("unlock_staff_account", "frontdesk")
    _sign_in(client, "frontdesk", STRONG, address="203.0.113.9", status=302)
    client.logout()
    _sign_in(client, "frontdesk", STRONG, status=302)  # the address axes paused
    with pytest.raises(CommandError, match="no staff account called 'nobody'"):
        call_command("unlock_staff_account", "nobody")


@pytest.mark.django_db
def test_the_admin_lists_paused_accounts_and_lifts_the_pause(client, paused_everywhere):
    administrator = User.objects.create_superuser("admin", password=STRONG)
    admin_client = type(client)()
    admin_client.force_login(administrator)
    users = reverse("admin:auth_user_changelist")
    listing = admin_client.get(users + "?sign_in=paused").content.decode()
    assert "frontdesk" in listing and ">editor<" not in listing
    frontdesk = User.objects.get(username="frontdesk")
    admin_post(admin_client, users, {"action": "lift_pause", "_selected_action": [frontdesk.pk]})
    listing = admin_client.get(users + "?sign_in=paused").content.decode()
    assert "frontdesk" not in listing
    _sign_in(client, "frontdesk", STRONG, address="203.0.113.9", status=302)


@pytest.mark.django_db
def test_a_correct_password_before_the_account_limit_starts_the_count_again(client, settings):
    settings.ACCOUNT_FAILURE_LIMIT = 8
    User.objects.create_user("frontdesk", password=STRONG, is_staff=True)
    for number in range(7):
        _sign_in(client, "frontdesk", "wrong-guess", address=f"192.0.2.{number}", status=200)
    _sign_in(client, "frontdesk", STRONG, address="192.0.2.50", status=302)
    client.logout()
    for number in range(7):
        _sign_in(client, "frontdesk", "wrong-guess", address=f"198.51.100.{number}", status=200)
    _sign_in(client, "frontdesk", STRONG, address="192.0.2.51", status=302)


@pytest.mark.django_db
def test_staff_sessions_end_after_the_idle_time(client, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST  # each request restarts the idle clock
    User.objects.create_user("editor", password=STRONG, is_staff=True)
    _sign_in(client, "editor", STRONG, status=302)
    session = Session.objects.get()
    assert session.expire_date - timezone.now() > timedelta(minutes=29)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_admin_address_comes_from_the_environment():
    env = {**os.environ, "DJANGO_ADMIN_URL": "practice-staff/"}
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "from django.urls import reverse; print(reverse('admin:index'))",
        ],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "/practice-staff/"
