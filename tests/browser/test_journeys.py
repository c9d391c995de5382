"""What people come to the site to do, in a real browser."""

import datetime
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, STAFF_PASSWORD
from tests.servers import BASE_DIR

pytestmark = pytest.mark.slow


def sign_in(page, site, username: str) -> None:
    page.goto(site.url("/admin/"))
    fill_sign_in_form(page, username)


def fill_sign_in_form(page, username: str) -> None:
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Log in").click()


def fill_valid_form(page) -> None:
    page.get_by_label("Full name").fill("Browser Patient")
    page.get_by_label("Phone number").fill("202 555 0143")
    page.get_by_label("Morning").check()
    page.get_by_role("group", name="Do you have a referral from your doctor?").get_by_label(
        "Yes"
    ).check()
    page.get_by_role("group", name="Have you had an MRI or CT scan").get_by_label(
        "No", exact=True
    ).check()
    page.get_by_label("I agree that").check()


def test_emergency_signs_fit_a_phones_first_screen_and_lead_to_the_full_card(new_page, site):
    page = new_page(PHONE, is_mobile=True, has_touch=True)
    page.goto(site.url("/"))
    summary = page.locator(".care-summary").bounding_box()
    assert summary["y"] + summary["height"] <= PHONE["height"], "the whole summary is visible"
    assert summary["height"] < PHONE["height"] / 3, "it never fills the first screen"
    page.get_by_role("link", name="All the warning signs").click()
    assert page.url.endswith("#urgent-care")
    card = page.locator("#urgent-care").bounding_box()
    # Scrolled to its top, give or take a fraction of a pixel of layout rounding.
    assert -1 < card["y"] < PHONE["height"], "the full card is scrolled into view"


def test_patient_on_a_phone_finds_a_treatment_through_its_condition(new_page, site):
    page = new_page(PHONE, is_mobile=True, has_touch=True)
    page.goto(site.url("/"))
    page.get_by_role("link", name="Pain down the leg, sciatica or a slipped disc").click()
    assert page.url.endswith("/conditions/herniated-disc/")
    contents = page.get_by_role("navigation", name="On this page")
    assert contents.bounding_box()["y"] < 2 * PHONE["height"], "the contents are near the top"
    contents.get_by_role("link", name="When a procedure may help").click()
    heading = page.locator("#when-a-procedure-may-help").bounding_box()
    assert -1 < heading["y"] < PHONE["height"] / 2, "the section is scrolled into view"
    # The treatments the section names are links to their pages.
    page.locator("#when-a-procedure-may-help ~ ul a", has_text="Nucleoplasty").first.click()
    assert page.url.endswith("/procedures/nucleoplasty/")
    get_help = page.get_by_role("link", name="When to get help after this treatment")
    box = get_help.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], "the way to the warning signs is on screen"

    page.get_by_role("link", name="Before the procedure").click()
    before = page.locator("#before")
    assert before.is_visible()
    box = before.bounding_box()
    # Scrolled to the top of the screen, give or take a fraction of a pixel of rounding.
    assert -1 < box["y"] < PHONE["height"], "the before section is scrolled into view"
    assert "blood thinners" in before.inner_text().lower()

    page.get_by_role("link", name="Request a callback").last.click()
    assert page.url.endswith("/request-callback/?procedure=nucleoplasty")
    assert page.get_by_label("Which treatment").input_value() == "nucleoplasty"
    assert not page.problems.console_errors


