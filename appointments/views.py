"""The patient's side: the callback form and its confirmation."""

import logging

from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from redis.exceptions import RedisError

from appointments.forms import CallbackForm
from appointments.services import submit_request
from core import ratelimit
from core.security import body_length, client_address
from core.views import unsupported_media_type

logger = logging.getLogger(__name__)

SESSION_KEY = "callback_reference"
# The form has no file field, so it takes only plain form bodies.
FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded",)


@sensitive_post_parameters()
@sensitive_variables("form")
def request_callback(request):
    if request.method == "POST":
        if body_length(request) and request.content_type not in FORM_CONTENT_TYPES:
            return unsupported_media_type(request)
        form = CallbackForm(request.POST)
        if form.is_spam:
            # Look like success so the bot learns nothing; save nothing.
            return render(request, "appointments/sent.html", {"reference": None})
        if form.is_valid():
            if ratelimit.over_limit(client_address(request)):
                return render(request, "appointments/rate_limited.html", status=429)
            callback = submit_request(
                fields=form.request_fields(), served_at=request.build_absolute_uri("/")
            )
            if not _remember_reference(request, callback.reference):
                return render(request, "appointments/sent.html", {"reference": callback.reference})
            return redirect("appointments:sent")
    else:
        form = CallbackForm(initial={"procedure": request.GET.get("procedure")})
    return render(request, "appointments/request_callback.html", {"form": form})


def _remember_reference(request, reference: str) -> bool:
    """Keep the reference for the confirmation page; False when the session store is down.

    The request is saved by then, so the patient is shown it at once instead of an error
    that would make them send it again.
    """
    try:
        request.session[SESSION_KEY] = reference
        request.session.save()
    except RedisError:
        logger.error("Callback confirmation shown without a session: Redis did not answer")
        request.session.clear()  # an empty session is one the middleware does not save
        return False
    return True


def sent(request):
    """The confirmation, only for the browser that sent the request."""
    reference = request.session.get(SESSION_KEY)
    if not reference:
        return redirect("appointments:request_callback")
    return render(request, "appointments/sent.html", {"reference": reference})
