"""The callback form's questions: only name, phone and consent are needed; the rest helps us
call the right way, at the right time, in the right language."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from appointments.models import CallbackRequest
from tests.factories import make_procedure, post_form

FORM_URL = "/request-callback/"
ONLY_WHAT_IS_NEEDED = {"full_name": "Ada Patient", "phone": "202 555 0143", "consent": "on"}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def error(response, field: str) -> str:
    found = soup(response).select_one(f"#id_{field}_error")
    return found.get_text(" ", strip=True) if found else ""


@pytest.mark.django_db
def test_name_phone_and_consent_are_all_a_patient_must_give(client):
    response = post_form(client, ONLY_WHAT_IS_NEEDED)
    assert response.status_code == 302
    callback = CallbackRequest.objects.get()
    assert (callback.contact_days, callback.contact_time) == ([], "any")
    assert (callback.has_referral, callback.has_imaging, callback.procedure) == ("", "", None)
    assert (callback.language, callback.needs_interpreter, callback.flags) == ("en", False, [])
    assert callback.best_time() == "Any time"


@pytest.mark.django_db
def test_an_empty_form_asks_for_name_phone_and_consent_and_nothing_else(client):
    response = post_form(client, {"website": ""})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"full_name", "phone", "consent"}
    summary = [a["href"] for a in soup(response).select(".error-summary a")]
    assert summary == ["#id_full_name", "#id_phone", "#id_consent"]


@pytest.mark.django_db
def test_the_form_opens_on_any_time_and_english(client):
    page = soup(client.get(FORM_URL))
    assert page.select_one("[name=contact_time][checked]")["value"] == "any"
    assert page.select_one("[name=language][checked]")["value"] == "en"
    assert not page.select("[name=contact_days][checked]")
    for question in ["referral", "MRI or CT scan"]:
        legend = page.find("legend", string=lambda text, q=question: text and q in text)
        assert "(optional)" in legend.get_text()
        choices = [label.get_text() for label in legend.parent.select("label")]
        assert choices == ["Yes", "No", "Not sure"]


@pytest.mark.django_db
def test_a_patient_can_ask_for_tuesday_or_thursday_mornings(client):
    data = {**ONLY_WHAT_IS_NEEDED, "contact_days": ["tue", "thu"], "contact_time": "morning"}
    assert post_form(client, data).status_code == 302
    callback = CallbackRequest.objects.get()
    assert callback.contact_days == ["tue", "thu"]
    assert callback.best_time() == "Tuesday or Thursday, morning"


@pytest.mark.django_db
def test_days_are_offered_monday_to_friday_as_boxes_to_tick(client):
    page = soup(client.get(FORM_URL))
    boxes = page.select("input[name=contact_days]")
    assert [box["type"] for box in boxes] == ["checkbox"] * 5
    labels = [page.select_one(f'label[for="{box["id"]}"]').get_text() for box in boxes]
    assert labels == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


@pytest.mark.django_db
def test_spanish_with_an_interpreter_is_saved_and_flagged(client):
    data = {**ONLY_WHAT_IS_NEEDED, "language": "es", "needs_interpreter": "on"}
    assert post_form(client, data).status_code == 302
    callback = CallbackRequest.objects.get()
    assert (callback.language, callback.needs_interpreter) == ("es", True)
    assert callback.flags == ["Interpreter: Spanish"]


@pytest.mark.django_db
def test_spanish_is_named_in_spanish_too_and_marked_as_spanish(client):
    page = soup(client.get(FORM_URL))
    label = page.select_one('label[for="id_language_1"]')
    assert label.get_text() == "Spanish (español)"
    assert label.select_one('span[lang="es"]').get_text() == "español"


@pytest.mark.django_db
@pytest.mark.parametrize("button", ["other", "en", "es"])
def test_a_language_written_in_the_box_is_the_patients_language(client, button):
    # Without script the box is always there; writing in it is answer enough.
    data = {**ONLY_WHAT_IS_NEEDED, "language": button, "language_other": "  Haitian   Creole "}
    assert post_form(client, data).status_code == 302
    callback = CallbackRequest.objects.get()
    assert (callback.language, callback.language_other) == ("other", "Haitian Creole")
    assert callback.flags == ["Speaks Haitian Creole"]


@pytest.mark.django_db
def test_another_language_needs_its_name(client):
    response = post_form(client, {**ONLY_WHAT_IS_NEEDED, "language": "other"})
    assert response.status_code == 200
    assert "Write which language you would like us to speak" in error(response, "language_other")
    assert not CallbackRequest.objects.exists()


@pytest.mark.django_db
def test_contact_needs_are_saved_as_ticked(client):
    data = {**ONLY_WHAT_IS_NEEDED, "contact_needs": ["hard_of_hearing", "uses_relay"]}
    assert post_form(client, data).status_code == 302
    callback = CallbackRequest.objects.get()
    assert (callback.hard_of_hearing, callback.uses_relay) == (True, True)
    assert (callback.speech_difficulty, callback.prefers_email) == (False, False)
    assert callback.flags == ["Hard of hearing", "Relay service"]


@pytest.mark.django_db
def test_hard_of_hearing_needs_no_email_because_we_can_text(client):
    data = {**ONLY_WHAT_IS_NEEDED, "contact_needs": ["hard_of_hearing"]}
    assert post_form(client, data).status_code == 302
    callback = CallbackRequest.objects.get()
    assert callback.hard_of_hearing and not callback.prefers_email and callback.email == ""


@pytest.mark.django_db
def test_email_is_taken_with_the_email_need(client):
    data = {**ONLY_WHAT_IS_NEEDED, "contact_needs": ["prefers_email"], "email": "a@example.org"}
    assert post_form(client, data).status_code == 302
    callback = CallbackRequest.objects.get()
    assert (callback.prefers_email, callback.email) == (True, "a@example.org")


@pytest.mark.django_db
def test_the_email_field_says_health_information_is_never_emailed(client):
    hint = soup(client.get(FORM_URL)).select_one("#id_email_hint").get_text()
    assert "never send health information by email" in hint
    assert "Only if you want us to email you" in hint


@pytest.mark.django_db
@pytest.mark.parametrize("written", ["+44 20 7946 0958", "0044 20 7946 0958"])
def test_a_number_from_another_country_is_taken_with_its_code(client, written):
    assert post_form(client, {**ONLY_WHAT_IS_NEEDED, "phone": written}).status_code == 302
    assert CallbackRequest.objects.get().phone == "+442079460958"


@pytest.mark.django_db
def test_a_number_from_another_country_without_its_code_is_explained(client):
    response = post_form(client, {**ONLY_WHAT_IS_NEEDED, "phone": "020 7946 0958"})
    assert response.status_code == 200
    message = error(response, "phone")
    assert "Enter a phone number we can call" in message
    assert "start with + and the country code" in message
    assert not CallbackRequest.objects.exists()


@pytest.mark.django_db
def test_the_questions_come_under_two_headings_then_the_consent(client):
    page = soup(client.get(FORM_URL))
    form = page.select_one("form.callback-form")
    assert [h2.get_text() for h2 in form.select("h2")] == [
        "How to reach you",
        "What you would like to ask",
    ]
    names = []
    for field in form.select("input, select, textarea"):
        name = field.get("name")
        if name and name not in names and name not in ("csrfmiddlewaretoken", "website"):
            names.append(name)
    assert names == [
        "full_name",
        "phone",
        "contact_days",
        "contact_time",
        "language",
        "language_other",
        "needs_interpreter",
        "contact_needs",
        "email",
        "procedure",
        "has_referral",
        "has_imaging",
        "message",
        "consent",
    ]


# The header's link on a treatment's pages


def header_callback_link(response) -> str:
    nav = soup(response).select_one("nav.site-nav")
    return nav.find("a", string="Request a callback")["href"]


@pytest.mark.django_db
def test_the_header_link_carries_the_treatment_on_its_pages_even_from_the_page_cache(
    client, settings
):
    settings.PAGE_CACHE_SECONDS = 600
    first = make_procedure(slug="sacroplasty", title="Sacroplasty")
    second = make_procedure(slug="kyphoplasty", title="Kyphoplasty")
    for _ in range(2):  # the second time from the page cache
        for procedure in (first, second):
            response = client.get(procedure.get_absolute_url())
            assert response.status_code == 200
            expected = f"/request-callback/?procedure={procedure.slug}"
            assert header_callback_link(response) == expected
        home = client.get(reverse("procedures:home"))
        assert header_callback_link(home) == "/request-callback/"


@pytest.mark.django_db
def test_the_header_link_carries_the_treatment_from_its_plan_page(client):
    procedure = make_procedure(slug="sacroplasty")
    response = client.get(reverse("procedures:preparation_plan", args=[procedure.slug]))
    assert response.status_code == 200
    assert header_callback_link(response) == "/request-callback/?procedure=sacroplasty"


@pytest.mark.django_db
def test_the_form_itself_links_to_itself_plainly(client):
    response = client.get(FORM_URL, {"procedure": "sacroplasty"})
    assert header_callback_link(response) == "/request-callback/"
