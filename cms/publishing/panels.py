"""Dashboard notice "Trang công khai cần chú ý": the last build failed or was partial, or the live site
differs from what was approved. Shown to the portal administrator, the principal and whoever published
a page that could not be rendered, until a later build succeeds completely."""

from wagtail.admin.ui.components import Component
from wagtail.models import PageLogEntry

from . import alerts
from .models import SiteBuild


def current_problem():
    """The last finished build if it failed or was partial, else None."""
    last = SiteBuild.objects.exclude(status=SiteBuild.Status.RUNNING).order_by("-pk").first()
    if last is None or last.status == SiteBuild.Status.SUCCESS:
        return None
    return last


def concerns(user, build):
    """True if ``user`` must see the notice about ``build``."""
    if any(u.pk == user.pk for u in alerts.recipients(alerts.ADMINISTRATOR, alerts.PRINCIPAL)):
        return True
    if build.failed_pages:
        # The approver who published a failing page (the finish action publishes as the approver).
        return PageLogEntry.objects.filter(
            page_id__in=build.failed_pages, action="wagtail.publish", user=user
        ).exists()
    return False


class BuildProblemPanel(Component):
    """A persistent warning on the dashboard while the public site is not fully up to date."""

    name = "publishing_build_problem"
    template_name = "publishing/panels/build_problem.html"
    order = 10

    def __init__(self, build):
        self.build = build

    def get_context_data(self, parent_context):
        return {"build": self.build, "errors": self.build.error.splitlines()[:20]}
