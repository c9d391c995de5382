"""Drafts behind live procedure pages: saving changes, clinical sign-off, going live, coming down.

Editing a procedure never touches what patients see: the change form saves a draft (the
page in the content-file format, as a version keeps it). A clinical reviewer approves the
draft, which records their name and the date as the page's review, or sends it back with
a comment. Only an approved draft goes live, except a small fix (see
`small_fix_refusal`).
"""

from django.db import transaction
from django.utils import timezone

from core.roles import reviewer_credit, staff_name
from editorial import small_fixes
from procedures.models import (
    READING_GRADE_LIMIT,
    Draft,
    DraftState,
    GlossaryTerm,
    Procedure,
    Revision,
    Status,
)
from procedures.models.records import from_json, live_data

# The only parts of a page a small fix may touch: its wording, not its facts.
PROSE_KEYS = ("summary", "sections")


class NotAllowed(Exception):
    """A step the page's state does not allow; the message says why, for staff."""


def draft_of(procedure: Procedure) -> Draft | None:
    return Draft.objects.filter(procedure=procedure).first()


def working_data(procedure: Procedure) -> dict:
    """What the editor is working on: the draft, or the page as it is when there is none."""
    draft = draft_of(procedure)
    return draft.data if draft else live_data(procedure)


def working_page(procedure: Procedure) -> tuple[Procedure, dict]:
    """The page with its draft applied, in memory only, and the draft's links by field.

    Nothing is saved: this is for the change form and the draft's preview.
    """
    draft = draft_of(procedure)
    page = Procedure.objects.get(pk=procedure.pk)
    if draft is None:
        links = {name: getattr(page, name).all() for name in page.link_fields()}
        return page, links
    data = from_json(Procedure, draft.data)
    page.apply_data(data)
    page.hero_image, page.hero_alt = draft.hero_image.name, draft.hero_alt
    page.derive_fields()
    links = {
        name: Procedure._meta.get_field(name).related_model.objects.filter(slug__in=data[name])
        for name in page.link_fields()
    }
    return page, links


@transaction.atomic
def save_draft(procedure, data: dict, *, by, picture=None, summary: str = "") -> Draft | None:
    """Keep `data` as the page's draft; None when it is the live page again (no draft left).

    `picture` is (image, description) from the form. Any change ends an approval: the
    clinician approved the text as it was.
    """
    data = {**data, "status": procedure.status}  # only publishing changes the status
    draft = draft_of(procedure) or Draft(procedure=procedure)
    image, alt = picture or (draft.hero_image if draft.pk else procedure.hero_image,
                             draft.hero_alt if draft.pk else procedure.hero_alt)  # fmt: skip
    live = live_data(procedure)
    if data == live and (image or "") == procedure.hero_image and alt == procedure.hero_alt:
        if draft.pk:
            draft.delete()
            summary = summary or "Back to the live page"
            Revision.objects.record(procedure, author=by, summary=summary)
        return None
    before = draft.fingerprint if draft.pk else None
    draft.data, draft.hero_image, draft.hero_alt = data, image, alt
    if draft.fingerprint == before:
        return draft
    draft.state, draft.approved_fingerprint, draft.go_live_at = DraftState.EDITING, "", None
    draft.updated_by, draft.updated_at = by, timezone.now()
    draft.save()
    if by is not None:
        draft.editors.add(by)
    if not procedure.revisions.exists():
        # Keep the live page as a version first, so it can be restored.
        Revision.objects.record(procedure, author=None)
    Revision.objects.record(procedure, author=by, summary=summary, data=data, prefix="Draft: ")
    return draft


def submit_problem(procedure, draft: Draft | None) -> str | None:
    """Why the page cannot be sent for review now; None when it can."""
    if draft is None and procedure.status == Status.PUBLISHED:
        return "There are no changes to review: the draft is the live page."
    if draft is not None and draft.state == DraftState.SUBMITTED:
        return "This draft is already waiting for clinical review."
    if draft is not None and draft.is_approved:
        return "A clinician has already approved this draft."
    return None


