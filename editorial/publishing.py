"""Drafts behind live pages: saving changes, clinical sign-off, going live, coming down.

One workflow for every kind of page (procedures, conditions, options, comparisons and
glossary terms). Editing a page never touches what patients see: the change form saves a
draft (the page in the content-file format, as a version keeps it). A clinical reviewer approves the
draft, which records their name and the date as the page's review, or sends it back with
a comment. Only an approved draft goes live, except a small fix (see
`small_fix_refusal`).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

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

# The only parts of a page a small fix may touch: its wording, not its facts. Pages with
# one body of text (a condition's description, say) have it in place of sections.
PROSE_KEYS = ("summary", "sections")


class NotAllowed(Exception):
    """A step the page's state does not allow; the message says why, for staff."""


def draft_of(page) -> Draft | None:
    return Draft.objects.filter(page_type=_type_of(page), page_id=page.pk).first()


def _new_draft(page, **fields) -> Draft:
    return Draft(page_type=_type_of(page), page_id=page.pk, **fields)


def _type_of(page) -> ContentType:
    return ContentType.objects.get_for_model(page)


def working_data(page) -> dict:
    """What the editor is working on: the draft, or the page as it is when there is none."""
    draft = draft_of(page)
    return draft.data if draft else live_data(page)


def working_page(page) -> tuple:
    """The page with its draft applied, in memory only, and the draft's links by field.

    Nothing is saved: this is for the change form and the draft's preview.
    """
    model = type(page)
    draft = draft_of(page)
    page = model.objects.get(pk=page.pk)
    if draft is None:
        links = {name: getattr(page, name).all() for name in page.many_link_fields()}
        return page, links
    data = from_json(model, draft.data)
    page.apply_data(data)
    page.set_picture(*draft.picture)
    page.derive_fields(keep_html=True)
    links = {
        name: model._meta.get_field(name).related_model.objects.filter(slug__in=data[name])
        for name in page.many_link_fields()
    }
    return page, links


@transaction.atomic
def save_draft(page, data: dict, *, by, picture=None, summary: str = "") -> Draft | None:
    """Keep `data` as the page's draft; None when it is the live page again (no draft left).

    `picture` is (image, description) from the form, for kinds with a picture. Any change
    ends an approval: the clinician approved the text as it was.
    """
    data = {**data, "status": page.status}  # only publishing changes the status
    draft = draft_of(page) or _new_draft(page)
    picture = picture or (draft.picture if draft.pk else page.picture())
    if data == live_data(page) and (picture[0] or "", picture[1]) == page.picture():
        if draft.pk:
            draft.delete()
            summary = summary or "Back to the live page"
            Revision.objects.record(page, author=by, summary=summary)
        return None
    before = draft.fingerprint if draft.pk else None
    draft.data, draft.picture = data, picture
    if draft.fingerprint == before:
        return draft
    draft.state, draft.approved_fingerprint, draft.go_live_at = DraftState.EDITING, "", None
    draft.updated_by, draft.updated_at = by, timezone.now()
    draft.save()
    if by is not None:
        draft.editors.add(by)
    if not page.revisions.exists():
        # Keep the live page as a version first, so it can be restored.
        Revision.objects.record(page, author=None)
    Revision.objects.record(page, author=by, summary=summary, data=data, prefix="Draft: ")
    return draft


def submit_problem(page, draft: Draft | None) -> str | None:
    """Why the page cannot be sent for review now; None when it can."""
    if draft is None and page.status == Status.PUBLISHED:
        return "There are no changes to review: the draft is the live page."
    if draft is not None and draft.state == DraftState.SUBMITTED:
        return "This draft is already waiting for clinical review."
    if draft is not None and draft.is_approved:
        return "A clinician has already approved this draft."
    return None


