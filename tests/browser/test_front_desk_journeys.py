"""The front desk's day and a patient's request, in a real browser: a possible duplicate and an
overdue request on a 1280-pixel screen, and a treatment and an interpreter request carried
from a procedure page to the front desk's list."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.browser.test_every_page import axe_violations
from tests.browser.test_journeys import sign_in

pytestmark = pytest.mark.slow

SCREEN = {"width": 1280, "height": 800}
LIST = "/admin/appointments/callbackrequest/"
# Two requests from one phone: the first waiting ten days (overdue), the second two.
TWO_FROM_ONE_PHONE = """
from datetime import timedelta
from django.utils import timezone
from appointments.models import CallbackRequest, new_reference
now = timezone.now()
made = [
    CallbackRequest.objects.create(
        reference=new_reference(), full_name=name, phone="+13125550111", consent=True,
        created_at=now - timedelta(days=days), status=status,
    )
    for name, days, status in [("Waiting Long Patient", 10, "new"),
                               ("Called Twice Patient", 2, "contacted")]
]
print(*(callback.reference for callback in made))
"""


def row(page, reference: str):
    """The list's row for a request, found by the link in its reference column."""
    return page.locator("#result_list tbody tr").filter(
        has=page.locator(".field-reference a", has_text=reference)
    )


def fits_the_screen(page) -> dict:
    return page.evaluate(
        """() => {
            const results = document.querySelector('.results');
            const right = name => [...document.querySelectorAll('#result_list thead th')]
                .find(th => th.textContent.trim() === name).getBoundingClientRect().right;
            return {
                page: document.documentElement.scrollWidth,
                table: results.scrollWidth - results.clientWidth,
                // The list is cut off at its own box's edge, which is inside the screen.
                shown: Math.min(results.getBoundingClientRect().right, window.innerWidth),
                assigned: right('Assigned to'),
                waiting: right('Waiting'),
            };
        }"""
    )


def test_front_desk_works_a_duplicate_and_an_overdue_request_on_a_1280_screen(new_page, site):
    overdue, duplicate = site.shell(TWO_FROM_ONE_PHONE).split()
    page = new_page(SCREEN)
    sign_in(page, site, "frontdesk")
    page.goto(site.url(LIST))

    fit = fits_the_screen(page)
    assert fit["page"] <= SCREEN["width"], f"the page scrolls sideways: {fit}"
    assert fit["table"] <= 0, f"the table scrolls sideways: {fit}"
    assert fit["assigned"] <= fit["shown"] and fit["waiting"] <= fit["shown"], fit
    assert not axe_violations(page)

    # The phone dials the number the patient gave, written as it is dialled at home.
    phone = row(page, overdue).get_by_role("link", name="(312) 555-0111")
    assert phone.get_attribute("href") == "tel:+13125550111"

    # The overdue one says so in words, in a colour that stands out.
    waiting = row(page, overdue).locator(".field-waiting")
    assert re.fullmatch(r"1\xa0week, overdue", waiting.inner_text())
    assert waiting.locator(".overdue").evaluate("e => getComputedStyle(e).color") != (
        row(page, duplicate).locator(".field-waiting").evaluate("e => getComputedStyle(e).color")
    )
    assert "overdue" not in row(page, duplicate).locator(".field-waiting").inner_text()

    # Each is flagged as a possible duplicate of the other; the flag leads to the other.
    expect(
        row(page, duplicate).get_by_role("link", name=f"Possible duplicate of {overdue}")
    ).to_have_count(1)
    row(page, overdue).get_by_role("link", name=f"Possible duplicate of {duplicate}").click()
    expect(page.locator("#content h2").first).to_have_text(duplicate)
    notice = page.get_by_role("note").filter(has_text="Possible duplicate")
    expect(notice).to_be_visible()
    assert not axe_violations(page)
    notice.get_by_role("link", name=overdue).click()
    expect(page.locator("#content h2").first).to_have_text(overdue)

    # Calling the patient back ends the wait.
    page.select_option("select[name=status]", "contacted")
    page.locator("textarea[name='notes-0-text']").fill("Same patient as the other request.")
    page.get_by_role("button", name="Save", exact=True).click()
    assert "was changed successfully" in page.inner_text(".messagelist")
    assert "overdue" not in row(page, overdue).locator(".field-waiting").inner_text()
    assert not page.problems.console_errors


