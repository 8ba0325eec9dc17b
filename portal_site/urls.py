"""URLs of the back office. The public reads the static build, not these dynamic views."""

from django.conf import settings
from django.urls import include, path
from django.views.decorators.cache import never_cache
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from editorial.account import SchoolAccountView

urlpatterns = [
    # "Tài khoản của tôi" without name/e-mail/avatar editing (names are managed by the principal).
    path("admin/account/", never_cache(require_admin_access(SchoolAccountView.as_view()))),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving renders the pages the static builder writes out; keep it last.
urlpatterns += [path("", include(wagtail_urls))]
