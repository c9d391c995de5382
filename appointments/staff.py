"""The people who work callback requests, as the front desk knows them: by name."""

from django.contrib.auth import get_user_model
from django.db.models import Case, F, When

from core.roles import FRONT_DESK


def front_desk_staff():
    """Active staff in the Front desk group, in the order of their names as staff_name gives
    them: who may be given a request."""
    shown_first = Case(When(first_name="", then=F("username")), default=F("first_name"))
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True, groups__name=FRONT_DESK.group)
        .order_by(shown_first, "last_name")
    )
