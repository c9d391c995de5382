from django.shortcuts import render
from django.views.decorators.cache import never_cache

from search import engine
from search.models import MissedSearch


@never_cache
def search(request):
    """Results for what a patient typed. Never cached or indexed: a search can say a lot
    about the person who made it."""
    text = request.GET.get("q", "")
    context = {"query": text, "max_length": engine.MAX_QUERY_LENGTH}
    if len(text) > engine.MAX_QUERY_LENGTH:
        context["too_long"] = True
        response = render(request, "search/results.html", context, status=400)
    else:
        # "Search instead for" what was typed: the link asks for the words as they are.
        as_typed = request.GET.get("spelling") == "as-typed"
        found = engine.search(text, correct_spelling=not as_typed) if text.strip() else None
        if found is not None and not found.results:
            MissedSearch.record(text)
        context["found"] = found
        response = render(request, "search/results.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response
