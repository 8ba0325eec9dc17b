"""ASGI entry point for the back office."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal_site.settings.production")
application = get_asgi_application()
