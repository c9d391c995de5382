from django import template
from django.urls import reverse
from django.utils.text import capfirst

from core import roles
from procedures.models import Draft, DraftState, Procedure
from procedures.models.translations import behind_english

register = template.Library()


@register.filter
def staff_name(user) -> str:
    return roles.staff_name(user)


@register.inclusion_tag("admin/includes/review_due.html", takes_context=True)
def review_due_notice(context) -> dict:
    """Pages whose clinical review is overdue or due soon, for staff who edit pages."""
    if not context["request"].user.has_perm("procedures.view_procedure"):
        return {"show": False}
    return {"show": True, "procedures": Procedure.objects.review_needed()}


@register.inclusion_tag("admin/includes/drafts_in_review.html", takes_context=True)
def drafts_in_review_notice(context) -> dict:
    """Drafts waiting for a clinician, for the people who approve them and who write them."""
    user = context["request"].user
    if not user.has_perm("procedures.view_procedure"):
        return {"show": False}
    can_review = user.has_perm("procedures.review_procedure")
    waiting = Draft.objects.filter(state=DraftState.SUBMITTED).order_by("submitted_at")
    step = "review" if can_review else "change"
    drafts = [
        {
            "page": draft.page,
            "kind": capfirst(draft.page._meta.verbose_name),
            "url": reverse(
                f"admin:procedures_{draft.page._meta.model_name}_{step}", args=[draft.page_id]
            ),
            "submitted_at": draft.submitted_at,
        }
        for draft in waiting.prefetch_related("page")
        if draft.page is not None
    ]
    return {"show": True, "drafts": drafts, "can_review": can_review}


@register.inclusion_tag("admin/includes/translations_behind.html", takes_context=True)
def translations_behind_notice(context) -> dict:
    """Translations whose English page changed since, for the staff who edit pages."""
    if not context["request"].user.has_perm("procedures.view_proceduretranslation"):
        return {"show": False}
    rows = [
        {
            "translation": row,
            "url": reverse(f"admin:procedures_{row._meta.model_name}_change", args=[row.pk]),
        }
        for row in behind_english()
    ]
    return {"show": True, "rows": rows}
