"""Drafts behind live procedure pages, and their clinical sign-off, through the admin."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.roles import CLINICAL_REVIEWER, CONTENT_EDITOR, FRONT_DESK
from editorial import publishing
from procedures.models import Draft, DraftState, Procedure, Revision, Status
from tests.admin_post import admin_post
from tests.factories import admin_form_values, make_condition, make_procedure, make_staff

HARD_TEXT = (
    "Percutaneous intervertebral decompression necessitates comprehensive preoperative "
    "evaluation including radiological investigations and haematological parameters."
)


def url(name: str, procedure, *more) -> str:
    return reverse(f"admin:procedures_procedure_{name}", args=[procedure.pk, *more])


def signed_in(role, username=None, **names) -> Client:
    client = Client()
    user = make_staff(role.group, username)
    for key, value in names.items():
        setattr(user, key, value)
    user.save()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def editor(db):
    return signed_in(CONTENT_EDITOR, "editor")


@pytest.fixture
def reviewer(db):
    return signed_in(CLINICAL_REVIEWER, "drlee", first_name="Ana", last_name="Lee")


def save_in_admin(client, procedure, **changes):
    values = admin_form_values(client.get(url("change", procedure)).content.decode())
    values.update(changes)
    return admin_post(client, url("change", procedure), values)


def public_text(procedure) -> str:
    response = Client().get(f"/procedures/{procedure.slug}/")
    return response.content.decode() if response.status_code == 200 else ""


def approve(reviewer, procedure, comment=""):
    data = {"decision": "approve", "comment": comment}
    return admin_post(reviewer, url("review", procedure), data)


def test_an_edit_is_a_draft_and_the_live_page_stays_until_it_is_published(editor, reviewer):
    live = make_procedure(before="Live words.")
    other = make_condition(name="Sacral fracture")
    response = save_in_admin(editor, live, before="Draft words.", conditions=[other.pk])
    assert "Patients still see the live page" in editor.get(response["Location"]).content.decode()

    assert "Live words." in public_text(live) and "Draft words." not in public_text(live)
    row = Procedure.objects.get(pk=live.pk)
    assert row.before == "Live words." and not row.conditions.exists()
    assert row.publication == "Live with unpublished changes"
    listing = editor.get(reverse("admin:procedures_procedure_changelist")).content.decode()
    assert "Live with unpublished changes" in listing

    # The form and the preview show the draft, links included.
    form = admin_form_values(editor.get(url("change", live)).content.decode())
    assert form["before"] == "Draft words." and form["conditions"] == [str(other.pk)]
    preview = editor.get(reverse("admin:procedures_procedure_draft", args=[live.pk]))
    assert "Draft words." in preview.content.decode()

    admin_post(editor, url("submit", live), {})
    approve(reviewer, live)
    assert "Live words." in public_text(live)  # approved is not yet live
    admin_post(editor, url("publish", live), {})
    page = public_text(live)
    assert "Draft words." in page and "Sacral fracture" in page
    assert "by Ana Lee" in page
    row = Procedure.objects.get(pk=live.pk)
    assert row.publication == "Live" and not Draft.objects.exists()
    assert (
        row.reviewed_by == "Ana Lee, clinical reviewer"
        and row.last_reviewed == timezone.localdate()
    )
    assert row.live_version == row.revisions.first()


def test_saving_the_live_text_again_leaves_no_draft(editor):
    live = make_procedure(before="Live words.")
    save_in_admin(editor, live, before="Draft words.")
    response = save_in_admin(editor, live, before="Live words.")
    assert not Draft.objects.exists()
    assert Procedure.objects.get(pk=live.pk).publication == "Live"
    said = editor.get(response["Location"]).content.decode()
    assert "Nothing differs from the live page, so there is no draft." in said


def test_a_save_says_it_made_a_draft_and_never_that_the_page_changed(editor):
    live = make_procedure(before="Live words.")
    response = save_in_admin(editor, live, before="Draft words.")
    page = editor.get(response["Location"]).content.decode()
    messages = BeautifulSoup(page, "html.parser").select_one(".messagelist").get_text()
    assert "Saved as a draft." in messages
    assert "was changed successfully" not in messages
    # One page at a time: a page is written, reviewed and published on its own.
    for address in (url("change", live), reverse("admin:procedures_procedure_add")):
        form = editor.get(address).content.decode()
        assert 'name="_continue"' in form and 'name="_addanother"' not in form, address


def test_only_an_approved_draft_goes_live(editor, reviewer):
    live = make_procedure(before="Live words.")
    save_in_admin(editor, live, before="Take twice the dose.")
    response = admin_post(editor, url("publish", live), {}, status=200)
    assert "A clinician must approve these changes" in response.content.decode()
    assert "Live words." in public_text(live)

    admin_post(editor, url("submit", live), {})
    approve(reviewer, live)
    save_in_admin(editor, live, before="Take three times the dose.")  # after the approval
    draft = publishing.draft_of(live)
    assert draft.state == DraftState.EDITING and not draft.is_approved
    admin_post(editor, url("publish", live), {}, status=200)
    assert "Live words." in public_text(live)


def test_a_reviewer_sends_a_draft_back_with_a_comment(editor, reviewer):
    live = make_procedure()
    save_in_admin(editor, live, during="1. You lie on your back.")
    admin_post(editor, url("submit", live), {})

    review = reviewer.get(url("review", live))
    parts = BeautifulSoup(review.content, "html.parser").select(".change")
    assert [part.h3.get_text() for part in parts] == ["During the procedure"]
    assert parts[0].select_one("ins").get_text() == "[added: on your back.]"

    response = admin_post(reviewer, url("review", live), {"decision": "send_back"}, status=200)
    assert "Say what needs to change" in response.content.decode()
    assert publishing.draft_of(live).state == DraftState.SUBMITTED
    comment = "Most people lie on their front."
    admin_post(reviewer, url("review", live), {"decision": "send_back", "comment": comment})
    draft = publishing.draft_of(live)
    assert draft.state == DraftState.SENT_BACK and draft.reviewer == reviewer.user
    assert comment in editor.get(url("change", live)).content.decode()


def test_a_page_never_published_needs_approval_before_it_first_goes_live(editor, reviewer):
    new = make_procedure(status=Status.DRAFT)
    response = admin_post(editor, url("publish", new), {}, status=200)
    assert "A clinician must approve this page" in response.content.decode()
    assert not public_text(new)
    admin_post(editor, url("submit", new), {})
    approve(reviewer, new)
    admin_post(editor, url("publish", new), {})
    assert public_text(new)
    assert Procedure.objects.get(pk=new.pk).published_at is not None


def test_a_new_page_starts_as_a_draft(editor):
    values = admin_form_values(
        editor.get(reverse("admin:procedures_procedure_add")).content.decode()
    )
    live = make_procedure()
    copied = admin_form_values(editor.get(url("change", live)).content.decode())
    values.update({k: v for k, v in copied.items() if k not in ("csrfmiddlewaretoken",)})
    values.update(title="Brand new", slug="brand-new")
    admin_post(editor, reverse("admin:procedures_procedure_add"), values)
    new = Procedure.objects.get(slug="brand-new")
    assert new.status == Status.DRAFT and new.publication == "Draft"
    assert not public_text(new)


def test_unpublishing_asks_first_and_publishing_again_needs_no_new_approval(editor):
    live = make_procedure(before="Live words.")
    question = editor.get(url("unpublish", live))
    assert "Yes, take it off the site" in question.content.decode()
    assert public_text(live)  # asking changed nothing
    admin_post(editor, url("unpublish", live), {})
    assert not public_text(live)
    assert Procedure.objects.get(pk=live.pk).publication == "Draft"
    admin_post(editor, url("publish", live), {})
    assert "Live words." in public_text(live)


def test_restoring_a_version_makes_it_the_draft(editor, reviewer):
    live = make_procedure(before="First words.")
    save_in_admin(editor, live, before="Second words.")
    admin_post(editor, url("submit", live), {})
    approve(reviewer, live)
    admin_post(editor, url("publish", live), {})
    first = next(r for r in live.revisions if r.data["sections"]["before"] == "First words.")

    question = editor.get(url("restore", live, first.pk)).content.decode()
    assert "It becomes the draft" in question and "Yes, restore this version" in question
    assert not Draft.objects.exists()
    admin_post(editor, url("restore", live, first.pk), {})
    assert publishing.draft_of(live).data["sections"]["before"] == "First words."
    assert "Second words." in public_text(live)


def test_the_versions_page_marks_the_live_version_and_reads_in_words(editor, reviewer):
    live = make_procedure()
    save_in_admin(editor, live, duration="About 2 hours")
    admin_post(editor, url("submit", live), {})
    approve(reviewer, live)
    admin_post(editor, url("publish", live), {})
    page = BeautifulSoup(editor.get(url("versions", live)).content, "html.parser")
    published, approved, edited = page.select(".version")[:3]
    assert published.select_one(".tag.live").get_text() == "Live"
    assert "Published; edited by editor (by editor; approved by Ana Lee)" in published.h2.get_text()
    assert [h3.get_text() for h3 in approved.select(".change h3")] == ["Review date", "Reviewer"]
    # The label, never "at_a_glance" or "duration".
    assert [h3.get_text() for h3 in edited.select(".change h3")] == ["How long it takes"]


def test_publishing_above_grade_8_asks_for_confirmation(editor, reviewer):
    live = make_procedure()
    save_in_admin(editor, live, overview=HARD_TEXT)
    admin_post(editor, url("submit", live), {})
    approve(reviewer, live)
    response = admin_post(editor, url("publish", live), {}, status=200)
    assert "above grade 8" in response.content.decode()
    assert HARD_TEXT not in public_text(live)
    admin_post(editor, url("publish", live), {"above_grade": "on"})
    assert Procedure.objects.get(pk=live.pk).reading_grade > 8
    assert HARD_TEXT in public_text(live)


def test_scheduled_publishing_waits_for_its_time(editor, reviewer):
    live = make_procedure(before="Live words.")
    save_in_admin(editor, live, before="Scheduled words.")
    admin_post(editor, url("submit", live), {})
    approve(reviewer, live)
    when = timezone.localtime() + datetime.timedelta(days=1)
    admin_post(editor, url("publish", live), {"go_live_at": when.strftime("%Y-%m-%dT%H:%M")})
    assert publishing.draft_of(live).go_live_at is not None

    call_command("publish_scheduled", verbosity=0)
    assert "Live words." in public_text(live)
    publishing.publish_due(now=timezone.now() + datetime.timedelta(days=2))
    assert "Scheduled words." in public_text(live)
    assert not Draft.objects.exists()


def test_a_scheduled_draft_edited_after_approval_does_not_go_live(editor, reviewer):
    live = make_procedure(before="Live words.")
    save_in_admin(editor, live, before="Approved words.")
    admin_post(editor, url("submit", live), {})
    approve(reviewer, live)
    save_in_admin(editor, live, before="Words nobody approved.")
    # Even with its time still set, as an approval once left it, the edited draft waits.
    Draft.objects.update(go_live_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("publish_scheduled", verbosity=0)
    assert "Live words." in public_text(live)
    draft = publishing.draft_of(live)
    assert draft.data["sections"]["before"] == "Words nobody approved."
    assert not draft.is_approved


def test_a_small_spelling_fix_goes_live_without_review(editor):
    live = make_procedure(before="Ask about your **blod thinners**.")
    save_in_admin(editor, live, before="Ask about your **blood thinners**.")
    admin_post(editor, url("publish", live), {})
    # Published as Markdown rendered, like every section.
    assert "Ask about your <strong>blood thinners</strong>." in public_text(live)
    summary = live.revisions.first().summary
    assert summary == "Published a small fix (no clinical change); edited by editor"


def test_only_the_text_may_change_in_a_small_fix():
    page = {"summary": "s", "sections": {"before": "Rst."}, "at_a_glance": {"duration": "1 hr"}}
    spelling = {**page, "sections": {"before": "Rest."}}
    assert publishing.prose_refusal(page, spelling) is None
    # The same spelling fix, with a fact changed too, needs a clinician.
    facts = {**spelling, "at_a_glance": {"duration": "1 hour"}}
    assert publishing.prose_refusal(page, facts) == "More than the text changed."
    assert publishing.prose_refusal(page, page) == "Nothing in the text changed."


def test_a_meaning_change_offered_as_a_small_fix_waits_for_a_clinician(editor):
    live = make_procedure(before="An overdose is most likely if the pump is refilled late.")
    save_in_admin(editor, live, before="An overdose is most unlikely if the pump is refilled late.")
    response = admin_post(editor, url("publish", live), {}, status=200)
    assert "Not a small fix: “likely” is a real word" in response.content.decode()
    assert "most likely" in public_text(live)
    assert publishing.draft_of(live) is not None


def test_each_role_takes_only_its_own_steps(editor, reviewer):
    live = make_procedure(before="Live words.")
    save_in_admin(editor, live, before="Draft words.")
    front_desk = signed_in(FRONT_DESK)
    # Reviewers read and approve; they do not edit, submit, publish or unpublish.
    for step in ("submit", "publish", "unpublish"):
        assert reviewer.post(url(step, live)).status_code == 403, step
    values = admin_form_values(editor.get(url("change", live)).content.decode())
    assert reviewer.post(url("change", live), values).status_code == 403
    assert reviewer.get(url("review", live)).status_code == 200
    # Editors do not approve their own work.
    assert editor.get(url("review", live)).status_code == 403
    assert editor.post(url("review", live), {"decision": "approve"}).status_code == 403
    for step in ("submit", "review", "publish", "unpublish", "versions"):
        assert front_desk.post(url(step, live)).status_code == 403, step
    assert publishing.draft_of(live).state == DraftState.EDITING
    assert "Live words." in public_text(live)
    # Clinical reviewers never see callback requests.
    requests = reverse("admin:appointments_callbackrequest_changelist")
    assert reviewer.get(requests).status_code == 403


def test_the_admin_home_lists_drafts_waiting_for_review(editor, reviewer):
    live = make_procedure(title="Sacroplasty")
    save_in_admin(editor, live, before="Changed.")
    home = reverse("admin:index")
    assert "No draft is waiting for review." in reviewer.get(home).content.decode()
    admin_post(editor, url("submit", live), {})
    waiting = BeautifulSoup(reviewer.get(home).content, "html.parser").select_one(
        "#drafts-in-review"
    )
    assert waiting.select_one("a")["href"] == url("review", live)
    assert "Sacroplasty" in waiting.get_text()
    assert "drafts-in-review" not in signed_in(FRONT_DESK).get(home).content.decode()


@pytest.mark.django_db(transaction=True)
def test_published_pages_stay_published_through_the_migration():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("procedures", "0008_everyday_names")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    Old = old_apps.get_model("procedures", "Procedure")
    common = {
        "summary": "s",
        "duration": "d",
        "anesthesia": "a",
        "setting": "s",
        "same_day": "s",
        "driver": "d",
        "recovery": "r",
        "last_reviewed": "2026-01-01",
        "reviewed_by": "r",
        "sources": "",
        "overview": "o",
        "candidates": "c",
        "before": "b",
        "during": "d",
        "after": "a",
        "benefits_risks": "b",
        "alternatives": "a",
        "suits": "s",
        "effectiveness": "e",
        "main_risks": "m",
        "driving": "d",
        "work": "w",
        "lifting": "l",
        "follow_up": "f",
        "review_due": "2027-01-01",
    }
    live = Old.objects.create(title="Live", slug="live", status="published", **common)
    hidden = Old.objects.create(title="Hidden", slug="hidden", status="draft", **common)
    OldRevision = old_apps.get_model("procedures", "Revision")
    ContentType = old_apps.get_model("contenttypes", "ContentType")
    page_type = ContentType.objects.get(app_label="procedures", model="procedure")
    for page in (live, hidden):
        OldRevision.objects.create(
            page_type=page_type, page_id=page.pk, summary="Old", data={}, created_at=timezone.now()
        )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes("procedures"))
    live, hidden = (Procedure.objects.get(pk=page.pk) for page in (live, hidden))
    assert live.status == Status.PUBLISHED and live.publication == "Live"
    assert live.live_version == live.revisions.first()
    assert hidden.publication == "Draft" and hidden.live_version is None
    assert not public_text(hidden)


def test_a_draft_is_sent_for_review_once_and_the_button_goes_away(editor):
    live = make_procedure()
    save_in_admin(editor, live, before="Changed.")
    assert "Submit for clinical review" in editor.get(url("change", live)).content.decode()
    admin_post(editor, url("submit", live), {})
    form = editor.get(url("change", live)).content.decode()
    assert "Submit for clinical review" not in form
    again = editor.post(url("submit", live), follow=True).content.decode()
    assert "already waiting for clinical review" in again


def test_no_one_approves_a_change_they_wrote_not_even_a_superuser(reviewer):
    live = make_procedure(before="Live words.")
    superuser = Client()
    superuser.force_login(User.objects.create_superuser("boss", password="a-long-password"))
    both = signed_in(CONTENT_EDITOR, "both")
    both.user.groups.add(*make_staff(CLINICAL_REVIEWER.group, "other").groups.all())
    for author in (superuser, both):
        save_in_admin(author, live, before=f"Words by {author.session.session_key}.")
        admin_post(author, url("submit", live), {})
        response = author.post(url("review", live), {"decision": "approve"}, follow=True)
        assert "You edited this draft, so another clinician must approve it" in (
            response.content.decode()
        )
        assert not publishing.draft_of(live).is_approved
        # Their own review page offers no Approve button, only sending it back.
        page = BeautifulSoup(author.get(url("review", live)).content, "html.parser")
        assert page.select("button[value=send_back]")
        assert not page.select("button[value=approve]")
        approve(reviewer, live)
        admin_post(author, url("publish", live), {})
    assert Procedure.objects.get(pk=live.pk).status == Status.PUBLISHED


def test_whoever_edits_a_draft_after_submission_may_not_approve_it(editor, reviewer):
    live = make_procedure(before="Live words.")
    save_in_admin(editor, live, before="Editor's words.")
    admin_post(editor, url("submit", live), {})
    draft = publishing.draft_of(live)
    with pytest.raises(publishing.NotAllowed, match="You edited this draft"):
        publishing.approve(live, by=editor.user)
    publishing.save_draft(
        live, {**draft.data, "summary": "Changed by the reviewer."}, by=reviewer.user
    )
    publishing.submit(live, by=editor.user)
    with pytest.raises(publishing.NotAllowed, match="You edited this draft"):
        publishing.approve(live, by=reviewer.user)


def test_a_new_page_is_never_approved_by_the_person_who_created_it(reviewer):
    page = make_procedure(before="New words.", status=Status.DRAFT)
    writer = signed_in(CONTENT_EDITOR, "writer")
    Revision.objects.record(page, author=reviewer.user)  # the reviewer wrote this page
    publishing.submit(page, by=writer.user)
    with pytest.raises(publishing.NotAllowed, match="You edited this draft"):
        publishing.approve(page, by=reviewer.user)


@pytest.mark.parametrize(
    ("names", "credit"),
    [
        ({}, "Interventional radiology team"),
        ({"first_name": "Ana", "last_name": "Lee"}, "Ana Lee, clinical reviewer"),
    ],
)
def test_public_pages_credit_a_review_to_a_name_never_a_username(editor, names, credit):
    live = make_procedure(before="Live words.")
    reviewer = signed_in(CLINICAL_REVIEWER, "rev-walk", **names)
    save_in_admin(editor, live, before="Checked words.")
    admin_post(editor, url("submit", live), {})
    approve(reviewer, live)
    admin_post(editor, url("publish", live), {})
    text = public_text(live)
    assert f"by {credit}." in text
    assert "rev-walk" not in text


def test_a_condition_page_shows_the_live_procedure_card_never_the_draft(editor):
    condition = make_condition(slug="spine-break")
    live = make_procedure(conditions=[condition], summary="Live card words.")
    save_in_admin(editor, live, summary="Draft card words.")
    assert publishing.draft_of(live) is not None
    page = Client().get("/conditions/spine-break/").content.decode()
    assert "Live card words." in page
    assert "Draft card words." not in page
    # A page never published has no card at all, even with a draft being written.
    make_procedure(conditions=[condition], title="Unpublished one", status=Status.DRAFT)
    assert "Unpublished one" not in Client().get("/conditions/spine-break/").content.decode()


def test_a_drafts_rendering_is_kept_between_loads_of_its_preview(editor, monkeypatch):
    from procedures.models import pages

    live = make_procedure(before="Live words.")
    save_in_admin(editor, live, before="Draft words.")
    renders = []
    real_render = pages.render_markdown

    def counted(text, **kwargs):
        renders.append(text)
        return real_render(text, **kwargs)

    monkeypatch.setattr(pages, "render_markdown", counted)
    preview = reverse("admin:procedures_procedure_draft", args=[live.pk])
    assert "Draft words." in editor.get(preview).content.decode()
    first_load = len(renders)
    assert "Draft words." in editor.get(preview).content.decode()
    editor.get(url("change", live))
    assert first_load > 0 and len(renders) == first_load

    save_in_admin(editor, live, before="Newer draft words.")
    assert "Newer draft words." in editor.get(preview).content.decode()
