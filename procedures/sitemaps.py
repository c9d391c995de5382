from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from procedures.models import Comparison, Condition, Procedure


class ProcedureSitemap(Sitemap):
    def items(self):
        return Procedure.objects.published()

    def lastmod(self, procedure):
        return procedure.updated_at


class ConditionSitemap(Sitemap):
    def items(self):
        return Condition.objects.all()

    def lastmod(self, condition):
        return condition.updated_at


class ComparisonSitemap(Sitemap):
    def items(self):
        return Comparison.objects.published().select_related("first", "second")

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
