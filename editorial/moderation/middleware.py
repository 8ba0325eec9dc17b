"""Guard in front of Wagtail's workflow action views: refusals get a clear Vietnamese reason.

Wagtail already refuses actions a task does not offer (our tasks offer none to the author or to other
reviewers, and ``on_action`` refuses again), but only with a generic message. This checks first and says why.
"""

from django.contrib import messages
from django.shortcuts import redirect

from .action_view import refused_response
from .models import REASON_REQUIRED, ReviewTaskState

# Wagtail's workflow-action address is served by the project's view (``action_view``) under its own name.
ACTION = {"wagtailadmin_pages:workflow_action", "moderation_workflow_action"}
GUARDED = ACTION | {"wagtailadmin_pages:collect_workflow_action_data"}


class ModerationGuardMiddleware:
    """Refuse workflow actions by non-reviewers and authors (403 with the reason) before Wagtail's view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        if match is None or match.view_name not in GUARDED or not request.user.is_authenticated:
            return None
        state = (
            ReviewTaskState.objects.filter(pk=view_kwargs.get("task_state_id"))
            .select_related("workflow_state", "task")
            .first()
        )
        if state is None:
            return None  # not one of our stages: Wagtail's own checks apply
        if state.workflow_state.object_id != str(view_kwargs.get("page_id")):
            reason = "Bước duyệt này không thuộc bài viết đã chọn."
        else:
            reason = state.refusal_reason(request.user)
        if reason:
            return refused_response(request, reason)
        is_ajax = request.headers.get("x-requested-with") == "XMLHttpRequest"
        if (
            request.method == "POST"
            and match.view_name in ACTION
            and view_kwargs.get("action_name") == "reject"
            and not request.POST.get("comment", "").strip()
            and not is_ajax  # the modal shows the form error itself
        ):
            messages.error(request, REASON_REQUIRED)
            return redirect("wagtailadmin_pages:edit", state.workflow_state.object_id)
        return None
