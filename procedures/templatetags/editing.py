from django import template

from core import roles
from procedures.models import Draft, DraftState, Procedure

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
    waiting = Draft.objects.filter(state=DraftState.SUBMITTED).select_related("procedure")
    return {
        "show": True,
        "drafts": waiting.order_by("submitted_at"),
        "can_review": user.has_perm("procedures.review_procedure"),
    }
