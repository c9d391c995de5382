import pytest

from procedures.markdown import render_markdown
from tests.factories import make_procedure

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<a href="#" onclick="alert(1)">click</a>',
    "<svg onload=alert(1)>",
    "<body onload=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![pic](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![pic](javascript:alert(1))",
    '<a href="vbscript:msgbox(1)">x</a>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<object data="evil.swf"></object>',
    '<form action="https://evil.example"><input name="q"></form>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<details open ontoggle=alert(1)>",
    "[x](javascript&colon;alert(1))",
    '<a href="java\tscript:alert(1)">x</a>',
]

FORBIDDEN = [
    "<script",
    "onerror",
    "onclick",
    "onload",
    "ontoggle",
    "javascript:",
    "data:",
    "vbscript:",
    "<iframe",
    "<svg",
    "<object",
    "<form",
    "<input",
    "style=",
    "<math",
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_rendered_markdown_drops_scripts_handlers_and_dangerous_urls(payload):
    html = render_markdown(f"Hello\n\n{payload}\n\nBye").lower()
    for marker in FORBIDDEN:
        assert marker not in html, f"{marker!r} survived in {html!r}"
    assert "hello" in html and "bye" in html


def test_safe_links_keep_their_address():
    html = render_markdown(
        "[Treatments](/procedures/) [Call](tel:+15550100199) [Web](https://example.org/)"
    )
    assert 'href="/procedures/"' in html
    assert 'href="tel:+15550100199"' in html
    assert 'href="https://example.org/"' in html


def test_headings_get_stable_ids_prefixed_by_section():
    html = render_markdown("### Your medicines\n\nText", heading_prefix="before")
    assert '<h3 id="before-your-medicines">Your medicines</h3>' in html


@pytest.mark.django_db
def test_procedure_stores_sanitized_html_when_saved():
    procedure = make_procedure(during="<script>alert(1)</script>\n\n1. You lie down.")
    procedure.refresh_from_db()
    assert "<script" not in procedure.during_html
    assert "<li>You lie down.</li>" in procedure.during_html


@pytest.mark.django_db
def test_same_heading_in_two_sections_gets_two_ids():
    procedure = make_procedure(before="### Medicines\n\nA", after="### Medicines\n\nB")
    assert 'id="before-medicines"' in procedure.before_html
    assert 'id="after-medicines"' in procedure.after_html
