"""Two app servers with production settings sharing one database, with the cache in Redis or
in each worker's memory (then the content version comes from the database)."""

import secrets

import pytest

from tests.servers import Patient, fresh_database, gunicorn, manage, server_env

pytestmark = pytest.mark.slow

MAKE_PAGES = """
from tests.factories import make_condition, make_procedure
make_procedure(title="Kyphoplasty", slug="kyphoplasty", summary="A balloon makes room.",
               conditions=[make_condition(name="Fracture", slug="fracture")])
"""
CHANGE_SUMMARY = """
from procedures.models import Procedure
page = Procedure.objects.get(slug="kyphoplasty")
page.summary = "Changed by another process."
page.save()
"""


@pytest.fixture(scope="module", params=["redis://127.0.0.1:6379/5", ""], ids=["Redis", "memory"])
def two_servers(request, tmp_path_factory):
    with fresh_database(tmp_path_factory.mktemp("cached")) as database_url:
        env = server_env(
            database_url,
            REDIS_URL=request.param,
            DJANGO_SECRET_KEY=secrets.token_urlsafe(48),
        )
        manage(env, "migrate", "--noinput")
        manage(env, "shell", "-c", MAKE_PAGES)
        with gunicorn(env, workers=2) as first, gunicorn(env, workers=2) as second:
            yield first, second, env


def test_a_change_committed_elsewhere_shows_on_both_servers_at_once(two_servers):
    first, second, env = two_servers
    reader = Patient(first)
    for base in (first, second):
        for path in ("/procedures/kyphoplasty/", "/procedures/", "/conditions/fracture/"):
            for _ in range(3):  # every worker of each server has the page now
                status, page = reader.get(base + path)
                assert status == 200 and "A balloon makes room." in page
    manage(env, "shell", "-c", CHANGE_SUMMARY)
    for base in (first, second):
        for path in ("/procedures/kyphoplasty/", "/procedures/", "/conditions/fracture/"):
            status, page = reader.get(base + path)
            assert status == 200
            assert "Changed by another process." in page, (base, path)


def test_production_serves_pages_with_cache_headers_and_no_cookie(two_servers):
    import urllib.request

    first, second, _ = two_servers
    etags = set()
    for base in (first, second):
        with urllib.request.urlopen(base + "/procedures/kyphoplasty/", timeout=30) as response:
            assert response.headers["Cache-Control"] == (
                "public, max-age=60, stale-while-revalidate=300"
            )
            assert response.headers["Set-Cookie"] is None
            etags.add(response.headers["ETag"])
    assert len(etags) == 1  # one page, shared by both servers
