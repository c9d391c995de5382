"""Public pages: home, treatments, conditions, and the short information pages."""

from django.db.models import Prefetch
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from procedures.models import Condition, PageRedirect, Procedure


def _conditions_with_treatments():
    published = Procedure.objects.published().only("title", "slug", "summary")
    return Condition.objects.prefetch_related(Prefetch("procedures", queryset=published))


def _moved_or_404(request):
    """A permanent redirect when the page at this address moved; otherwise 404."""
    moved = PageRedirect.objects.filter(old_path=request.path).first()
    if moved is None:
        raise Http404
    return HttpResponsePermanentRedirect(moved.new_path)


def home(request):
    return render(request, "procedures/home.html", {"conditions": _conditions_with_treatments()})


def procedure_list(request):
    return render(
        request,
        "procedures/procedure_list.html",
        {
            "conditions": _conditions_with_treatments(),
            "unlinked": Procedure.objects.published().filter(conditions=None),
        },
    )


def procedure_detail(request, slug: str):
    # The Markdown sources are only for editing; the page shows the HTML kept beside them.
    shown = Procedure.objects.published().defer(*Procedure.markdown_fields())
    procedure = shown.filter(slug=slug).first()
    if procedure is None:
        return _moved_or_404(request)
    return render_procedure(request, procedure)


@never_cache
def procedure_preview(request, slug: str):
    """A page exactly as patients would see it, whatever its status; staff editors only."""
    if not request.user.has_perm("procedures.view_procedure"):
        raise Http404
    procedure = Procedure.objects.filter(slug=slug).first()
    if procedure is None:
        raise Http404
    response = render_procedure(request, procedure, preview=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def render_procedure(request, procedure, *, preview=False, conditions=None, related=None):
    """The public procedure page. Previews of unsaved changes pass their own relations."""
    if conditions is None:
        conditions = procedure.conditions.only("name", "slug")
    if related is None:
        related = procedure.related.published().only("title", "slug", "summary")
    context = {
        "procedure": procedure,
        "conditions": conditions,
        "related": related,
        "preview": preview,
    }
    return render(request, "procedures/procedure_detail.html", context)


def condition_list(request):
    return render(
        request, "procedures/condition_list.html", {"conditions": _conditions_with_treatments()}
    )


def condition_detail(request, slug: str):
    condition = _conditions_with_treatments().filter(slug=slug).first()
    if condition is None:
        return _moved_or_404(request)
    return render(request, "procedures/condition_detail.html", {"condition": condition})
