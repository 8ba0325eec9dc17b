"""Media (uploaded images and documents) is private: only the back office's staff read it, through a view.

- Storage: the local ``MEDIA_ROOT`` or a PRIVATE S3-compatible bucket (``PrivateMediaStorage``; never
  public-read). Either way a file's address is ``/media/<name>``: the static builder recognises it in rendered
  pages and copies exactly the files public pages use into the public site (folder or site bucket).
- ``serve_media``: the back office's ``/media/…`` — logged-in staff with admin access only. Local files go out
  through nginx (``X-Accel-Redirect`` to an ``internal`` location when ``PORTAL_MEDIA_ACCEL_PREFIX`` is set),
  bucket files are streamed. PDFs and images open in the browser; other types download (Content-Disposition).
"""

import mimetypes
import posixpath
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse, Http404, HttpResponse
from storages.backends.s3 import S3Storage
from wagtail import hooks

INLINE_TYPES = ("application/pdf", "image/jpeg", "image/png", "image/webp", "image/gif")


class PrivateMediaStorage(S3Storage):
    """django-storages S3 with private objects, correct Content-Type and a private Cache-Control.

    ``url()`` is the back office's ``/media/<name>`` (never a bucket address or a signed URL), so pages render
    the same addresses with local or bucket media and the builder copies what they use.
    """

    default_acl = "private"
    querystring_auth = True
    file_overwrite = False

    def get_object_parameters(self, name):
        params = super().get_object_parameters(name)
        params["ContentType"] = mimetypes.guess_type(name)[0] or "application/octet-stream"
        params["CacheControl"] = "private, max-age=3600"
        return params

    def url(self, name, parameters=None, expire=None, http_method=None):
        return settings.MEDIA_URL + quote(name.lstrip("/"))


MEDIA_ACCESS_HOOK = "portal_media_access"


def _may_read(user):
    return user.is_authenticated and user.is_active and user.has_perm("wagtailadmin.access_admin")


def may_read_media(user, name):
    """Whether ``user`` may download the stored file ``name`` (a media path such as ``documents/x.pdf``).

    Back-office access is required; then every function registered with the Wagtail hook
    ``portal_media_access`` (signature ``(user, name) -> bool | None``) is asked, and any ``False`` refuses:
    apps that know a file is staff-only (a library test paper, a document) say so, without ``cms.core``
    knowing them. ``None`` means "not mine".
    """
    if not _may_read(user):
        return False
    return all(rule(user, name) is not False for rule in hooks.get_hooks(MEDIA_ACCESS_HOOK))


def serve_media(request, path):
    """``/media/<path>`` for the back office: staff only; 404 for a missing file or a path outside media."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
    name = posixpath.normpath(path).lstrip("/")
    if name.startswith("..") or name in ("", "."):
        raise Http404
    if not may_read_media(request.user, name):
        raise PermissionDenied
    if not default_storage.exists(name):
        raise Http404
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    filename = posixpath.basename(name)
    disposition = "inline" if content_type in INLINE_TYPES else "attachment"
    accel = getattr(settings, "PORTAL_MEDIA_ACCEL_PREFIX", "")
    if accel and isinstance(default_storage, FileSystemStorage):
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = accel.rstrip("/") + "/" + quote(name)
    else:
        response = FileResponse(default_storage.open(name, "rb"), content_type=content_type)
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(filename)}"
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
