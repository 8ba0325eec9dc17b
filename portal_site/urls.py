"""URLs of the back office. The public reads the static build, not these dynamic views."""

from django.conf import settings
from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from cms.core.media import serve_media
from cms.core.settings_admin import settings_redirect
from editorial.account import SchoolAccountView
from editorial.moderation.action_view import SchoolWorkflowActionView
from editorial.moderation.edit_view import ModerationEditView

urlpatterns = [
    # The page editor with the school's moderation rules, at Wagtail's own address (before Wagtail's URLs,
    # so every "edit page" link and form post reaches it; reverse() still names wagtailadmin_pages:edit).
    path(
        "admin/pages/<int:page_id>/edit/",
        never_cache(require_admin_access(ModerationEditView.as_view())),
        name="moderation_page_edit",
    ),
    # The dashboard's workflow buttons, with refusals (a lost race, a stale tab) answered in Vietnamese.
    path(
        "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        never_cache(require_admin_access(SchoolWorkflowActionView.as_view())),
        name="moderation_workflow_action",
    ),
    # "Tài khoản của tôi" without name/e-mail/avatar editing (names are managed by the principal).
    path("admin/account/", never_cache(require_admin_access(SchoolAccountView.as_view()))),
    # The school's settings are edited as drafts approved by the principal: Wagtail's settings form (which
    # saves at once) hands over to the snippet editor (cms.core.settings_admin).
    re_path(
        r"^admin/settings/core/schoolsettings/(?:(?P<site_pk>\d+)/)?$",
        require_admin_access(settings_redirect),
        name="school_settings_edit",
    ),
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
