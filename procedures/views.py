"""Public pages: home, treatments, conditions, and the short information pages."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from procedures.models import Condition, Procedure


def _conditions_with_treatments():
    published = Procedure.objects.published().only("title", "slug", "summary")
    return Condition.objects.prefetch_related(Prefetch("procedures", queryset=published))


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
    procedure = get_object_or_404(
        Procedure.objects.published().prefetch_related(
            "conditions", Prefetch("related", queryset=Procedure.objects.published())
        ),
        slug=slug,
    )
    return render(request, "procedures/procedure_detail.html", {"procedure": procedure})


def condition_list(request):
    return render(
        request, "procedures/condition_list.html", {"conditions": _conditions_with_treatments()}
    )


def condition_detail(request, slug: str):
    condition = get_object_or_404(_conditions_with_treatments(), slug=slug)
    return render(request, "procedures/condition_detail.html", {"condition": condition})
