from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from core import views
from procedures import editor
from procedures.sitemaps import sitemap_view

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler500 = "core.views.server_error"

admin.site.site_header = f"{settings.PRACTICE_NAME}: staff"
admin.site.site_title = "Staff"
admin.site.index_title = "Work"
# The breadcrumbs and the home page lead everywhere; the side menu's 300 px pushed the
# reviewer's columns (review due, review) off a 1280 px screen.
admin.site.enable_nav_sidebar = False

# The patients' pages: English at the addresses they have always had, Spanish under /es/.
urlpatterns = i18n_patterns(
    path("", include("procedures.urls")),
    path("", include("appointments.urls")),
    path("", include("search.urls")),
    path("", include("feedback.urls")),
    prefix_default_language=False,
)
# Staff pages and the site's machinery, in English only.
urlpatterns += [
    # The admin's "View on site" redirect, only for staff who may see that kind of page.
    path(
        settings.ADMIN_URL + "r/<int:content_type_id>/<path:object_id>/",
        admin.site.admin_view(views.view_on_site),
        name="view_on_site",
    ),
    path(settings.ADMIN_URL, admin.site.urls),
    # The editor's preview and picture upload are for the people who may edit pages.
    path("markdownx/markdownify/", editor.preview, name="markdownx_markdownify"),
    path("markdownx/upload/", editor.upload_image, name="markdownx_upload"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap_view, name="sitemap"),
]

if settings.SERVE_MEDIA:
    # Uploaded pictures, for sites without a proxy or object storage to serve them.
    urlpatterns.append(
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )
