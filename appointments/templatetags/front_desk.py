from django import template

from appointments.models import CallbackRequest

register = template.Library()


@register.inclusion_tag("admin/includes/new_callbacks.html", takes_context=True)
def new_callbacks_notice(context) -> dict:
    """The count of new callback requests, for staff allowed to see them."""
    user = context["request"].user
    if not user.has_perm("appointments.view_callbackrequest"):
        return {"show": False}
    new = CallbackRequest.objects.new().order_by("created_at")
    oldest = new.values_list("created_at", flat=True).first()
    return {"show": True, "count": new.count(), "oldest": oldest}
