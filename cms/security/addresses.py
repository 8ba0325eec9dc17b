"""The address a sign-in attempt comes from, for django-axes' lockout per (username, address) (Điều 2, 13.2).

Behind the one nginx in ``deploy/nginx/admin.conf`` (``PORTAL_BEHIND_PROXY``), gunicorn listens on a unix
socket, so ``REMOTE_ADDR`` is empty for everyone; nginx appends the address it saw to ``X-Forwarded-For``
(``$proxy_add_x_forwarded_for``). The LAST entry is therefore the only one nobody but nginx wrote: earlier
entries come from the client and are ignored, so a forged header can neither share the principal's lockout
nor escape one's own.
"""

from django.conf import settings


def client_address(request):
    """``request``'s client address as a string, or ``None`` when it cannot be known.

    With ``settings.PORTAL_BEHIND_PROXY``: the last ``X-Forwarded-For`` entry, else ``REMOTE_ADDR``.
    Without a proxy (development, tests): ``REMOTE_ADDR`` only; a client's ``X-Forwarded-For`` is ignored.
    """
    meta = request.META
    if getattr(settings, "PORTAL_BEHIND_PROXY", False):
        forwarded = [part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            return forwarded[-1]
    return meta.get("REMOTE_ADDR") or None
