"""`make audit`: Lighthouse scores and the Nu HTML Checker, both run locally.

Marked `audit`, so `make test` leaves them out and `make audit` runs only them.
"""

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.browser.conftest import CHROMIUM_FLAGS, chromium_path

pytestmark = [pytest.mark.audit, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MINIMUM_SCORES = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 100}


def run_lighthouse(url: str, report_path: Path) -> dict:
    """One Lighthouse run; Chromium sometimes loses a trace (NO_NAVSTART), so try up to 3 times."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report_path}",
        f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
        "--only-categories=performance,accessibility,best-practices,seo",
    ]
    env = {**os.environ, "CHROME_PATH": chromium_path()}
    for attempt in range(1, 4):
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
        if result.returncode == 0:
            report = json.loads(report_path.read_text())
            if not report.get("runtimeError"):
                return report
        print(f"Lighthouse attempt {attempt} for {url} failed: {result.stderr[-300:]}")
    raise AssertionError(f"Lighthouse could not audit {url} in 3 attempts")


@pytest.mark.parametrize("path", ["/", "/procedures/vertebroplasty/", "/es/"])
def test_lighthouse_scores(site, path, tmp_path, chromium):
    report = run_lighthouse(site.url(path), tmp_path / "report.json")
    scores = {key: round(c["score"] * 100) for key, c in report["categories"].items()}
    print(f"Lighthouse {path}: {scores}")
    low = {key: score for key, score in scores.items() if score < MINIMUM_SCORES[key]}
    failing = [
        f"{a['id']}: {a['title']}"
        for a in report["audits"].values()
        if a.get("score") is not None and a["score"] < 1 and a["scoreDisplayMode"] == "binary"
    ]
    assert not low, f"{path} scored {low}; failing audits: {failing}"


def test_every_public_page_is_valid_html(site, new_page, tmp_path):
    from tests.browser.test_every_page import (
        SEARCHES,
        callback_states,
        feedback_states,
        plan_states,
        public_paths,
    )

    page = new_page()
    pages = {}
    for path in public_paths(page, site):
        pages[path] = page.goto(site.url(path)).text()
    for missing in ("/no-such-page/", "/es/no-such-page/"):
        pages[missing] = page.goto(site.url(missing)).text()
    for label in plan_states(page, site):
        pages[label] = page.goto(page.url).text()  # a GET form: its address gives the page
    for label, words in SEARCHES.items():
        pages[f"/search/ with {label}"] = page.goto(site.url(f"/search/?q={words}")).text()
    states = feedback_states(page, site)
    for _ in range(3):
        with page.expect_response(lambda r: r.request.method == "POST") as posted:
            label = next(states)
        pages[label] = posted.value.text()
    states = callback_states(page, site)
    for prefix in ("", "/es"):  # each language's form with errors, then its confirmation
        with page.expect_response(lambda r: r.request.method == "POST") as posted:
            label = next(states)
        pages[label] = posted.value.text()
        label = next(states)
        pages[label] = page.goto(site.url(f"{prefix}/request-callback/sent/")).text()

    files = {}
    for number, (label, html) in enumerate(pages.items()):
        file = tmp_path / f"page-{number}.html"
        file.write_text(html)
        files[file.name] = label
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            *map(str, tmp_path.glob("*.html")),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [f"{files[m['url'].rsplit('/', 1)[-1]]}: {m['message']}" for m in messages]
    print(f"Nu HTML Checker: {len(pages)} pages, {len(errors)} errors")
    assert not errors, "\n".join(errors)
