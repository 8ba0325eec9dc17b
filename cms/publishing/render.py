"""Render live Wagtail pages to HTML without going through the web server."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.template.loader import render_to_string
from django.test import RequestFactory
from wagtail.models import Site

from cms.core import render_cache


def make_request(site, path="/"):
    """An anonymous GET request for ``path`` on ``site``, as a public visitor would send it.

    Inside a build (a ``cms.core.render_cache`` store is active, see ``renderers.BuildCache``) the request
    starts with what Wagtail would otherwise look up for every request: the site's settings (read once
    per build, ``{{ settings.core.SchoolSettings }}``) and the sites' root paths (page URLs).
    """
    host = site.hostname if site.hostname != "*" else "localhost"
    request = RequestFactory().get(path, HTTP_HOST=host, SERVER_NAME=host)
    request.user = AnonymousUser()
    request._wagtail_site = site  # skips the host lookup, so ALLOWED_HOSTS need not list the build host
    request.is_preview = False
    if render_cache.current("site") is not None:
        from cms.core.models import SchoolSettings

        setattr(request, SchoolSettings.get_cache_attr_name(), render_cache.school_settings(site))
        request._wagtail_cached_site_root_paths = render_cache.cached(
            "site_root_paths", Site.get_site_root_paths
        )
    return request


def render_page(page, site):
    """Return the HTML a visitor gets for ``page`` (a live, public page of ``site``)."""
    page = page.specific
    request = make_request(site, page.get_url(current_site=site) or "/")
    response = page.serve(request)
    if hasattr(response, "render"):
        response.render()
    if response.status_code != 200:
        raise RuntimeError(f"Trang {page.title!r} trả về mã {response.status_code}")
    return response.content


def render_route(page, site, route):
    """HTML of the sub-page ``route`` (e.g. ``luu-tru/2026/11/``) of a routable page; None if empty."""
    page = page.specific
    url = (page.get_url(current_site=site) or "/") + route
    request = make_request(site, url)
    try:
        view, args, kwargs = page.resolve_subpage("/" + route)
        response = page.serve(request, view, args, kwargs)
    except Http404:
        return None
    if hasattr(response, "render"):
        response.render()
    if response.status_code == 404:
        return None
    if response.status_code != 200:
        raise RuntimeError(f"Trang {url} trả về mã {response.status_code}")
    return response.content


def render_template(site, path, template, context=None):
    """Render a site-wide template (404, search page) as an anonymous visitor sees it."""
    request = make_request(site, path)
    context = {"request": request, "page": None, **(context or {})}
    return render_to_string(template, context, request=request).encode()


def output_path_for_url(url):
    """Map a page URL such as ``/tin-tuc/bai-viet/`` to ``tin-tuc/bai-viet/index.html``."""
    url = url.split("?")[0].split("#")[0]
    rel = url.lstrip("/")
    if not rel or rel.endswith("/"):
        rel += "index.html"
    return rel


def site_static_dirs():
    """Folders whose files are copied into the site under /static/."""
    return list(settings.STATICFILES_DIRS)
