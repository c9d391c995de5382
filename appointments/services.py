"""Saving a patient's callback request, then telling the front desk."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from appointments.models import CallbackRequest, new_reference

logger = logging.getLogger(__name__)

REFERENCE_ATTEMPTS = 5


def submit_request(*, fields: dict) -> CallbackRequest:
    """Save the request under a fresh reference, and e-mail the front desk once it is stored.

    The link in the e-mail starts with SITE_URL, never with the request's own Host header.
    """
    callback = _save_with_unique_reference(fields)
    transaction.on_commit(
        lambda: notify_front_desk(
            reference=callback.reference, link=settings.SITE_URL + callback.admin_path()
        )
    )
    return callback


def _save_with_unique_reference(fields: dict) -> CallbackRequest:
    # The form has checked everything else, so an IntegrityError here is a clash of
    # references; with 30^6 of them that is rare, and drawing again fixes it.
    for _ in range(REFERENCE_ATTEMPTS):
        try:
            with transaction.atomic():
                return CallbackRequest.objects.create(reference=new_reference(), **fields)
        except IntegrityError:
            continue
    raise RuntimeError("Could not find an unused callback reference.")


def notify_front_desk(*, reference: str, link: str) -> None:
    """E-mail the reference and a link, nothing else: e-mail is no place for health details."""
    if not settings.FRONT_DESK_EMAIL:
        return
    try:
        send_mail(
            subject=f"New callback request {reference}",
            message=(
                f"A patient has asked us to call them back.\n\n"
                f"Reference: {reference}\n"
                f"Open it here (staff sign-in needed): {link}\n"
            ),
            from_email=None,
            recipient_list=[settings.FRONT_DESK_EMAIL],
        )
    except Exception:
        # The request is saved and shows in the admin list; a lost e-mail must not lose it.
        logger.exception("Could not e-mail the front desk about callback request %s", reference)
