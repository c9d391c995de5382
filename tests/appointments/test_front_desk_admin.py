import csv
import io
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from appointments.models import AuditEvent, CallbackNote, CallbackRequest
from core.roles import CONTENT_EDITOR, FRONT_DESK
from tests.admin_post import admin_post
from tests.factories import (
    admin_form_values,
    make_callback,
    make_condition,
    make_procedure,
    make_staff,
)

CHANGELIST = reverse("admin:appointments_callbackrequest_changelist")


def change_url(callback) -> str:
    return reverse("admin:appointments_callbackrequest_change", args=[callback.pk])


def run_action(client, action: str, *callbacks):
    """Run a list action; returns the list it leads back to, with its messages."""
    data = {"action": action, "_selected_action": [c.pk for c in callbacks]}
    response = admin_post(client, CHANGELIST, data)
    return client.get(response["Location"])


def change_form_data(client, callback, **changes) -> dict:
    """What the request's page sends back when saved as this user sees it, with `changes`."""
    page = client.get(change_url(callback))
    assert page.status_code == 200
    return {**admin_form_values(page.content.decode()), **changes}


@pytest.fixture
def front_desk(client, db):
    user = make_staff(FRONT_DESK.group, "frontdesk")
    client.force_login(user)
    return user


@pytest.mark.django_db
def test_list_shows_oldest_waiting_first_and_finished_last(client, front_desk):
    now = timezone.now()
    newest = make_callback(created_at=now)
    oldest = make_callback(created_at=now - timedelta(days=2))
    closed = make_callback(created_at=now - timedelta(days=5), status="closed")
    response = client.get(CHANGELIST)
    assert list(response.context["cl"].result_list) == [oldest, newest, closed]
    text = response.content.decode()
    assert "2\xa0days" in text
    headings = BeautifulSoup(text, "html.parser").select("#result_list thead th")
    assert [th.get_text(strip=True) for th in headings][1:] == [
        "Reference",
        "Patient",
        "Treatment",
        "Best time",
        "Flags",
        "Status",
        "Assigned to",
        "Waiting",
    ]


@pytest.mark.django_db
def test_list_can_be_searched_by_reference_name_or_phone(client, front_desk):
    ada = make_callback(full_name="Ada Patient", phone="+12025550143")
    bob = make_callback(full_name="Bob Other", phone="+16175550123")
    for term, expected in [(ada.reference, [ada]), ("Bob", [bob]), ("555 0143", [ada])]:
        response = client.get(CHANGELIST, {"q": term})
        assert list(response.context["cl"].result_list) == expected, term


@pytest.mark.django_db
def test_list_can_be_filtered_by_status_and_treatment(client, front_desk):
    procedure = make_procedure()
    wanted = make_callback(procedure=procedure)
    make_callback(status="contacted")
    response = client.get(
        CHANGELIST, {"status__exact": "new", "procedure__id__exact": procedure.pk}
    )
    assert list(response.context["cl"].result_list) == [wanted]


@pytest.mark.django_db
def test_assign_and_status_actions_are_stamped_with_who_and_when(client, front_desk):
    callback = make_callback()
    run_action(client, "assign_to_me", callback)
    run_action(client, "mark_contacted", callback)
    callback.refresh_from_db()
    assert callback.assigned_to == front_desk
    assert callback.status == "contacted"
    assert callback.status_changed_by == front_desk
    assert timezone.now() - callback.status_changed_at < timedelta(minutes=1)
    details = set(AuditEvent.objects.filter(request=callback).values_list("detail", flat=True))
    assert {"assigned to me", "marked contacted"} <= details


@pytest.mark.django_db
def test_what_the_patient_wrote_cannot_be_changed(client, front_desk):
    callback = make_callback(full_name="Ada Patient", message="Original words.")
    data = change_form_data(
        client, callback, full_name="Someone Else", message="New words.", phone="+1"
    )
    admin_post(client, change_url(callback), data)
    callback.refresh_from_db()
    assert (callback.full_name, callback.message, callback.phone) == (
        "Ada Patient",
        "Original words.",
        "+12025550143",
    )


@pytest.mark.django_db
def test_notes_are_added_with_their_author_and_cannot_be_edited(client, front_desk):
    callback = make_callback()
    data = change_form_data(client, callback, **{"notes-0-text": "Left a voicemail."})
    admin_post(client, change_url(callback), data)
    note = CallbackNote.objects.get()
    assert (note.text, note.author, note.request) == ("Left a voicemail.", front_desk, callback)

    # The note is shown read-only now; send an edit of it anyway, as a crafted request would.
    data = change_form_data(client, callback)
    assert (data["notes-INITIAL_FORMS"], data["notes-0-id"]) == ("1", str(note.pk))
    admin_post(client, change_url(callback), {**data, "notes-0-text": "Rewritten."})
    note.refresh_from_db()
    assert note.text == "Left a voicemail."
    assert CallbackNote.objects.count() == 1


@pytest.mark.django_db
def test_viewing_a_request_is_recorded(client, front_desk):
    callback = make_callback()
    assert client.get(change_url(callback)).status_code == 200
    event = AuditEvent.objects.get(request=callback)
    assert (event.action, event.user) == ("viewed", front_desk)


@pytest.mark.django_db
def test_requests_cannot_be_added_or_deleted_in_the_admin(client, front_desk):
    callback = make_callback()
    assert client.get(reverse("admin:appointments_callbackrequest_add")).status_code == 403
    delete = reverse("admin:appointments_callbackrequest_delete", args=[callback.pk])
    admin_post(client, delete, {"post": "yes"}, status=403)
    assert CallbackRequest.objects.filter(pk=callback.pk).exists()


