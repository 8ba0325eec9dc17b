"""The portal's absolute addresses: the public static site and the back office.

The public address is data — ``SchoolSettings.public_url`` of the default Wagtail site, seeded from
``PORTAL_PUBLIC_URL`` by ``manage.py setup_school`` — so one Department server can host many schools, each
with its own address. Empty falls back to ``settings.SITE_PUBLIC_URL`` (from the environment; in development
the port ``make run`` serves the site on). The back office's address is ``WAGTAILADMIN_BASE_URL``
(``PORTAL_ADMIN_BASE_URL``).
"""

import ipaddress
import time
from urllib.parse import urlsplit

from django.conf import settings

_CACHE_SECONDS = 10.0
_cache = {}

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", ""}  # noqa: S104 - a list of names, not a bind


def public_base_url():
    """The public site's address without a trailing slash, e.g. ``"https://thnk.edu.vn"``.

    Read from the default site's settings (cached ``_CACHE_SECONDS``, cleared when the settings are saved
    in this process), else ``settings.SITE_PUBLIC_URL``.
    """
    now = time.monotonic()
    cached = _cache.get("public")
    if cached and now - cached[1] < _CACHE_SECONDS:
        return cached[0]
    value = ""
    try:
        from wagtail.models import Site

        from .models import SchoolSettings

        site = Site.objects.filter(is_default_site=True).first()
        if site is not None:
            rows = SchoolSettings.objects.filter(site=site).values_list("public_url", flat=True)
            value = rows.first() or ""
    except Exception:  # noqa: BLE001 - before migrations (checks, first install) there is no table yet
        value = ""
    value = (value or settings.SITE_PUBLIC_URL).rstrip("/")
    _cache["public"] = (value, now)
    return value


def clear_cache(**kwargs):
    """Forget the cached public address (connected to ``SchoolSettings`` saves)."""
    _cache.clear()


def admin_base_url():
    """The back office's address without a trailing slash (``WAGTAILADMIN_BASE_URL``)."""
    return (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")


def is_local(url):
    """Whether ``url`` is empty or points to this machine or nowhere public: wrong in production.

    Covers ``localhost`` with a trailing dot or as a parent domain (``a.localhost``, RFC 6761), and every
    loopback, unspecified or link-local address in IPv4 or IPv6 form (``127.0.0.2``, ``[::1]``,
    ``[::ffff:127.0.0.1]``).
    """
    try:
        host = (urlsplit(url or "").hostname or "").lower().rstrip(".")
    except ValueError:  # "http://[::1" and other unparsable hosts: certainly not a public address
        return True
    if host in LOCAL_HOSTS or host.endswith(".localhost") or host == "localhost.localdomain":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if getattr(address, "ipv4_mapped", None):
        address = address.ipv4_mapped
    return address.is_loopback or address.is_unspecified or address.is_link_local
