"""WSGI entry point for the back office (gunicorn ``portal_site.wsgi``; deploy/gunicorn.conf.py).

In production the system checks run first (``cms/core/checks.py``, Django's deployment checks): a missing or
local public/admin address stops the process with the message in the journal instead of serving wrong links.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal_site.settings.production")
application = get_wsgi_application()


def _refuse_misconfiguration():
    from django.conf import settings
    from django.core import checks
    from django.core.exceptions import ImproperlyConfigured

    if not getattr(settings, "PORTAL_PRODUCTION", False):
        return
    errors = [m for m in checks.run_checks(include_deployment_checks=True) if m.is_serious()]
    if errors:
        raise ImproperlyConfigured("\n".join(str(m) for m in errors))


_refuse_misconfiguration()
