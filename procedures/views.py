"""Public pages: home, treatments, conditions, and the short information pages."""

import functools
import re
from collections import defaultdict
from typing import NamedTuple

from django.db.models import F, Prefetch
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import get_script_prefix, reverse
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache

from core.languages import DEFAULT_LANGUAGE, set_written_in, shown_language
from editorial.publishing import working_page
from procedures.article import procedure_article
from procedures.mentions import link_mentions
from procedures.models import (
    OPTION_FACTS,
    Comparison,
    Condition,
    GlossaryTerm,
    Option,
    Procedure,
    Status,
    Translation,
)
from procedures.models.pages import with_everyday_name
from procedures.plan import PlanForm, calendar_file, dated_steps, in_words
from procedures.translated import (
    entries_in_reader_language,
    glossary_languages,
    in_reader_language,
    show_in_reader_language,
    words_in_reader_language,
)


class Treatment(NamedTuple):
    """What a list shows of a published procedure. The list of treatments shows every one,
    some under several conditions: plain values cost far less to read than model rows."""

    title: str
    lay_name: str
    slug: str
    summary: str
    language: str = DEFAULT_LANGUAGE  # of the words shown

    FIELDS = ("title", "lay_name", "slug", "summary")
    WORDS = ("title", "lay_name", "summary")

    @property
    def list_name(self) -> str:
        return with_everyday_name(self.title, self.lay_name)

    def get_absolute_url(self) -> str:
        return _address("procedures:procedure_detail", self.slug)


class ConditionLink(NamedTuple):
    name: str
    slug: str
    language: str = DEFAULT_LANGUAGE

    def get_absolute_url(self) -> str:
        return _address("procedures:condition_detail", self.slug)


class ComparisonLink(NamedTuple):
    """A comparison of the page's procedure with another, named by the other one."""

    slug: str
    other_title: str
    language: str = DEFAULT_LANGUAGE

    def get_absolute_url(self) -> str:
        return _address("procedures:comparison", self.slug)


def _address(url_name: str, slug: str) -> str:
    # The address depends on the prefix and on the language (/es/...), so both are in the key.
    return _page_url(url_name, slug, get_script_prefix(), translation.get_language())


@functools.lru_cache(maxsize=4096)
def _page_url(url_name: str, slug: str, script_prefix: str, language: str) -> str:
    return reverse(url_name, args=[slug])


def _conditions_with_treatments(conditions=None) -> list[Condition]:
    """Conditions, each with `treatments`: its published procedures, A to Z, in the
    reader's language where they are translated."""
    conditions = in_reader_language(
        Condition.objects.published() if conditions is None else conditions
    )
    links = Procedure.conditions.through.objects.filter(procedure__status=Status.PUBLISHED)
    fields = [f"procedure__{name}" for name in Treatment.FIELDS]
    found = list(links.order_by("procedure__title").values_list("condition_id", *fields))
    condition_ids = [condition_id for condition_id, *_ in found]
    treatments = [Treatment(*values) for _, *values in found]
    by_condition = defaultdict(list)
    for condition_id, treatment in zip(
        condition_ids,
        entries_in_reader_language(Procedure, treatments, Treatment.WORDS),
        strict=True,
    ):
        by_condition[condition_id].append(treatment)
    for condition in conditions:
        condition.treatments = by_condition[condition.pk]
    return conditions


def _shown_procedures():
    # The Markdown sources are only for editing; pages show the HTML kept beside them.
    return Procedure.objects.published().defer(*Procedure.markdown_fields())


def home(request):
    """The patient's problem first, in their words, the most common first."""
    conditions = _conditions_with_treatments(
        Condition.objects.published().order_by(F("home_order").asc(nulls_last=True), "name")
    )
    return render(request, "procedures/home.html", {"conditions": conditions})


def procedure_list(request):
    return render(
        request,
        "procedures/procedure_list.html",
        {
            "conditions": _conditions_with_treatments(),
            "unlinked": entries_in_reader_language(
                Procedure,
                [
                    Treatment(*values)
                    for values in Procedure.objects.published()
                    .filter(conditions=None)
                    .values_list(*Treatment.FIELDS)
                ],
                Treatment.WORDS,
            ),
        },
    )


def procedure_detail(request, slug: str):
    procedure = _shown_procedures().filter(slug=slug).first()
    if procedure is None:
        raise Http404  # an old address of a page is answered by the redirects middleware
    show_in_reader_language(request, procedure)
    return render_procedure(request, procedure)


