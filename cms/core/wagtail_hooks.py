"""Back-office rules that belong to no single content app, and site-wide files of the public site."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .settings_admin import SchoolSettingsViewSet

FAVICON = Path(settings.BASE_DIR) / "portal_site" / "static" / "favicon.ico"


@hooks.register("before_serve_document")
def documents_for_staff_only(document, request):
    """Wagtail's ``/documents/<id>/<file>`` is for the back office; the public reads the static site's copies.

    Media is never public (docs/decisions/0014-production.md): anonymous visitors are sent to the login page;
    otherwise the same rule as ``/media/`` decides (``cms.core.media.may_read_media``: admin access, and no
    app refusing the file, e.g. a pupil's account reads no documents).
    """
    from .media import may_read_media

    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
    if not may_read_media(user, document.file.name):
        raise PermissionDenied
    return None


@hooks.register("register_static_files")
def favicon(site):
    """``/favicon.ico`` (browsers and feed readers request it without reading the page's ``<link>``)."""
    return {"favicon.ico": FAVICON.read_bytes()} if FAVICON.is_file() else {}


# The school's settings have drafts and the principal's approval (cms.core.settings_admin).
register_snippet(SchoolSettingsViewSet)
