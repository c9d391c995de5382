"""'Did this page help?': a Yes or No, then an optional 'What was missing?'.

The forms carry no CSRF token on purpose. The pages that hold them are cached and shared
by every reader, so they cannot carry one; and these forms act for nobody (no account, no
session), so a forged answer could do nothing a direct one could not. The rate limit is
what stops a flood.
"""

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core import ratelimit
from core.security import client_address
from feedback.forms import HelpedForm, MissingForm
from feedback.models import PageFeedback
from procedures.models import Revision

RATE_SETTING = "FEEDBACK_RATE_LIMIT"


@csrf_exempt
@require_POST
@never_cache
def helped(request):
    form = HelpedForm(request.POST)
    if not form.is_valid():
        return render(request, "feedback/not_taken.html", status=400)
    if ratelimit.over_limit(client_address(request), RATE_SETTING):
        return render(request, "feedback/not_taken.html", {"busy": True}, status=429)
    page = form.cleaned_data["page"]
    feedback = PageFeedback.objects.create(
        page=page,
        revision=Revision.objects.of(page).first(),
        helpful=form.cleaned_data["helpful"] == "yes",
    )
    context = {"page": page}
    if not feedback.helpful:
        context["form"] = MissingForm(initial={"answer": MissingForm.token_for(feedback)})
    return render(request, "feedback/thanks.html", context)


@csrf_exempt
@require_POST
@never_cache
def missing(request):
    form = MissingForm(request.POST)
    if not form.is_valid():
        if "answer" in form.errors:
            return render(request, "feedback/not_taken.html", {"reason": form.errors["answer"][0]})
        page = form.cleaned_data["answer"].page
        return render(request, "feedback/thanks.html", {"form": form, "page": page})
    if ratelimit.over_limit(client_address(request), RATE_SETTING):
        return render(request, "feedback/not_taken.html", {"busy": True}, status=429)
    feedback = form.cleaned_data["answer"]
    feedback.missing = form.cleaned_data["missing"].strip()
    feedback.save(update_fields=["missing"])
    return render(request, "feedback/thanks.html", {"page": feedback.page, "told_us": True})