def submit(procedure, *, by) -> Draft:
    """Ask a clinician to review the draft (a page never published is its own draft)."""
    draft = draft_of(procedure)
    if problem := submit_problem(procedure, draft):
        raise NotAllowed(problem)
    if draft is None:
        draft = Draft(procedure=procedure, data=live_data(procedure), updated_by=by,
                      hero_image=procedure.hero_image, hero_alt=procedure.hero_alt)  # fmt: skip
    draft.state, draft.submitted_at = DraftState.SUBMITTED, timezone.now()
    draft.save()
    if not draft.editors.exists():
        # A page never published is its own draft: whoever wrote any of it is an editor.
        draft.editors.add(*_authors(procedure), *([by] if by else []))
    return draft


def _authors(procedure) -> set:
    authors = procedure.revisions.filter(author__isnull=False).values_list("author", flat=True)
    return set(authors)


def approval_refusal(draft: Draft, user) -> str | None:
    """Four eyes: why `user` may not approve the draft; None when they may."""
    if draft.editors.filter(pk=user.pk).exists():
        return (
            "You edited this draft, so another clinician must approve it: every change is "
            "approved by someone who did not write it."
        )
    return None


def _draft_in_review(procedure) -> Draft:
    draft = draft_of(procedure)
    if draft is None or draft.state != DraftState.SUBMITTED:
        raise NotAllowed("Only a draft submitted for review can be approved or sent back.")
    return draft


@transaction.atomic
def approve(procedure, *, by, comment: str = "") -> Draft:
    """Approve the draft; the clinician's name and today become the page's review."""
    draft = _draft_in_review(procedure)
    if refusal := approval_refusal(draft, by):
        raise NotAllowed(refusal)
    today = timezone.localdate()
    draft.data = {**draft.data, "last_reviewed": today.isoformat(),
                  "reviewed_by": reviewer_credit(by)}  # fmt: skip
    draft.state, draft.reviewer, draft.reviewed_at = DraftState.APPROVED, by, timezone.now()
    draft.review_comment = comment.strip()
    draft.approved_fingerprint = draft.fingerprint
    draft.save()
    Revision.objects.record(procedure, author=by, data=draft.data,
                            summary=f"Draft approved by {staff_name(by)}")  # fmt: skip
    return draft


def send_back(procedure, *, by, comment: str) -> Draft:
    if not comment.strip():
        raise NotAllowed("Say what needs to change, so the editor knows what to do.")
    draft = _draft_in_review(procedure)
    draft.state, draft.reviewer, draft.reviewed_at = DraftState.SENT_BACK, by, timezone.now()
    draft.review_comment = comment.strip()
    draft.save()
    return draft


def draft_grade(procedure) -> float:
    return working_page(procedure)[0].reading_grade


def publish_problem(procedure, *, above_grade_ok: bool = False) -> str | None:
    """Why the page cannot go live now, in words for the editor; None when it can."""
    draft = draft_of(procedure)
    if draft is None:
        if procedure.status == Status.PUBLISHED:
            return "Nothing to publish: the live page has no unpublished changes."
        if procedure.published_at is None:
            return ("A clinician must approve this page before it goes live. "
                    "Submit it for clinical review.")  # fmt: skip
    elif not draft.is_approved and (reason := small_fix_refusal(procedure, draft)):
        return (
            "A clinician must approve these changes before they go live. Submit them for "
            f"clinical review. (Not a small fix: {reason})"
        )
    if above_grade_ok:
        return None
    grade = draft_grade(procedure)
    if grade is not None and grade > READING_GRADE_LIMIT:
        return (f"This page reads at grade {grade:.1f}, above grade {READING_GRADE_LIMIT:g}. "
                "Simplify it, or confirm that you want to publish it anyway.")  # fmt: skip
    return None


@transaction.atomic
def publish(procedure, *, by, above_grade_ok: bool = False) -> Procedure:
    """Put the draft live (or a page taken down earlier back up, as it was)."""
    problem = publish_problem(procedure, above_grade_ok=above_grade_ok)
    if problem:
        raise NotAllowed(problem)
    draft = draft_of(procedure)
    summary, approver = "Published", None
    if draft is not None:
        editors = sorted(filter(None, map(staff_name, draft.editors.all())))
        if draft.is_approved:
            approver = draft.reviewer
        else:
            summary = "Published a small fix (no clinical change)"
        if editors:
            summary += "; edited by " + ", ".join(editors)
        data = from_json(Procedure, draft.data)
        procedure.apply_data(data)
        procedure.hero_image, procedure.hero_alt = draft.hero_image.name, draft.hero_alt
    procedure.status = Status.PUBLISHED
    procedure.save_page()
    if draft is not None:
        procedure.link_pages(data)
        draft.delete()
    procedure.live_version = Revision.objects.record(
        procedure, author=by, summary=summary, always=True, approved_by=approver
    )
    Procedure.objects.filter(pk=procedure.pk).update(live_version=procedure.live_version)
    return procedure


