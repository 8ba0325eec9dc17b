"""Wagtail's workflow-action view (the dashboard's "Duyệt"/"Trả lại" buttons and their comment dialog) with
the school's refusals answered in Vietnamese.

The same address as Wagtail's (``admin/pages/workflow/action/<page>/<action>/<task state>/``, mounted before
Wagtail's URLs; ``ModerationGuardMiddleware`` still checks who may act first). A click that loses a race
(``actions.ActionRefused`` from the serialised claim) ends on the dashboard with who did what and when; a
post Wagtail itself refuses (``PermissionDenied``: the stage is no longer this person's) answers 403 with the
same explanation in Vietnamese — never a 500 or a bare "403 Forbidden". Nothing is done in either case.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.admin.views.pages.workflow import WorkflowActionView

from . import actions


def refused_response(request, reason):
    """403 with ``reason`` (Vietnamese) and a link back to the dashboard: the moderation refusal page."""
    return HttpResponseForbidden(
        render_to_string("moderation/refused.html", {"reason": reason}, request=request)
    )


class SchoolWorkflowActionView(WorkflowActionView):
    """Wagtail's ``WorkflowActionView``; refusals become an error message and a redirect to the dashboard."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except actions.ActionRefused as refusal:
            return self._refused(request, str(refusal))
        except PermissionDenied:
            if request.method != "POST":
                raise
            return refused_response(request, actions.why_refused(self.object))

    def _refused(self, request, message):
        messages.error(request, message)
        home = reverse("wagtailadmin_home")
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            # The comment dialog closes and the browser follows the redirect, where the message is shown.
            return self.render_modal_json(request, {"step": "success", "redirect": home})
        return redirect(home)