def _focus_is_visible(page) -> bool:
    return page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
            return outline || style.boxShadow !== 'none';
        }"""
    )


def test_keyboard_only_from_skip_link_to_a_sent_form(new_page, site):
    page = new_page()
    page.goto(site.url("/"))

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    assert _focus_is_visible(page)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"

    # Every stop on the way round the home page shows where the focus is.
    seen = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        element = page.evaluate("document.activeElement.outerHTML.slice(0, 80)")
        if element.startswith("<body"):
            break
        assert _focus_is_visible(page), element
        seen.add(element)
    assert len(seen) > 20

    page.goto(site.url("/"))
    link = page.get_by_role("link", name="Request a callback").first
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/request-callback/")

    page.get_by_label("Full name").focus()
    page.keyboard.type("Keyboard Patient")
    page.keyboard.press("Tab")
    page.keyboard.type("202 555 0143")
    # Tuesday and Thursday mornings; then past the optional questions, answering two.
    stops = [
        ("contact_days", None),
        ("contact_days", "Space"),
        ("contact_days", None),
        ("contact_days", "Space"),
        ("contact_days", None),
        ("contact_time", "ArrowDown"),
        ("language", None),
        ("language_other", None),
        ("needs_interpreter", None),
        *[("contact_needs", None)] * 4,
        ("email", None),
        ("procedure", None),
        ("has_referral", "Space"),
        ("has_imaging", "Space"),
        ("message", None),
        ("consent", None),
    ]
    for name, key in stops:
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.name") == name
        assert _focus_is_visible(page)
        if key:
            page.keyboard.press(key)
    page.keyboard.press("Space")  # consent
    page.keyboard.press("Tab")  # the privacy link inside the consent label
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Send my request"
    page.keyboard.press("Enter")
    page.wait_for_url("**/request-callback/sent/")
    assert re.search(r"CB-[A-Z0-9]{6}", page.inner_text("main"))


def test_patient_fixes_a_mistake_and_gets_a_reference(new_page, site):
    page = new_page(PHONE)
    page.goto(site.url("/request-callback/"))
    fill_valid_form(page)
    page.get_by_label("Phone number").fill("12")
    page.get_by_role("button", name="Send my request").click()

    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert "There is a problem" in summary.inner_text()
    summary.get_by_role("link", name=re.compile("Enter a phone number")).click()
    assert page.evaluate("document.activeElement.id") == "id_phone"

    page.keyboard.press("Control+A")
    page.keyboard.type("(202) 555-0143")
    page.get_by_label("I agree that").check()
    page.get_by_role("button", name="Send my request").click()
    page.wait_for_url("**/request-callback/sent/")
    reference = re.search(r"CB-[A-Z0-9]{6}", page.inner_text("main"))[0]
    assert "within one business day" in page.inner_text("main")
    assert reference


def test_a_spanish_speaker_asks_for_a_call_in_spanish_and_the_front_desk_sees_it(new_page, site):
    page = new_page(PHONE)
    page.goto(site.url("/"))
    page.get_by_role("link", name="Español").click()
    page.wait_for_url("**/es/")
    assert page.get_attribute("html", "lang") == "es"
    page.get_by_role("navigation", name="Principal").get_by_role(
        "link", name="Pida una llamada"
    ).click()
    page.get_by_label("Nombre completo").fill("Paciente Hispanohablante")
    page.get_by_label("Número de teléfono").fill("12")
    page.get_by_label("Por la mañana").check()
    page.get_by_label("Acepto que").check()
    page.get_by_role("button", name="Enviar mi solicitud").click()

    summary = page.locator(".error-summary")
    assert "Hay un problema" in summary.inner_text()
    summary.get_by_role("link", name=re.compile("Escriba un número de teléfono")).click()
    assert page.evaluate("document.activeElement.id") == "id_phone"
    page.keyboard.press("Control+A")
    page.keyboard.type("(202) 555-0143")
    page.get_by_label("Acepto que").check()
    page.get_by_role("button", name="Enviar mi solicitud").click()
    page.wait_for_url("**/es/request-callback/sent/")
    assert "Recibimos su solicitud" in page.inner_text("main")
    reference = re.search(r"CB-[A-Z0-9]{6}", page.inner_text("main"))[0]

    staff = new_page()
    sign_in(staff, site, "frontdesk")
    staff.goto(site.url(f"/admin/appointments/callbackrequest/?q={reference}"))
    row = staff.locator("#result_list tbody tr").first
    assert reference in row.inner_text() and "Spanish" in row.inner_text()


def test_front_desk_works_a_new_request(new_page, site):
    patient = new_page()
    patient.goto(site.url("/request-callback/?procedure=kyphoplasty"))
    fill_valid_form(patient)
    patient.get_by_label("Full name").fill("Newest Waiting Patient")
    patient.get_by_role("button", name="Send my request").click()
    reference = re.search(r"CB-[A-Z0-9]{6}", patient.inner_text("main"))[0]
    # Older requests already waiting would sit above it; close them first.
    site.shell(
        "from appointments.models import CallbackRequest as C; "
        f"C.objects.exclude(reference={reference!r}).update(status='closed')"
    )

    page = new_page()
    sign_in(page, site, "frontdesk")
    assert "1 waiting" in page.inner_text("#new-callbacks")

    page.goto(site.url("/admin/appointments/callbackrequest/"))
    first_row = page.locator("#result_list tbody tr").first
    assert reference in first_row.inner_text()
    assert "Newest Waiting Patient" in first_row.inner_text()

    first_row.locator("input[type=checkbox]").check()
    page.select_option("select[name=action]", "assign_to_me")
    page.get_by_role("button", name="Go").click()
    assert "Assigned 1 request(s) to you." in page.inner_text(".messagelist")

    page.locator("#result_list tbody tr").first.locator("input[type=checkbox]").check()
    page.select_option("select[name=action]", "mark_contacted")
    page.get_by_role("button", name="Go").click()
    row = page.locator("#result_list tbody tr").first
    assert "Contacted" in row.inner_text() and "frontdesk" in row.inner_text()

    row.get_by_role("link", name=reference).click()
    page.locator("textarea[name='notes-0-text']").fill("Called, booked a consultation.")
    page.get_by_role("button", name="Save", exact=True).click()
    row.get_by_role("link", name=reference).click()
    assert "Called, booked a consultation." in page.inner_text("#notes-group")
    assert "frontdesk" in page.inner_text("#notes-group")
    assert not page.problems.console_errors, "the admin must work under its security policy"


def test_procedure_page_prints_as_a_clean_handout(new_page, site):
    page = new_page()
    page.goto(site.url("/procedures/vertebroplasty/"))
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert not page.locator(".breadcrumbs").is_visible()
    assert not page.get_by_role("link", name="Request a callback").first.is_visible()
    for section in [
        "overview",
        "candidates",
        "before",
        "during",
        "after",
        "benefits-risks",
        "alternatives",
        "at-a-glance",
    ]:
        assert page.locator(f"#{section}").is_visible(), section
    header = page.locator(".site-header").inner_text()
    assert "Spine and Pain Interventional Radiology" in header
    assert "(555) 010-0199" in header
    # Each link that matters on paper prints its full address; no heading prints twice.
    plan = page.locator(".plan-link .print-address")
    assert plan.is_visible()
    full_address = r" \(https?://[^/ ]+{}\)"
    assert re.fullmatch(full_address.format("/procedures/vertebroplasty/plan/"), plan.inner_text())
    compare = page.locator("#alternatives .print-address").first
    path = "/compare/vertebroplasty-vs-kyphoplasty/"
    assert re.fullmatch(full_address.format(path), compare.inner_text())
    headings = page.locator("h1:visible, h2:visible, h3:visible").all_inner_texts()
    assert len(headings) == len(set(headings)), headings
    assert not page.locator(".get-help").is_visible()
    page.emulate_media(media="screen")
    assert not plan.is_visible(), "on screen the link is enough"

    # A condition page prints the warning signs once: the full card, not its summary too.
    page.goto(site.url("/conditions/herniated-disc/"))
    page.emulate_media(media="print")
    assert page.locator("#urgent-care").is_visible()
    assert not page.locator(".care-summary").is_visible()


def test_patient_on_a_phone_compares_two_treatments_without_sideways_scrolling(new_page, site):
    page = new_page(PHONE, is_mobile=True, has_touch=True)
    page.goto(site.url("/procedures/kyphoplasty/"))
    page.get_by_role("link", name="Kyphoplasty or vertebroplasty?").click()
    page.wait_for_url("**/compare/vertebroplasty-vs-kyphoplasty/")
    table = page.get_by_role("table", name="Vertebroplasty and kyphoplasty side by side")
    assert table.get_by_role("rowheader", name="Main risks").is_visible()
    assert table.get_by_role("columnheader", name="Kyphoplasty").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px wide on a {PHONE['width']}px phone"
    cell = table.locator("tbody td").last.bounding_box()
    assert cell["x"] + cell["width"] <= PHONE["width"]
    # Scrolled into the table, every answer still says which treatment it is about.
    risks = table.locator("tr", has=page.get_by_role("rowheader", name="Main risks"))
    risks.scroll_into_view_if_needed()
    names = risks.locator(".compare-table__name")
    assert names.all_inner_texts() == ["Vertebroplasty", "Kyphoplasty"]
    assert all(name.is_visible() for name in names.all())
    page.emulate_media(media="print")
    assert table.is_visible()
    assert not page.locator(".site-nav").is_visible()


def test_patient_makes_a_dated_plan_with_the_keyboard_and_saves_it_to_a_calendar(new_page, site):
    import icalendar

    from procedures.plan import dated_steps
    from procedures.steps import Step, days_from

    page = new_page()
    page.goto(site.url("/procedures/vertebroplasty/"))
    page.get_by_role("link", name="Make a dated plan for your vertebroplasty").click()
    date = page.get_by_label("The date of your procedure")
    date.focus()
    day = datetime.date.today() + datetime.timedelta(days=14)
    page.keyboard.type(day.strftime("%m%d%Y"))  # Chromium's date field takes the digits
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/plan/?date={day.isoformat()}")
    first = page.locator(
        ".plan__date"
    ).first.inner_text()  # "Monday, December 7, 2026 (7 days before)"
    when = re.search(r"\((.+?)\)", first)[1]
    (step,) = dated_steps(day, [Step(days_from(when), when, "")])
    assert first.startswith(step.in_words)
    with page.expect_download() as download:
        page.get_by_role("link", name="Add to my calendar").click()
    calendar = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes())
    events = calendar.walk("VEVENT")
    # One event for each day with steps, and the procedure's day; one reminder a day, none
    # for a day whose evening before has gone.
    shown = {
        datetime.datetime.strptime(text.split(" (")[0], "%A, %B %d, %Y").date()
        for text in page.locator(".plan__date").all_inner_texts()
    }
    by_day = {event.decoded("dtstart"): event for event in events}
    assert set(by_day) == shown | {day}
    assert str(by_day[day]["summary"]) == "Your vertebroplasty"
    for when, event in by_day.items():
        assert len(event.walk("VALARM")) == (when > datetime.date.today()), when

    page.emulate_media(media="print")
    assert not page.locator(".plan-form").is_visible()
    assert not page.get_by_role("link", name="Add to my calendar").is_visible()
    assert page.locator(".plan__step").first.is_visible()


def test_a_glossary_link_leads_to_the_meaning_and_back(new_page, site):
    page = new_page(PHONE, is_mobile=True, has_touch=True)
    page.goto(site.url("/procedures/vertebroplasty/"))
    link = page.locator("#overview a.glossary-term").first
    word = link.inner_text()
    link.click()
    page.wait_for_url("**/glossary/#*")
    meaning = page.locator("dt:target")
    assert meaning.inner_text().lower().startswith(word.lower().rstrip("s")[:4])
    box = meaning.bounding_box()
    assert 0 <= box["y"] < PHONE["height"], "the meaning is scrolled into view"
    page.go_back()
    assert page.url.endswith("/procedures/vertebroplasty/")


def test_a_draft_waits_behind_the_live_page_until_a_clinician_approves_it(new_page, site):
    page = new_page()
    sign_in(page, site, "editor")
    page.goto(site.url("/admin/procedures/procedure/"))
    page.get_by_role("link", name="Sacroplasty", exact=True).click()

    new_text = "Bring a list of every medicine you take, and your reading glasses."
    editor = page.locator("textarea[name=before]")
    editor.fill(f"- {new_text}")
    preview = page.locator(".markdownx:has(textarea[name=before]) .markdownx-preview")
    preview.get_by_text(new_text).wait_for()
    assert "Reading grade" in preview.inner_text()
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("Patients still see the live page")
    expect(page.locator(".standing")).to_contain_text("Live with unpublished changes")

    anonymous = new_page()
    assert anonymous.goto(site.url("/procedures/sacroplasty/")).status == 200
    assert new_text not in anonymous.inner_text("#before")

    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Preview draft").click()
    preview_tab = opened.value
    preview_tab.wait_for_load_state()
    assert "Preview, not the live page." in preview_tab.inner_text(".preview-banner")
    assert new_text in preview_tab.inner_text("#before")

    page.get_by_role("button", name="Submit for clinical review").click()
    expect(page.locator(".standing")).to_contain_text("Waiting for clinical review")
    change_page = page.url

    clinician = new_page()
    sign_in(clinician, site, "reviewer")
    # The reviewer's list fits a 1280 px screen: every column, none scrolled out of sight.
    clinician.goto(site.url("/admin/procedures/procedure/"))
    results = clinician.locator(".results")
    assert results.evaluate("r => r.scrollWidth <= r.clientWidth"), "a column is out of sight"
    edge = results.bounding_box()
    for header in clinician.locator("#result_list thead th").all():
        box = header.bounding_box()
        assert box["x"] + box["width"] <= edge["x"] + edge["width"] + 1, header.inner_text()
    clinician.goto(change_page)
    clinician.get_by_role("link", name="Review the changes").click()
    assert clinician.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
    change = clinician.locator(
        ".change", has=clinician.get_by_role("heading", name="Before the procedure")
    )
    assert "reading glasses." in change.locator("ins").last.inner_text()
    clinician.get_by_role("button", name="Approve").click()
    assert "Approved" in clinician.inner_text(".messagelist")

    page.reload()
    page.get_by_role("link", name="Publish…", exact=True).click()
    page.get_by_role("button", name="Publish").click()
    assert "Published" in page.inner_text(".messagelist")
    assert "On the site: Live" in page.inner_text(".standing")

    for tab in (page, clinician):
        assert not tab.problems.console_errors, "the admin must work under its policy"
    # A new visitor: the first one's browser may keep its copy for the page's max-age.
    visitor = new_page()
    visitor.goto(site.url("/procedures/sacroplasty/"))
    assert new_text in visitor.inner_text("#before")
    assert not visitor.locator(".preview-banner").count()


def test_an_editor_who_is_also_a_reviewer_cannot_approve_their_own_change(new_page, site):
    page = new_page()
    sign_in(page, site, "both")
    page.goto(site.url("/admin/procedures/procedure/"))
    page.get_by_role("link", name="Kyphoplasty", exact=True).click()
    page.locator("textarea[name=after]").fill("Rest at home for the rest of the day.")
    page.get_by_role("button", name="Save and continue editing").click()
    page.get_by_role("button", name="Submit for clinical review").click()
    expect(page.locator(".standing")).to_contain_text("Waiting for clinical review")

    page.get_by_role("link", name="Review the changes").click()
    expect(page.locator(".errornote")).to_contain_text(
        "You edited this draft, so another clinician must approve it"
    )
    assert not page.get_by_role("button", name="Approve").count()
    page.get_by_label("Comment for the editors").fill("Kept for another clinician to check.")
    page.get_by_role("button", name="Send back with my comment").click()
    expect(page.locator(".messagelist")).to_contain_text("Sent back")
    assert not page.problems.console_errors


def test_a_refused_upload_shows_its_error_and_leaves_the_text_alone(new_page, site):
    page = new_page()
    sign_in(page, site, "editor")
    page.goto(site.url("/admin/procedures/procedure/"))
    page.get_by_role("link", name="Kyphoplasty", exact=True).click()
    editor = page.locator("textarea[name=during]")
    before = editor.input_value()

    drop_file(page, "textarea[name=during]", "visit-notes.pdf", "%PDF-1.4 not a picture")
    message = page.locator(".picture-upload-message")
    message.get_by_text("visit-notes.pdf was not added.").wait_for()
    assert "Use a JPEG, PNG or WebP picture" in message.inner_text()
    assert editor.input_value() == before, "nothing is inserted"

    editor.evaluate("e => e.setSelectionRange(e.value.indexOf('\\n'), e.value.indexOf('\\n'))")
    drop_file(page, "textarea[name=during]", "table.png", PNG_BYTES, binary=True)
    message.get_by_text("table.png was added.").wait_for()
    text = editor.input_value()
    assert re.search(r"\n\n!\[Describe this picture\]\(/media/markdownx/table-[^)]+\)\n\n", text)
    stored = re.search(r"/media/(markdownx/table-[^)]+)\)", text).group(1)
    assert (Path(site.env["DJANGO_MEDIA_ROOT"]) / stored).is_file()
    assert not (BASE_DIR / "media" / stored).exists()
    selected = editor.evaluate("e => e.value.slice(e.selectionStart, e.selectionEnd)")
    assert selected == "Describe this picture", "the placeholder is ready to type over"
    assert "Invalid response" not in text

    # Without dragging: the button beside the editor opens the file chooser.
    editor.evaluate("e => e.setSelectionRange(0, 0)")
    with page.expect_file_chooser() as chosen:
        row = editor.locator("xpath=preceding-sibling::p[@class='choose-picture-row'][1]")
        row.get_by_role("button", name="Choose a picture").click()
    chosen.value.set_files(
        files=[{"name": "chart.png", "mimeType": "image/png", "buffer": bytes.fromhex(PNG_BYTES)}]
    )
    message.get_by_text("chart.png was added.").wait_for()
    assert re.match(r"!\[Describe this picture\]\(/media/markdownx/chart-", editor.input_value())
    # The refusal's answer is a 400, which Chromium logs; nothing else may be.
    assert len(page.problems.console_errors) == 1
    assert "400 (Bad Request)" in page.problems.console_errors[0]


# A small PNG picture, 40 by 30 pixels.
PNG_BYTES = (
    "89504e470d0a1a0a0000000d49484452000000280000001e0802000000d1bfcb8a0000002e49444154789c"
    "edcd310100300800a0b9486632acb1ace0e7030588ae7c17fec92a168bc562b1582c168bc5e29501198b01"
    "9a682d75ad0000000049454e44ae426082"
)


def drop_file(page, selector: str, name: str, content: str, *, binary: bool = False) -> None:
    """Drop a file onto an element, as dragging it from the desktop does."""
    page.locator(selector).evaluate(
        """(target, [name, content, binary]) => {
            const bytes = binary
                ? new Uint8Array(content.match(/../g).map(h => parseInt(h, 16)))
                : new TextEncoder().encode(content);
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name));
            target.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true,
                                                        cancelable: true}));
        }""",
        [name, content, binary],
    )


def test_an_edit_survives_the_idle_sign_out(new_page, site):
    page = new_page()
    sign_in(page, site, "editor")
    page.goto(site.url("/admin/procedures/procedure/"))
    page.get_by_role("link", name="Kyphoplasty", exact=True).click()
    change_page = page.url

    words = "Tell us if you have ever had a reaction to x-ray dye."
    # The live preview this typing starts finishes first: a session deleted under a request
    # in flight makes Django answer that request 400, which is not what this journey is about.
    with page.expect_response(lambda response: "/markdownx/markdownify/" in response.url):
        page.locator("textarea[name=before]").fill(words)
    page.wait_for_load_state("networkidle")  # and any later preview too
    # The editor is away longer than the idle limit: the sign-in is gone.
    site.shell("from django.contrib.sessions.models import Session; Session.objects.all().delete()")
    page.get_by_role("button", name="Save and continue editing").click()
    assert "/admin/login/" in page.url

    fill_sign_in_form(page, "editor")
    assert page.url == change_page
    assert words not in page.locator("textarea[name=before]").input_value()
    page.get_by_role("button", name="Put back my unsaved changes").click()
    assert page.locator("textarea[name=before]").input_value() == words
    page.get_by_role("button", name="Save and continue editing").click()
    saved = page.inner_text(".messagelist")
    assert "Saved as a draft. Patients still see the live page." in saved
    assert "was changed successfully" not in saved, "the live page did not change"
    assert not page.get_by_role("button", name="Save and add another").count()
    assert not page.get_by_role("button", name="Put back my unsaved changes").count()
    assert not page.problems.console_errors


def test_patient_searches_in_their_own_words_with_the_keyboard(new_page, site):
    page = new_page(PHONE, is_mobile=True, has_touch=True)
    page.goto(site.url("/"))
    problems = page.locator(".problem__link").all_inner_texts()
    assert problems[0].startswith("A broken bone in the spine"), problems
    page.get_by_role("search").first.get_by_label("Search our pages").focus()
    page.keyboard.type("vertabroplasty")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=vertabroplasty")
    assert page.get_by_text("Showing results for vertebroplasty").is_visible()
    first = page.locator(".search-result__title a").first
    assert first.inner_text() == "Vertebroplasty"
    box = page.locator(".search-result__summary").first.bounding_box()
    assert box["y"] + 60 <= PHONE["height"], "the first result's title and summary start on screen"
    assert page.get_by_role("search").count() == 1, "one search box on the search page"
    assert page.locator(".care-summary").count() == 1, "the warning signs are still on the page"
    first.focus()
    assert _focus_is_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_url("**/procedures/vertebroplasty/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_patient_says_a_page_did_not_help_and_what_was_missing(new_page, site):
    page = new_page()
    page.goto(site.url("/conditions/spinal-stenosis/"))
    page.get_by_role("group", name="Did this page help?").get_by_role("button", name="No").click()
    box = page.get_by_label("What was missing?")
    assert "Please do not write your name" in page.locator(".field").inner_text()
    box.fill("What happens if I wait")
    page.get_by_role("button", name="Send").click()
    page.get_by_text("Thank you for telling us what was missing").wait_for()
    page.get_by_role("link", name="Back to Spinal stenosis").click()
    page.wait_for_url("**/conditions/spinal-stenosis/")
    saved = site.shell(
        "from feedback.models import PageFeedback; "
        "print(list(PageFeedback.objects.values_list('helpful', 'missing')))"
    )
    assert "(False, 'What happens if I wait')" in saved


@pytest.mark.parametrize(
    ("admin_list", "link", "field", "new_text", "public_address"),
    [
        (
            "/admin/procedures/option/",
            "Decompression surgery",
            "recovery",
            "Most people walk the day after, with a nurse beside them.",
            "/conditions/spinal-stenosis/",
        ),
        (
            "/admin/procedures/glossaryterm/",
            "ablation",
            "summary",
            "A treatment that uses heat to switch off a small nerve.",
            "/glossary/",
        ),
    ],
)
def test_every_kind_of_page_goes_live_only_after_another_clinician_approves_it(
    new_page, site, admin_list, link, field, new_text, public_address
):
    page = new_page()
    sign_in(page, site, "editor")
    page.goto(site.url(admin_list))
    page.get_by_role("link", name=link, exact=True).click()
    page.locator(f"[name={field}]").fill(new_text)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("Patients still see the live page")
    assert new_text not in new_page().goto(site.url(public_address)).text()

    page.get_by_role("button", name="Submit for clinical review").click()
    expect(page.locator(".standing")).to_contain_text("Waiting for clinical review")
    change_page = page.url
    page.get_by_role("link", name="Publish…", exact=True).click()
    expect(page.locator("#content")).to_contain_text("A clinician must approve these changes")
    assert not page.get_by_role("button", name="Publish").count()

    clinician = new_page()
    sign_in(clinician, site, "reviewer")
    clinician.goto(change_page)
    clinician.get_by_role("link", name="Review the changes").click()
    assert "nerve" in clinician.inner_text(".change") or "nurse" in clinician.inner_text(".change")
    clinician.get_by_role("button", name="Approve").click()
    assert "Approved" in clinician.inner_text(".messagelist")

    page.goto(change_page)
    page.get_by_role("link", name="Publish…", exact=True).click()
    page.get_by_role("button", name="Publish").click()
    assert "Published" in page.inner_text(".messagelist")
    for tab in (page, clinician):
        assert not tab.problems.console_errors
    visitor = new_page()
    visitor.goto(site.url(public_address))
    assert new_text in visitor.inner_text("main")