@transaction.atomic
def unpublish(procedure, *, by) -> None:
    """Take the page off the site; its draft, if any, stays."""
    if procedure.status != Status.PUBLISHED:
        raise NotAllowed("The page is not live.")
    procedure.status = Status.DRAFT
    procedure.save_page()
    Revision.objects.record(procedure, author=by, summary="Unpublished: taken off the site")
    Procedure.objects.filter(pk=procedure.pk).update(live_version=None)


def schedule(procedure, when, *, by, above_grade_ok: bool = False) -> Draft:
    """Publish the approved draft at `when`, through `manage.py publish_scheduled`."""
    problem = publish_problem(procedure, above_grade_ok=above_grade_ok)
    draft = draft_of(procedure)
    if problem or draft is None:
        raise NotAllowed(problem or "Only changes can be scheduled; publish the page now.")
    if when <= timezone.now():
        raise NotAllowed("Choose a time in the future, or publish now.")
    draft.go_live_at = when
    draft.save(update_fields=["go_live_at"])
    return draft


def publish_due(now=None) -> list[Procedure]:
    """Publish each draft whose time has come and which may still go live."""
    now = now or timezone.now()
    published = []
    for draft_id in Draft.objects.filter(go_live_at__lte=now).values_list("pk", flat=True):
        with transaction.atomic():
            # Locked, so two servers running the job never publish one draft twice.
            due = Draft.objects.select_for_update(skip_locked=True).filter(pk=draft_id)
            draft = due.select_related("procedure").first()
            if draft is None:
                continue
            try:
                # The reading grade was confirmed when the time was set.
                published.append(publish(draft.procedure, by=None, above_grade_ok=True))
            except NotAllowed:
                continue
    return published


def restore(revision: Revision, *, by) -> Draft | None:
    """An earlier version becomes the draft; it goes live only when published."""
    stamp = timezone.localtime(revision.created_at).strftime("%d %B %Y %H:%M")
    return save_draft(revision.page, revision.data, by=by,
                      summary=f"Restored the version from {stamp} as the draft")  # fmt: skip


# Small fixes


def small_fix_refusal(procedure, draft: Draft) -> str | None:
    """Why the draft needs a clinician's approval; None when it is a small fix."""
    if (draft.hero_image.name, draft.hero_alt) != (procedure.hero_image.name, procedure.hero_alt):
        return "The picture changed."
    return prose_refusal(live_data(procedure), draft.data, known_words=site_words())


def prose_refusal(live: dict, draft: dict, *, known_words=frozenset()) -> str | None:
    """Why going from `live` to `draft` is more than a spelling or spacing fix, or None.

    Only the summary and the sections' text may differ (see editorial.small_fixes).
    """
    ignored = {"status", *PROSE_KEYS}
    if any(live.get(key) != draft.get(key) for key in {*live, *draft} - ignored):
        return "More than the text changed."
    pairs = [(old, new) for old, new in _prose_pairs(live, draft) if old != new]
    if not pairs:
        return "Nothing in the text changed."
    for old, new in pairs:
        if reason := small_fixes.refusal(old, new, known_words=known_words):
            return reason
    return None


def site_words() -> frozenset[str]:
    """The site's own words that no English word list has: its glossary and page titles."""
    phrases = [*GlossaryTerm.words(), *Procedure.objects.values_list("title", flat=True)]
    return frozenset(word for phrase in phrases for word in small_fixes.words(phrase.lower()))


def _prose_pairs(live: dict, draft: dict):
    yield live.get("summary", ""), draft.get("summary", "")
    old_sections, new_sections = live.get("sections", {}), draft.get("sections", {})
    for name in sorted({*old_sections, *new_sections}):
        yield old_sections.get(name, ""), new_sections.get(name, "")