def test_patient_asks_for_an_interpreter_from_a_treatment_page_and_the_front_desk_sees_it(
    new_page, site
):
    patient = new_page(PHONE, is_mobile=True, has_touch=True)
    patient.goto(site.url("/procedures/vertebroplasty/"))
    patient.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Request a callback"
    ).click()
    patient.wait_for_url("**/request-callback/?procedure=vertebroplasty")
    assert patient.get_by_label("Which treatment").input_value() == "vertebroplasty"
    assert not axe_violations(patient)

    patient.get_by_label("Full name").fill("Interpreter Patient")
    patient.get_by_label("Phone number").fill("312 555 0199 ext 21")
    patient.get_by_role("group", name="Which language should we speak?").get_by_label(
        "Spanish"
    ).check()
    patient.get_by_label("I need an interpreter").check()
    patient.get_by_role("button", name="Send my request").click()  # without agreeing
    assert_error_summary_on_the_first_screen(patient)
    patient.get_by_label("I agree that").check()
    patient.get_by_role("button", name="Send my request").click()
    patient.wait_for_url("**/request-callback/sent/")
    assert patient.url == site.url("/request-callback/sent/"), "nothing personal in the address"
    reference = re.search(r"CB-[A-Z0-9]{6}", patient.inner_text("main"))[0]
    shown = patient.locator(".confirmation__reference strong")
    assert shown.evaluate("e => e.getClientRects().length") == 1, "the reference on one line"
    assert not axe_violations(patient)
    assert not patient.problems.console_errors

    desk = new_page(SCREEN)
    sign_in(desk, site, "frontdesk")
    desk.goto(site.url(LIST))
    flags = row(desk, reference).locator(".field-flags")
    assert flags.inner_text() == "Interpreter: Spanish"
    assert "Vertebroplasty" in row(desk, reference).inner_text()
    row(desk, reference).get_by_role("link", name=reference).click()
    assert desk.locator(".field-language_and_interpreter .readonly").inner_text() == (
        "Spanish, needs an interpreter"
    )
    assert desk.locator(".field-best_time_to_call .readonly").inner_text() == "Any time"
    assert desk.locator(".field-phone_number .readonly").inner_text() == "(312) 555-0199 ext. 21"


def assert_error_summary_on_the_first_screen(page):
    summary = page.locator(".error-summary")
    summary.wait_for()
    box = summary.bounding_box()
    scrolled = page.evaluate("window.scrollY")
    # Whole and in view, as the page loads, on a phone.
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], (box, scrolled)


def test_after_a_failed_send_without_javascript_the_problem_is_the_first_thing_shown(
    new_page, site
):
    patient = new_page(PHONE, is_mobile=True, has_touch=True, java_script_enabled=False)
    patient.goto(site.url("/request-callback/"))
    patient.get_by_label("Phone number").fill("312 555 0199")
    patient.get_by_role("button", name="Send my request").click()
    patient.wait_for_load_state()
    assert_error_summary_on_the_first_screen(patient)
    assert "Enter your full name" in patient.locator(".error-summary").inner_text()


def test_a_busy_mornings_list_views_leave_save_near_the_top_of_a_request(new_page, site):
    reference = site.shell(TWO_FROM_ONE_PHONE).split()[0]
    page = new_page(SCREEN)
    sign_in(page, site, "frontdesk")
    for _ in range(10):
        page.goto(site.url(LIST))
    row(page, reference).get_by_role("link", name=reference).click()
    save = page.get_by_role("button", name="Save", exact=True).bounding_box()
    trail = page.locator("#audit-trail")
    assert save["y"] < 2 * SCREEN["height"], f"Save is {save['y']:.0f} px down"
    assert trail.bounding_box()["y"] > save["y"], "the trail comes after the buttons"
    lines = trail.locator("li").all_inner_texts()
    assert len(lines) <= 5, lines
    assert any(re.match(r"Viewed in the list \d+ times by frontdesk", line) for line in lines)
    trail.get_by_role("link", name=re.compile("full", re.I)).click()
    assert page.locator("tbody tr").count() >= 11, "the full trail keeps every view"
    assert not page.problems.console_errors
