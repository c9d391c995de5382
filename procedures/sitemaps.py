from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.contrib.sites.requests import RequestSite
from django.urls import reverse

from core.languages import page_languages
from procedures.models import Comparison, Condition, Procedure
from procedures.translated import glossary_languages, live_languages, with_live_languages


class HostSitemap(Sitemap):
    """Addresses on the host the sitemap was asked for, not the sites framework's one Site
    (which is there only to hold old page addresses for django.contrib.redirects)."""

    def __init__(self, request):
        self.host = RequestSite(request).domain

    def get_domain(self, site=None) -> str:
        return self.host


class TranslatedSitemap(HostSitemap):
    """Pages of staff-written text, each in English and every language it is live in."""

    i18n = True
    alternates = True
    x_default = True

    def get_languages_for_item(self, page):
        return sorted(live_languages(page))


# A sitemap needs each page's address and last change; the page text would only be carried.
class ProcedureSitemap(TranslatedSitemap):
    def items(self):
        return with_live_languages(Procedure.objects.published().only("slug", "updated_at"))

    def lastmod(self, procedure):
        return procedure.updated_at


class ConditionSitemap(TranslatedSitemap):
    def items(self):
        return with_live_languages(Condition.objects.published().only("slug", "updated_at"))

    def lastmod(self, condition):
        return condition.updated_at


class ComparisonSitemap(TranslatedSitemap):
    def items(self):
        fields = ("slug", "updated_at", "first__updated_at", "second__updated_at")
        found = Comparison.objects.published().select_related("first", "second").only(*fields)
        for prefix in ("", "first__", "second__"):
            found = with_live_languages(found, prefix)
        return found

    def get_languages_for_item(self, comparison):
        # Its table shows the two procedures' facts: it is in a language only if all three are.
        pages = (comparison, comparison.first, comparison.second)
        return sorted(set.intersection(*map(live_languages, pages)))

    def lastmod(self, comparison):
        return max(comparison.updated_at, comparison.first.updated_at, comparison.second.updated_at)


class PageSitemap(HostSitemap):
    """The site's own pages, each in every language it is written in, with its hreflang
    alternates."""

    i18n = True
    alternates = True
    x_default = True
    names = (
        "home",
        "procedure_list",
        "condition_list",
        "glossary",
        "privacy",
        "accessibility",
        "disclaimer",
    )

    def items(self):
        return self.names

    def get_languages_for_item(self, name):
        if name == "glossary":
            return sorted(glossary_languages())
        return page_languages(f"procedures:{name}")

    def location(self, name):
        return reverse(f"procedures:{name}")


SITEMAPS = {
    "pages": PageSitemap,
    "procedures": ProcedureSitemap,
    "conditions": ConditionSitemap,
    "comparisons": ComparisonSitemap,
}


def sitemap_view(request):
    return sitemap(request, {name: kind(request) for name, kind in SITEMAPS.items()})