def submit(page, *, by) -> Draft:
    """Ask a clinician to review the draft (a page never published is its own draft)."""
    draft = draft_of(page)
    if problem := submit_problem(page, draft):
        raise NotAllowed(problem)
    if draft is None:
        draft = _new_draft(page, data=live_data(page), updated_by=by)
        draft.picture = page.picture()
    draft.state, draft.submitted_at = DraftState.SUBMITTED, timezone.now()
    draft.save()
    if not draft.editors.exists():
        # A page never published is its own draft: whoever wrote any of it is an editor.
        draft.editors.add(*_authors(page), *([by] if by else []))
    return draft


def _authors(page) -> set:
    authors = page.revisions.filter(author__isnull=False).values_list("author", flat=True)
    return set(authors)


def approval_refusal(draft: Draft, user) -> str | None:
    """Four eyes: why `user` may not approve the draft; None when they may."""
    if draft.editors.filter(pk=user.pk).exists():
        return (
            "You edited this draft, so another clinician must approve it: every change is "
            "approved by someone who did not write it."
        )
    return None


def _draft_in_review(page) -> Draft:
    draft = draft_of(page)
    if draft is None or draft.state != DraftState.SUBMITTED:
        raise NotAllowed("Only a draft submitted for review can be approved or sent back.")
    return draft


@transaction.atomic
def approve(page, *, by, comment: str = "") -> Draft:
    """Approve the draft; the clinician's name and today become the page's review."""
    draft = _draft_in_review(page)
    if refusal := approval_refusal(draft, by):
        raise NotAllowed(refusal)
    today = timezone.localdate()
    draft.data = {
        **draft.data,
        "last_reviewed": today.isoformat(),
        "reviewed_by": reviewer_credit(by),
    }
    draft.state, draft.reviewer, draft.reviewed_at = DraftState.APPROVED, by, timezone.now()
    draft.review_comment = comment.strip()
    draft.approved_fingerprint = draft.fingerprint
    draft.save()
    Revision.objects.record(
        page, author=by, data=draft.data, summary=f"Draft approved by {staff_name(by)}"
    )
    return draft


def send_back(page, *, by, comment: str) -> Draft:
    if not comment.strip():
        raise NotAllowed("Say what needs to change, so the editor knows what to do.")
    draft = _draft_in_review(page)
    draft.state, draft.reviewer, draft.reviewed_at = DraftState.SENT_BACK, by, timezone.now()
    draft.review_comment = comment.strip()
    draft.save()
    return draft


def draft_grade(page) -> float | None:
    """The draft's reading grade, for kinds that keep one."""
    return getattr(working_page(page)[0], "reading_grade", None)


def publish_problem(page, *, above_grade_ok: bool = False) -> str | None:
    """Why the page cannot go live now, in words for the editor; None when it can."""
    draft = draft_of(page)
    if draft is None:
        if page.status == Status.PUBLISHED:
            return "Nothing to publish: the live page has no unpublished changes."
        if page.published_at is None:
            return (
                "A clinician must approve this page before it goes live. "
                "Submit it for clinical review."
            )
    elif not draft.is_approved and (reason := small_fix_refusal(page, draft)):
        return (
            "A clinician must approve these changes before they go live. Submit them for "
            f"clinical review. (Not a small fix: {reason})"
        )
    if above_grade_ok:
        return None
    grade = draft_grade(page)
    if grade is not None and grade > READING_GRADE_LIMIT:
        return (
            f"This page reads at grade {grade:.1f}, above grade {READING_GRADE_LIMIT:g}. "
            "Simplify it, or confirm that you want to publish it anyway."
        )
    return None


