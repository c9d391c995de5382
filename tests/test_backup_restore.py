"""The backup in docs/deploy.md really restores: same pages, same callback requests."""

import json
import shutil
import subprocess

import pytest
from django.conf import settings

from tests.servers import FORM, Patient, fresh_database, gunicorn, manage, server_env

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="pg_dump and pg_restore need PostgreSQL: this runs in the PostgreSQL pass",
    ),
]
PAGES = [
    "/",
    "/procedures/",
    "/procedures/vertebroplasty/",
    "/conditions/spinal-stenosis/",
    "/sitemap.xml",
]
REFERENCES = (
    "import json; from appointments.models import CallbackRequest as C; "
    "print(json.dumps(sorted(C.objects.values_list('reference', 'full_name', 'status'))))"
)


def snapshot(env: dict) -> tuple[dict, list]:
    """The public pages as served, and the callback requests as stored."""
    with gunicorn(env, workers=1) as base:
        patient = Patient(base)
        pages = {path: patient.get(base + path)[1].replace(base, "SITE") for path in PAGES}
    return pages, json.loads(manage(env, "shell", "--no-imports", "-c", REFERENCES))


def test_dump_restore_into_a_fresh_database_serves_the_same_site(tmp_path):
    assert shutil.which("pg_dump") and shutil.which("pg_restore")
    dump = tmp_path / "site.dump"
    with fresh_database(tmp_path) as original:
        env = server_env(original, CALLBACK_RATE_LIMIT="0", FRONT_DESK_EMAIL="")
        manage(env, "migrate", "--noinput")
        manage(env, "import_content")
        with gunicorn(env, workers=1) as base:
            for name in ["Ada One", "Bo Two", "Cy Three"]:
                patient = Patient(base)
                patient.send(patient.open_form(fields={**FORM, "full_name": name}))
        manage(
            env,
            "shell",
            "--no-imports",
            "-c",
            "from appointments.models import CallbackRequest as C; "
            "C.objects.filter(full_name='Bo Two').update(status='contacted')",
        )
        before = snapshot(env)
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", original], check=True
        )

    with fresh_database(tmp_path) as restored:
        subprocess.run(["pg_restore", "--no-owner", f"--dbname={restored}", str(dump)], check=True)
        after = snapshot(server_env(restored))

    assert len(before[1]) == 3
    assert after == before
