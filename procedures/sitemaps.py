from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from procedures.models import Comparison, Condition, Procedure


# A sitemap needs each page's address and last change; the page text would only be carried.
class ProcedureSitemap(Sitemap):
    def items(self):
        return Procedure.objects.published().only("slug", "updated_at")

    def lastmod(self, procedure):
        return procedure.updated_at


class ConditionSitemap(Sitemap):
    def items(self):
        return Condition.objects.only("slug", "updated_at")

    def lastmod(self, condition):
        return condition.updated_at


class ComparisonSitemap(Sitemap):
    def items(self):
        fields = ("slug", "updated_at", "first__updated_at", "second__updated_at")
        return Comparison.objects.published().select_related("first", "second").only(*fields)

    def lastmod(self, comparison):
        return max(comparison.updated_at, comparison.first.updated_at, comparison.second.updated_at)


class PageSitemap(Sitemap):
    names = ("home", "procedure_list", "condition_list", "glossary", "privacy", "accessibility",
             "disclaimer")  # fmt: skip

    def items(self):
        return self.names

    def location(self, name):
        return reverse(f"procedures:{name}")


SITEMAPS = {
    "pages": PageSitemap,
    "procedures": ProcedureSitemap,
    "conditions": ConditionSitemap,
    "comparisons": ComparisonSitemap,
}
