"""What patients told us, for content editors: the answers, and one report that puts them
beside the searches that found nothing."""

import datetime

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from feedback.models import PageFeedback
from search.models import MissedSearch

# The report looks back as far as the records are kept.
REPORT_DAYS = 90
REPORT_ROWS = 20


@admin.register(PageFeedback)
class PageFeedbackAdmin(admin.ModelAdmin):
    list_display = ("day", "page", "helpful", "missing")
    list_filter = ("helpful", "day", "page_type")
    ordering = ("-day", "-pk")
    change_list_template = "admin/feedback/pagefeedback/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        report = self.admin_site.admin_view(self.report)
        return [path("report/", report, name="feedback_report"), *super().get_urls()]

    def report(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        since = timezone.localdate() - datetime.timedelta(days=REPORT_DAYS)
        context = {
            **self.admin_site.each_context(request),
            "title": "What patients looked for and told us",
            "days": REPORT_DAYS,
            "missed": MissedSearch.objects.filter(day__gte=since).most_frequent(REPORT_ROWS),
            "pages": PageFeedback.objects.since(since).least_helpful_pages(REPORT_ROWS),
            "comments": PageFeedback.objects.since(since).comments()[:50],
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/feedback/report.html", context)