def draft_preview(request, page):
    """Any kind of page with its draft, in the public design, marked as a preview."""
    draft, links = working_page(page)
    if isinstance(draft, Translation):
        # The live English page with the draft's words, in the translation's language.
        english = type(draft.original).objects.get(pk=draft.original_id)
        links = {name: getattr(english, name).all() for name in english.many_link_fields()}
        draft.show_on(english)
        with translation.override(draft.language):
            return _preview(request, english, links)
    return _preview(request, draft, links)


def _preview(request, draft, links):
    if isinstance(draft, Procedure):
        response = render_procedure(
            request,
            draft,
            preview=True,
            conditions=links["conditions"],
            related=links["related"].published(),
        )
    elif isinstance(draft, Condition):
        response = render_condition(request, draft, preview=True)
    elif isinstance(draft, Option):
        response = _option_preview(request, draft, links["conditions"])
    elif isinstance(draft, Comparison):
        response = render_comparison(request, draft, preview=True)
    else:
        response = render_glossary(request, draft=draft)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _option_preview(request, option, conditions):
    """An option has no page: it shows on its first condition's page, among the others."""
    condition = conditions.order_by("slug").first()
    if condition is None:
        raise Http404
    others = [other for other in condition.options.published() if other.pk != option.pk]
    return render_condition(
        request, condition, preview=True, options=[*others, option], preview_page=option
    )


def render_procedure(request, procedure, *, preview=False, conditions=None, related=None):
    """The public procedure page. Previews of unsaved changes pass their own relations."""
    if conditions is None:
        conditions = [ConditionLink(*v) for v in procedure.conditions.values_list("name", "slug")]
        conditions = entries_in_reader_language(Condition, conditions, ("name",))
    if related is None:
        related = procedure.related.published().values_list(*Treatment.FIELDS)
        related = [Treatment(*values) for values in related]
        related = entries_in_reader_language(Procedure, related, Treatment.WORDS)
    # base.html shows the page's own text in the page's language, which for a page in
    # English only is not the address's; the article is made here, so it is made in that too.
    with translation.override(shown_language(request)):
        article = procedure_article(
            procedure,
            conditions=conditions,
            related=related,
            comparisons=_comparisons_of(procedure) if procedure.pk else [],
            preview=preview,
        )
    context = {
        "procedure": procedure,
        "preview": preview,
        "preview_page": procedure,
        "article": article,
    }
    return render(request, "procedures/procedure_detail.html", context)


def _comparisons_of(procedure) -> list[ComparisonLink]:
    found = Comparison.objects.published().involving(procedure)
    titles = words_in_reader_language(Procedure, "title")
    language = translation.get_language()
    links = []
    for slug, first_id, *first, second_slug, second_title in found.values_list(
        "slug", "first_id", "first__slug", "first__title", "second__slug", "second__title"
    ):
        other_slug, other_title = (second_slug, second_title) if first_id == procedure.pk else first
        if other_slug in titles:
            links.append(ComparisonLink(slug, titles[other_slug]["title"], language))
        else:
            links.append(ComparisonLink(slug, other_title))
    return links


def condition_list(request):
    return render(
        request, "procedures/condition_list.html", {"conditions": _conditions_with_treatments()}
    )


def _option_procedures():
    option_fields = [name for name, _ in OPTION_FACTS]
    return Procedure.objects.published().only("title", "slug", *option_fields)


def condition_detail(request, slug: str):
    condition = (
        Condition.objects.published()
        .prefetch_related(
            Prefetch("procedures", queryset=_option_procedures()),
            Prefetch("options", queryset=Option.objects.published()),
        )
        .filter(slug=slug)
        .first()
    )
    if condition is None:
        raise Http404  # an old address of a page is answered by the redirects middleware
    show_in_reader_language(request, condition)
    return render_condition(request, condition)


def render_condition(
    request, condition, *, preview=False, procedures=None, options=None, preview_page=None
):
    """The condition page; a preview passes the options it shows, as they are prefetched
    for the live page."""
    if preview and procedures is None:
        procedures = _option_procedures().filter(conditions=condition)
    if preview and options is None:
        options = condition.options.published()
    procedures = condition.procedures.all() if procedures is None else procedures
    procedures = in_reader_language(procedures)
    options = in_reader_language(condition.options.all() if options is None else options)
    # Any treatment the text names is linked, not only this condition's.
    published = Procedure.objects.published().only("title", "slug")
    titles = words_in_reader_language(Procedure, "title")
    treatments = {
        titles.get(page.slug, {"title": page.title})["title"]: page.get_absolute_url()
        for page in published
    }
    treatments |= {option.title: f"#option-{option.slug}" for option in options}
    context = {
        "condition": condition,
        "description_html": link_mentions(
            condition.description_html, section_id=PROCEDURE_HEADING_ID, addresses=treatments
        ),
        "contents": HEADING.findall(condition.description_html),
        "comparisons": Comparison.objects.published()
        .filter(first__in=procedures, second__in=procedures)
        .select_related("first", "second"),
        "options": _options(procedures, options),
        "preview": preview,
        "preview_page": preview_page or condition,
    }
    return render(request, "procedures/condition_detail.html", context)


