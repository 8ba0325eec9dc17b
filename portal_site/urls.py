"""URLs of the back office. The public reads the static build, not these dynamic views."""

from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.core.media import serve_media

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Media is never served raw to anonymous visitors (the public reads the builder's copies): staff only.
    re_path(r"^media/(?P<path>.+)$", serve_media, name="protected_media"),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

# Wagtail's page serving renders the pages the static builder writes out; keep it last.
urlpatterns += [path("", include(wagtail_urls))]
