"""`.env.example` lists every environment variable the running site reads."""

import re
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
# os.environ.get("NAME"), os.environ["NAME"] and the settings helpers envbool/envint/envlist.
READ = re.compile(
    r"""(?:environ\.get\(|environ\[|env(?:bool|int|list)\()\s*["']([A-Z][A-Z0-9_]*)["']"""
)


def variables_read() -> set[str]:
    sources = [BASE_DIR / "gunicorn.conf.py"]
    for folder in (
        "config",
        "core",
        "procedures",
        "appointments",
        "pagecache",
        "search",
        "feedback",
    ):
        sources += (BASE_DIR / folder).rglob("*.py")
    return {name for path in sources for name in READ.findall(path.read_text())}


def variables_listed() -> set[str]:
    text = (BASE_DIR / ".env.example").read_text()
    return set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", text, re.MULTILINE))


def test_env_example_lists_every_variable_the_code_reads():
    read = variables_read()
    assert {"DJANGO_SECRET_KEY", "PAGE_CACHE_SECONDS", "WEB_CONCURRENCY"} <= read
    assert read - variables_listed() == set()
