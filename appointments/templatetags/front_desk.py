from django import template

from appointments.models import CallbackRequest

register = template.Library()


@register.inclusion_tag("admin/includes/new_callbacks.html", takes_context=True)
def new_callbacks_notice(context) -> dict:
    """New requests waiting for a call, and how many of them are overdue, for staff who may
    see them."""
    user = context["request"].user
    if not user.has_perm("appointments.view_callbackrequest"):
        return {"show": False}
    return {
        "show": True,
        "waiting": CallbackRequest.objects.new().count(),
        "overdue": CallbackRequest.objects.overdue().count(),
    }
