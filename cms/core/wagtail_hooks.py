"""Site-wide files of the public site: the favicon where browsers ask for it first (``/favicon.ico``)."""

from pathlib import Path

from django.conf import settings
from wagtail import hooks

FAVICON = Path(settings.BASE_DIR) / "portal_site" / "static" / "favicon.ico"


@hooks.register("register_static_files")
def favicon(site):
    """``/favicon.ico`` (browsers and feed readers request it without reading the page's ``<link>``)."""
    return {"favicon.ico": FAVICON.read_bytes()} if FAVICON.is_file() else {}
