"""Every public page, every run: accessible (axe-core), quiet, self-contained and light."""

import datetime
import re
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest

from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.slow

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGE_BUDGET_BYTES = 100 * 1024
SKIPPED_PATHS = ("/admin/", "/static/", "/media/", "/markdownx/")


def public_paths(page, site) -> list[str]:
    """Every page reachable by links from the home page, plus the sitemap's."""
    found, queue = set(), ["/"]
    while queue:
        path = queue.pop()
        if path in found:
            continue
        found.add(path)
        page.goto(site.url(path))
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            url = urldefrag(href).url
            parts = urlsplit(url)
            if parts.netloc == urlsplit(site.base).netloc and not parts.path.startswith(
                SKIPPED_PATHS
            ):
                queue.append(parts.path)
    page.goto(site.url("/sitemap.xml"))
    sitemap_paths = {
        urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", page.content())
    }
    assert sitemap_paths <= found, f"in the sitemap but not linked: {sitemap_paths - found}"
    return sorted(found)


def axe_violations(page) -> list[str]:
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    problems = []
    for violation in result["violations"]:
        where = ", ".join(node["target"][0] for node in violation["nodes"][:3])
        problems.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']} at {where}"
        )
    return problems


def language_problems(page) -> list[str]:
    """The page says which language it is in, the address's, and links to the other one."""
    path = urlsplit(page.url).path
    expected = "es" if path.startswith("/es/") else "en"
    problems = []
    if (found := page.get_attribute("html", "lang")) != expected:
        problems.append(f"html lang is {found}, not {expected}")
    if page.locator(".site-header__language").count() != 1:
        problems.append("no link to the page in the other language")
    return problems


def page_problems(page, label: str) -> list[str]:
    """What is wrong with the page now open, each line naming the page."""
    problems = [f"{label}: axe {v}" for v in axe_violations(page)]
    problems += [f"{label}: {problem}" for problem in language_problems(page)]
    watched = page.problems
    problems += [f"{label}: console error: {e}" for e in watched.console_errors]
    problems += [f"{label}: request failed: {f}" for f in watched.failed]
    problems += [f"{label}: request to another host: {u}" for u in watched.other_hosts]
    watched.console_errors.clear(), watched.failed.clear(), watched.other_hosts.clear()
    return problems


def form_states(page, site):
    """The forms' other states as a patient reaches them."""
    yield from plan_states(page, site)
    yield from search_states(page, site)
    yield from feedback_states(page, site)
    yield from callback_states(page, site)


SEARCHES = {"found": "slipped disc", "corrected": "kyphoplasy", "nothing": "zzzz qqqq"}


def search_states(page, site):
    """Searches from the header's box: results, a corrected spelling, nothing found."""
    for label, words in SEARCHES.items():
        page.goto(site.url("/conditions/"))
        page.get_by_role("search").get_by_label("Search our pages").fill(words)
        page.get_by_role("search").get_by_role("button", name="Search").click()
        page.wait_for_url("**/search/?q=*")
        yield f"/search/ with {label}"


def feedback_states(page, site):
    """'Did this page help?': No, then the comment form's error, then the thanks."""
    page.goto(site.url("/procedures/kyphoplasty/"))
    page.get_by_role("group", name="Did this page help?").get_by_role("button", name="No").click()
    page.get_by_label("What was missing?").wait_for()
    yield "/feedback/ after No"
    page.get_by_role("button", name="Send").click()
    yield "/feedback/missing/ with an error"
    page.get_by_label("What was missing?").fill("How long the pain lasts")
    page.get_by_role("button", name="Send").click()
    page.get_by_text("Thank you for telling us what was missing").wait_for()
    yield "/feedback/missing/ sent"


def plan_states(page, site):
    """The preparation plan with a date that has passed, and with a good one."""
    page.goto(site.url("/procedures/kyphoplasty/plan/"))
    page.fill("[name=date]", "2020-01-01")
    page.get_by_role("button", name="Show my plan").click()
    yield "/procedures/kyphoplasty/plan/ with a past date"
    page.fill("[name=date]", (datetime.date.today() + datetime.timedelta(days=20)).isoformat())
    page.get_by_role("button", name="Show my plan").click()
    page.locator(".plan__step").first.wait_for()
    yield "/procedures/kyphoplasty/plan/ with a date"


def callback_states(page, site):
    """The callback form's error states and its confirmation, in each language."""
    for prefix in ("", "/es"):
        page.goto(site.url(f"{prefix}/request-callback/"))
        send = page.locator("form[method=post] button[type=submit]")
        send.click()
        yield f"{prefix}/request-callback/ with errors"
        # Filled by field name, not label, so a broken label is reported by axe, not a timeout.
        page.fill("[name=full_name]", "Crawler Patient")
        page.fill("[name=phone]", "202 555 0143")
        for name, value in [("contact_time", "any"), ("has_referral", "no"), ("has_imaging", "no")]:
            page.check(f"[name={name}][value={value}]")
        page.check("[name=consent]")
        send.click()
        page.wait_for_url(f"**{prefix}/request-callback/sent/")
        yield f"{prefix}/request-callback/sent/"
    # Boxes ticked in each group, and an error under a box below a group of choices.
    page.goto(site.url("/request-callback/?procedure=kyphoplasty"))
    for box in [
        "[name=contact_days][value=tue]",
        "[name=language][value=other]",
        "[name=contact_needs][value=uses_relay]",
        "[name=needs_interpreter]",
    ]:
        page.check(box)
    page.get_by_role("button", name="Send my request").click()
    yield "/request-callback/ with another language left unnamed"


@pytest.fixture(scope="module")
def paths(chromium, site):
    context = chromium.new_context()
    try:
        yield public_paths(context.new_page(), site)
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_every_public_page_is_accessible_quiet_and_self_contained(new_page, site, paths, viewport):
    assert len(paths) >= 25, paths
    assert {"/es/", "/es/request-callback/", "/es/privacy/"} <= set(paths)
    page = new_page(viewport)
    problems = []
    for path in paths:
        response = page.goto(site.url(path))
        label = f"{path} at {viewport['width']}px"
        if response.status != 200:
            problems.append(f"{label}: HTTP {response.status}")
        problems += page_problems(page, label)

    for missing in ("/no-such-page/", "/es/no-such-page/"):
        response = page.goto(site.url(missing))
        assert response.status == 404
        # The 404 itself is the expected failure; everything else on that page must be clean.
        page.problems.console_errors = [e for e in page.problems.console_errors if "404" not in e]
        problems += page_problems(page, f"{missing} at {viewport['width']}px")

    for label in form_states(page, site):
        problems += page_problems(page, f"{label} at {viewport['width']}px")

    assert not problems, "\n".join(problems)


def test_procedure_page_stays_within_its_weight_budget_and_uses_no_web_fonts(new_page, site):
    page = new_page(PHONE)
    page.goto(site.url("/procedures/vertebroplasty/"), wait_until="networkidle")
    transferred = page.problems.transferred
    total = sum(size for _, size in transferred.values())
    listing = "\n".join(f"{size:>8} {kind:10} {url}" for url, (kind, size) in transferred.items())
    print(f"Procedure page transferred {total} bytes:\n{listing}")
    assert total <= PAGE_BUDGET_BYTES, f"{total} bytes over {PAGE_BUDGET_BYTES}:\n{listing}"
    fonts = [url for url, (kind, _) in transferred.items() if kind == "font"]
    assert not fonts, f"web fonts loaded: {fonts}"
    css = [url for url, (kind, _) in transferred.items() if kind == "stylesheet"]
    assert css, "the stylesheet was not counted, so the budget measured nothing"