@transaction.atomic
def publish(page, *, by, above_grade_ok: bool = False):
    """Put the draft live (or a page taken down earlier back up, as it was)."""
    problem = publish_problem(page, above_grade_ok=above_grade_ok)
    if problem:
        raise NotAllowed(problem)
    draft = draft_of(page)
    summary, approver = "Published", None
    if draft is not None:
        editors = sorted(filter(None, map(staff_name, draft.editors.all())))
        if draft.is_approved:
            approver = draft.reviewer
        else:
            summary = "Published a small fix (no clinical change)"
        if editors:
            summary += "; edited by " + ", ".join(editors)
        data = from_json(type(page), draft.data)
        page.apply_data(data)
        page.set_picture(*draft.picture)
    page.status = Status.PUBLISHED
    page.save_page()
    if draft is not None:
        page.link_pages(data)
        draft.delete()
    page.live_version = Revision.objects.record(
        page, author=by, summary=summary, always=True, approved_by=approver
    )
    type(page).objects.filter(pk=page.pk).update(live_version=page.live_version)
    return page


@transaction.atomic
def unpublish(page, *, by) -> None:
    """Take the page off the site; its draft, if any, stays."""
    if page.status != Status.PUBLISHED:
        raise NotAllowed("The page is not live.")
    page.status = Status.DRAFT
    page.save_page()
    Revision.objects.record(page, author=by, summary="Unpublished: taken off the site")
    type(page).objects.filter(pk=page.pk).update(live_version=None)


def schedule(page, when, *, by, above_grade_ok: bool = False) -> Draft:
    """Publish the approved draft at `when`, through `manage.py publish_scheduled`."""
    problem = publish_problem(page, above_grade_ok=above_grade_ok)
    draft = draft_of(page)
    if problem or draft is None:
        raise NotAllowed(problem or "Only changes can be scheduled; publish the page now.")
    if when <= timezone.now():
        raise NotAllowed("Choose a time in the future, or publish now.")
    draft.go_live_at = when
    draft.save(update_fields=["go_live_at"])
    return draft


def publish_due(now=None) -> list:
    """Publish each draft whose time has come and which may still go live."""
    now = now or timezone.now()
    published = []
    for draft_id in Draft.objects.filter(go_live_at__lte=now).values_list("pk", flat=True):
        with transaction.atomic():
            # Locked, so two servers running the job never publish one draft twice.
            due = Draft.objects.select_for_update(skip_locked=True).filter(pk=draft_id)
            draft = due.first()
            if draft is None or draft.page is None:
                continue
            try:
                # The reading grade was confirmed when the time was set.
                published.append(publish(draft.page, by=None, above_grade_ok=True))
            except NotAllowed:
                continue
    return published


def restore(revision: Revision, *, by) -> Draft | None:
    """An earlier version becomes the draft; it goes live only when published."""
    stamp = date_format(timezone.localtime(revision.created_at), "DATETIME_FORMAT")
    return save_draft(
        revision.page,
        revision.data,
        by=by,
        summary=f"Restored the version from {stamp} as the draft",
    )


# Small fixes


def small_fix_refusal(page, draft: Draft) -> str | None:
    """Why the draft needs a clinician's approval; None when it is a small fix."""
    if draft.picture != page.picture():
        return "The picture changed."
    prose = ("summary", page.schema.body) if page.schema.body else PROSE_KEYS
    return prose_refusal(live_data(page), draft.data, known_words=site_words(), prose=prose)


def prose_refusal(
    live: dict, draft: dict, *, known_words=frozenset(), prose=PROSE_KEYS
) -> str | None:
    """Why going from `live` to `draft` is more than a spelling or spacing fix, or None.

    Only the text under the `prose` keys may differ (see editorial.small_fixes).
    """
    ignored = {"status", *prose}
    if any(live.get(key) != draft.get(key) for key in {*live, *draft} - ignored):
        return "More than the text changed."
    pairs = [(old, new) for old, new in _prose_pairs(live, draft, prose) if old != new]
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


def _prose_pairs(live: dict, draft: dict, prose):
    for key in prose:
        if key == "sections":
            old, new = live.get(key, {}), draft.get(key, {})
            for name in sorted({*old, *new}):
                yield old.get(name, ""), new.get(name, "")
        else:
            yield live.get(key, ""), draft.get(key, "")
