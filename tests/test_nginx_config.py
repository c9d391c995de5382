"""The shipped nginx configuration keeps patients' words out of its logs: no query string
and no Referer in any log format, and every access log written in that format."""

import re
from pathlib import Path

import pytest
from django.conf import settings

NGINX = Path(settings.BASE_DIR) / "deploy" / "nginx"
# Variables that hold the query string (whole or a parameter), the request line, a body or
# the page a patient came from. $request_method and $request_time stay allowed.
FORBIDDEN = re.compile(
    r"\$(request|request_uri|request_body|args|arg_\w+|query_string|http_referer)\b"
)
SAFE_FORMAT = "ir_site"


def directives(text: str) -> list[list[str]]:
    """Each directive as its words, comments left out; blocks open and close on their own."""
    text = re.sub(r"#[^\n]*", "", text)
    found = []
    for statement in re.split(r"[;{}]", text):
        words = statement.split()
        if words:
            found.append(words)
    return found


def leaks_in_log_formats(text: str) -> list[str]:
    return [
        leak
        for words in directives(text)
        if words[0] == "log_format"
        for leak in FORBIDDEN.findall(" ".join(words[2:]))
    ]


def shipped() -> dict[str, str]:
    return {path.name: path.read_text() for path in sorted(NGINX.glob("*.conf"))}


def test_the_check_catches_query_strings_and_referers():
    fmt = "log_format bad '$remote_addr \"$request\" $request_uri $args $arg_q $http_referer';"
    assert leaks_in_log_formats(fmt) == ["request", "request_uri", "args", "arg_q", "http_referer"]
    assert leaks_in_log_formats("log_format ok '$request_method $uri $request_time';") == []


def test_no_log_format_records_a_query_string_or_a_referer():
    files = shipped()
    assert {"http.conf", "site.conf"} <= files.keys()
    formats = [words for text in files.values() for words in directives(text)]
    assert [words[1] for words in formats if words[0] == "log_format"] == [SAFE_FORMAT]
    for name, text in files.items():
        assert leaks_in_log_formats(text) == [], name


@pytest.mark.parametrize("name", ["site.conf"])
def test_every_server_writes_its_access_log_in_the_safe_format(name):
    text = re.sub(r"#[^\n]*", "", shipped()[name])
    servers = text.split("server {")[1:]
    assert len(servers) == 2
    for server in servers:
        logs = [words for words in directives(server) if words[0] == "access_log"]
        # Without its own access_log a server writes nginx's "combined" format, which
        # holds the whole request line and the Referer.
        assert logs and all(words[-1] in (SAFE_FORMAT, "off") for words in logs), server


def test_the_deploy_guide_points_at_the_shipped_files_instead_of_a_copy():
    guide = (Path(settings.BASE_DIR) / "docs" / "deploy.md").read_text()
    assert "deploy/nginx/http.conf" in guide and "deploy/nginx/site.conf" in guide
    assert "```nginx" not in guide
