import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command


@pytest.mark.django_db
def test_no_migrations_are_missing():
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())


def test_system_checks_pass():
    call_command("check", stdout=StringIO())


@pytest.mark.slow
@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("DJANGO_SECRET_KEY", "Set DJANGO_SECRET_KEY"),
        ("DJANGO_ALLOWED_HOSTS", "Set DJANGO_ALLOWED_HOSTS"),
    ],
)
def test_production_settings_refuse_to_start_without_secrets(missing, message):
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "example.org",
    }
    del env[missing]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert message in result.stderr


def test_robots_txt_points_at_the_sitemap_and_does_not_reveal_the_admin(client):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /request-callback/sent/" in text
    assert "Disallow: /es/request-callback/sent/" in text
    assert "admin" not in text


@pytest.mark.django_db
def test_sitemap_lists_published_pages(client, starter_content):
    xml = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/procedures/nucleoplasty/" in xml
    assert "http://testserver/conditions/herniated-disc/" in xml
    assert "http://testserver/privacy/" in xml


def test_server_error_page_gives_the_phone_number_and_no_details(client, settings):
    settings.PRACTICE_PHONE = "(555) 010-0123"
    from django.test import RequestFactory

    from core.views import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "(555) 010-0123" in response.content.decode()
    assert "Traceback" not in response.content.decode()


@pytest.mark.parametrize("app", ["core", "procedures", "appointments", "pagecache"])
def test_apps_never_import_the_project_package(app):
    importing_config = re.compile(r"^\s*(from|import)\s+config\b", re.MULTILINE)
    offenders = [
        str(path.relative_to(settings.BASE_DIR))
        for path in (Path(settings.BASE_DIR) / app).rglob("*.py")
        if importing_config.search(path.read_text())
    ]
    assert offenders == []
