"""Every admin page answers without a server error, and every view of patient data is recorded."""

import pytest
from django.contrib.admin.sites import site
from django.contrib.auth.models import User
from django.urls import reverse

from appointments.models import AuditEvent
from core.roles import CONTENT_EDITOR, FRONT_DESK, ROLES
from tests.admin_post import admin_post
from tests.factories import make_callback, make_condition, make_procedure, make_staff

CHANGELIST = reverse("admin:appointments_callbackrequest_changelist")
EXPORT = reverse("admin:appointments_callbackrequest_export")
ODD_QUERIES = [
    "",
    "?procedure__id__exact=abc",
    "?created_at__gte=x",
    "?status__exact=nope",
    "?o=99",
    "?q=%00",
    "?p=-1",
    "?all=",
    "?e=1",
    "?_changelist_filters=%ZZ",
    "?assigned_to__id__exact=x",
]


def _admin_urls(objects: dict) -> list[str]:
    """The list, add, change and history pages of every registered model, plus the export."""
    urls = [reverse("admin:index"), EXPORT]
    for model in site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls += [reverse(f"{prefix}_changelist"), reverse(f"{prefix}_add")]
        obj = objects.get(model)
        if obj is not None:
            urls += [reverse(f"{prefix}_{view}", args=[obj.pk]) for view in ("change", "history")]
    return urls


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("role", ["superuser", *(role.group for role in ROLES)])
def test_no_admin_page_answers_500_for_any_role_or_query(client, role):
    from django.contrib.auth.models import Group

    from procedures.models import Revision

    procedure = make_procedure()
    callback = make_callback(procedure=procedure)
    AuditEvent.record(None, AuditEvent.Action.VIEWED, [callback])
    revision = Revision.objects.create(page=procedure, summary="First", data={})
    objects = {
        type(procedure): procedure,
        type(callback): callback,
        AuditEvent: AuditEvent.objects.get(),
        type(make_condition()): make_condition(),
        Revision: revision,
        User: User.objects.create_user("someone"),
        Group: Group.objects.first(),
    }
    if role == "superuser":
        user = User.objects.create_superuser("root", password="a-long-test-password")
    else:
        user = make_staff(role)
    client.force_login(user)
    client.raise_request_exception = False
    failures = []
    for url in _admin_urls(objects):
        for query in ODD_QUERIES:
            status = client.get(url + query).status_code
            if status >= 500:
                failures.append((url + query, status))
    assert failures == []


@pytest.mark.django_db
def test_an_audit_event_opens_read_only(client):
    client.force_login(User.objects.create_superuser("root", password="a-long-test-password"))
    callback = make_callback()
    AuditEvent.record(None, AuditEvent.Action.VIEWED, [callback])
    event = AuditEvent.objects.get()
    url = reverse("admin:appointments_auditevent_change", args=[event.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="detail"' not in response.content.decode()
    admin_post(client, url, {"detail": "rewritten", "action": "changed"}, status=403)
    event.refresh_from_db()
    assert event.detail == ""


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["procedure__id__exact=abc", "created_at__gte=x"])
def test_export_with_a_bad_filter_goes_back_to_the_list_like_the_list_does(client, query):
    client.force_login(make_staff(FRONT_DESK.group))
    make_callback()
    client.raise_request_exception = False
    listed = client.get(f"{CHANGELIST}?{query}")
    exported = client.get(f"{EXPORT}?{query}")
    assert exported.status_code == listed.status_code
    if listed.status_code == 302:
        assert exported["Location"] == listed["Location"] == f"{CHANGELIST}?e=1"
        assert not AuditEvent.objects.filter(action="exported").exists()


@pytest.mark.django_db
def test_export_with_a_date_that_is_not_a_date_redirects_with_the_error_flag(client):
    client.force_login(make_staff(FRONT_DESK.group))
    response = client.get(f"{EXPORT}?created_at__gte=x")
    assert response.status_code == 302
    assert response["Location"] == f"{CHANGELIST}?e=1"


@pytest.mark.django_db
def test_listing_requests_records_who_saw_which_and_the_filter(client):
    user = make_staff(FRONT_DESK.group)
    client.force_login(user)
    shown = make_callback(status="closed")
    make_callback()
    response = client.get(CHANGELIST, {"all": "", "status__exact": "closed"})
    assert response.status_code == 200
    event = AuditEvent.objects.get()
    assert (event.reference, event.user, event.action) == (shown.reference, user, "viewed")
    assert event.detail == "listed (1 shown), filter all=&status__exact=closed"


@pytest.mark.django_db
def test_a_search_is_recorded_without_the_search_text(client):
    client.force_login(make_staff(FRONT_DESK.group))
    ada = make_callback(full_name="Ada Lovelace")
    make_callback(full_name="Bob Other")
    response = client.get(CHANGELIST, {"q": "Lovelace"})
    assert response.status_code == 200
    event = AuditEvent.objects.get()
    assert event.reference == ada.reference
    assert event.detail == "searched the list (1 shown)"
    assert not AuditEvent.objects.filter(detail__icontains="lovelace").exists()


@pytest.mark.django_db
def test_opening_a_request_history_is_recorded(client):
    client.force_login(make_staff(FRONT_DESK.group))
    callback = make_callback()
    url = reverse("admin:appointments_callbackrequest_history", args=[callback.pk])
    assert client.get(url).status_code == 200
    event = AuditEvent.objects.get()
    assert (event.reference, event.detail) == (callback.reference, "history page")


@pytest.mark.django_db
def test_requests_can_be_assigned_only_to_active_front_desk_staff(client):
    front_desk = make_staff(FRONT_DESK.group)
    retired = make_staff(FRONT_DESK.group)
    retired.is_active = False
    retired.save()
    make_staff(CONTENT_EDITOR.group, "editor")
    User.objects.create_superuser("root", password="a-long-test-password")
    User.objects.create_user("visitor")
    client.force_login(front_desk)
    callback = make_callback()
    url = reverse("admin:appointments_callbackrequest_change", args=[callback.pk])
    response = client.get(url)
    assert response.status_code == 200
    choices = response.context["adminform"].form.fields["assigned_to"].queryset
    assert list(choices) == [front_desk]


@pytest.mark.django_db
def test_view_on_site_does_not_reveal_a_draft_address_to_the_front_desk(client):
    from django.contrib.contenttypes.models import ContentType

    from procedures.models import Procedure

    draft = make_procedure(status="draft", slug="secret-draft")
    url = reverse(
        "admin:view_on_site", args=[ContentType.objects.get_for_model(Procedure).pk, draft.pk]
    )
    client.force_login(make_staff(FRONT_DESK.group))
    response = client.get(url)
    assert response.status_code == 404
    assert "secret-draft" not in response.get("Location", "")
    client.force_login(make_staff(CONTENT_EDITOR.group))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].endswith("/procedures/secret-draft/")
