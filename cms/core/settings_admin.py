"""The school's settings in the back office: Wagtail's snippet editor, so a change waits for the principal.

``SchoolSettings`` has drafts, revisions and a workflow (see its docstring and
docs/decisions/0011-school-settings-approval.md). Wagtail's settings form cannot save a draft, so its
addresses
(the menu item "Cài đặt → Thông tin nhà trường", admin links to the setting) are redirected here.
"""

from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from wagtail.models import Site
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SchoolSettings


class SchoolSettingsViewSet(SnippetViewSet):
    """Edit, submit for approval, compare and see the history of the school's settings (one row per site)."""

    model = SchoolSettings
    icon = "home"
    menu_label = "Thông tin nhà trường"
    add_to_admin_menu = False  # reached from "Cài đặt" (the settings menu item, redirected below)
    list_display = ["name", "site"]


def edit_url(site):
    """The snippet editor's address for ``site``'s settings (the row is created if the site has none)."""
    name = SchoolSettings.snippet_viewset.get_url_name("edit")
    return reverse(name, args=[SchoolSettings.for_site(site).pk])


def settings_redirect(request, site_pk=None):
    """``/admin/settings/core/schoolsettings/[<site>/]`` → the snippet editor of that site's settings.

    The snippet editor checks the user's permissions itself (no one without ``change_schoolsettings``
    gets further than its refusal).
    """
    if site_pk is None:
        site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    else:
        site = get_object_or_404(Site, pk=site_pk)
    if site is None:
        return redirect("wagtailadmin_home")
    return redirect(edit_url(site))