# The part of a condition's description whose treatments are linked, and its headings,
# which its contents list (the description is our own sanitized HTML: ids from its text).
PROCEDURE_HEADING_ID = "when-a-procedure-may-help"
HEADING = re.compile(r'<h2 id="([^"]+)">([^<]+)</h2>')


def _options(procedures, options) -> list[dict]:
    """Every option for the condition with the same facts each, in A to Z order: none is
    put first as the default."""
    pages = [*procedures, *options]
    return [
        {
            "title": page.title,
            "slug": page.slug,
            "language": getattr(page, "language", DEFAULT_LANGUAGE),
            "page": page.get_absolute_url() if isinstance(page, Procedure) else None,
            "facts": [(label, getattr(page, name)) for name, label in OPTION_FACTS],
            "sources": [] if isinstance(page, Procedure) else page.source_list,
        }
        for page in sorted(pages, key=lambda page: page.title.lower())
    ]


def comparison(request, pair: str):
    compared = Comparison.objects.published().select_related("first", "second")
    found = compared.filter(slug=pair).first()
    if found is None:
        # The same two procedures named the other way round: one address for each pair.
        first, separator, second = pair.partition("-vs-")
        swapped = compared.filter(slug=Comparison.address(second, first)).first()
        if separator and swapped:
            return HttpResponsePermanentRedirect(swapped.get_absolute_url())
        raise Http404  # an old address of a page is answered by the redirects middleware
    # Its table shows the two procedures' facts: it is in a language only if all three are.
    show_in_reader_language(request, found, found.first, found.second)
    return render_comparison(request, found)


def render_comparison(request, comparison, *, preview=False):
    context = {"comparison": comparison, "preview": preview, "preview_page": comparison}
    return render(request, "procedures/comparison.html", context)


def glossary(request):
    return render_glossary(request)


def render_glossary(request, *, draft=None):
    """The glossary; with `draft`, a preview that shows that term's draft in its place."""
    terms = [term for term in GlossaryTerm.objects.published() if draft is None or term != draft]
    if draft is None:
        terms = in_reader_language(terms)
        set_written_in(request, glossary_languages())
    terms = sorted([*terms, *([draft] if draft else [])], key=lambda term: term.term.lower())
    sources = sorted(
        {source for term in terms for source in term.source_list},
        key=lambda source: source.title.lower(),
    )
    context = {
        "terms": terms,
        "sources": sources,
        "preview": draft is not None,
        "preview_page": draft,
    }
    return render(request, "procedures/glossary.html", context)


@never_cache
def preparation_plan(request, slug: str):
    """The procedure's steps on the patient's own dates. Marked noindex; nothing is stored."""
    procedure = _shown_procedures().filter(slug=slug).first()
    if procedure is None:
        raise Http404  # an old address of a page is answered by the redirects middleware
    show_in_reader_language(request, procedure)
    return _plan_page(request, procedure, PlanForm(request.GET if "date" in request.GET else None))


def _plan_page(request, procedure, form, status: int = 200):
    """The plan's page: the form, and the dated steps once the date is right. A date with a
    mistake is the form shown again with its message, as any form is."""
    context = {"procedure": procedure, "form": form, "today": timezone.localdate()}
    if form.is_valid():
        date = form.cleaned_data["date"]
        context.update(
            date=date,
            date_in_words=in_words(date),
            preparation=dated_steps(date, procedure.preparation_plan),
            recovery=dated_steps(date, procedure.recovery_plan),
        )
    response = render(request, "procedures/plan.html", context, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
def preparation_calendar(request, slug: str):
    """The plan as an iCalendar file: an event for each day with steps, and the procedure's."""
    procedure = _shown_procedures().filter(slug=slug).first()
    if procedure is None:
        raise Http404
    show_in_reader_language(request, procedure)
    form = PlanForm(request.GET)
    if not form.is_valid():
        # No file can be made: the plan page says why, and the status says it is no file.
        return _plan_page(request, procedure, form, status=400)
    date = form.cleaned_data["date"]
    steps = dated_steps(date, [*procedure.preparation_plan, *procedure.recovery_plan])
    response = HttpResponse(
        calendar_file(procedure, date, steps), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{procedure.slug}-plan.ics"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
