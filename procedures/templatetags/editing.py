from django import template

from procedures.models import Procedure

register = template.Library()


@register.inclusion_tag("admin/includes/review_due.html", takes_context=True)
def review_due_notice(context) -> dict:
    """Pages whose clinical review is overdue or due soon, for staff who edit pages."""
    if not context["request"].user.has_perm("procedures.view_procedure"):
        return {"show": False}
    return {"show": True, "procedures": Procedure.objects.review_needed()}