@pytest.mark.django_db
def test_csv_export_of_the_filtered_list_cannot_run_formulas(client, front_desk):
    make_callback(full_name='=HYPERLINK("http://evil.example")', message="@SUM(A1)")
    make_callback(full_name="Closed Person", status="closed")
    response = client.get(
        reverse("admin:appointments_callbackrequest_export"), {"status__exact": "new"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2  # header + the one new request
    assert rows[0] == [
        "Reference",
        "Received",
        "Name",
        "Phone",
        "Email",
        "Best time",
        "Language",
        "Interpreter",
        "Contact needs",
        "Treatment",
        "Referral",
        "Recent MRI or CT",
        "Message",
        "Status",
        "Assigned to",
    ]
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Name"] == '\'=HYPERLINK("http://evil.example")'
    assert row["Message"] == "'@SUM(A1)"
    # The number as the list shows it, which starts with no formula character.
    assert row["Phone"] == "(202) 555-0143"
    assert AuditEvent.objects.filter(action="exported").count() == 1


@pytest.mark.django_db
def test_csv_export_writes_a_number_from_another_country_as_text(client, front_desk):
    make_callback(phone="+442079460958")
    response = client.get(reverse("admin:appointments_callbackrequest_export"))
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    # International format starts with +, which a spreadsheet would take for a sum.
    assert rows[0]["Phone"] == "'+44 20 7946 0958"


@pytest.mark.django_db
def test_admin_index_says_how_many_are_waiting_and_how_many_are_overdue(client, front_desk):
    make_callback(created_at=timezone.now() - timedelta(days=10))
    make_callback(created_at=timezone.now() - timedelta(days=8))
    make_callback()
    make_callback(status="contacted", created_at=timezone.now() - timedelta(days=10))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    notice = BeautifulSoup(response.content, "html.parser").select_one(".new-callbacks")
    assert " ".join(notice.get_text().split()) == "3 waiting, 2 overdue"
    links = [a["href"] for a in notice.select("a")]
    assert links == [f"{CHANGELIST}?status__exact=new", f"{CHANGELIST}?waiting=overdue"]
    overdue = client.get(links[1])
    assert overdue.status_code == 200
    assert len(overdue.context["cl"].result_list) == 2


# The walls between the roles


@pytest.mark.django_db
def test_front_desk_cannot_edit_procedure_pages(client, front_desk):
    procedure = make_procedure()
    condition = make_condition()
    for url in [
        reverse("admin:procedures_procedure_changelist"),
        reverse("admin:procedures_procedure_add"),
        reverse("admin:procedures_procedure_change", args=[procedure.pk]),
        reverse("admin:procedures_condition_change", args=[condition.pk]),
    ]:
        assert client.get(url).status_code == 403, url
    change = reverse("admin:procedures_procedure_change", args=[procedure.pk])
    admin_post(client, change, {"title": "Hacked"}, status=403)
    procedure.refresh_from_db()
    assert procedure.title != "Hacked"


@pytest.mark.django_db
def test_content_editor_gets_403_on_every_callback_admin_url(client):
    editor = make_staff(CONTENT_EDITOR.group)
    client.force_login(editor)
    callback = make_callback()
    CallbackNote.objects.create(request=callback, text="Left a voicemail.")
    AuditEvent.record(None, AuditEvent.Action.VIEWED, [callback])
    for url in _appointments_admin_urls(callback):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "voicemail" not in response.content.decode(), url
    data = {"action": "mark_closed", "_selected_action": [callback.pk]}
    admin_post(client, CHANGELIST, data, status=403)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Callback requests" not in page and 'id="new-callbacks"' not in page
    # Notes have no admin pages of their own (they show on a request's page), so the
    # pages above cover them only while the role has no appointments permission at all.
    assert not editor.has_module_perms("appointments")
    assert AuditEvent.objects.count() == 1


def _appointments_admin_urls(callback) -> list[str]:
    """The export, and every admin page of every appointments model registered there."""
    from django.contrib.admin.sites import site

    records = {
        CallbackRequest: callback,
        CallbackNote: CallbackNote.objects.get(),
        AuditEvent: AuditEvent.objects.get(),
    }
    urls = [reverse("admin:appointments_callbackrequest_export")]
    for model in site._registry:
        if model._meta.app_label != "appointments":
            continue
        prefix = f"admin:appointments_{model._meta.model_name}"
        pk = records[model].pk
        urls += [reverse(f"{prefix}_changelist"), reverse(f"{prefix}_add")]
        urls += [reverse(f"{prefix}_{view}", args=[pk]) for view in ("change", "history", "delete")]
    return urls


@pytest.mark.django_db
def test_content_editor_can_edit_procedure_pages(client):
    client.force_login(make_staff(CONTENT_EDITOR.group))
    procedure = make_procedure()
    assert (
        client.get(reverse("admin:procedures_procedure_change", args=[procedure.pk])).status_code
        == 200
    )


@pytest.mark.django_db
def test_a_request_sent_back_with_form_errors_is_recorded_as_read(client, front_desk):
    callback = make_callback()
    data = change_form_data(client, callback, status="not-a-status")
    AuditEvent.objects.all().delete()
    response = admin_post(client, change_url(callback), data, status=200)
    assert "Ada Patient" in response.content.decode()
    event = AuditEvent.objects.get()
    assert (event.request, event.action, event.user) == (callback, "viewed", front_desk)
