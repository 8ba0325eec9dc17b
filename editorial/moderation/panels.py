"""Dashboard panels "Chờ tôi duyệt" and "Bài của tôi" (they replace Wagtail's two moderation panels)."""

from wagtail.admin.ui.components import Component

from . import queue


class AwaitingMyReviewPanel(Component):
    """Items waiting for the signed-in reviewer: stage, author, waiting time and a link to review."""

    name = "moderation_awaiting_my_review"
    template_name = "moderation/panels/awaiting_my_review.html"
    order = 90

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        rows, total = queue.awaiting_review(request.user)
        return {"rows": rows, "total": total, "more": total - len(rows), "request": request}


class MySubmissionsPanel(Component):
    """The signed-in author's items in moderation with their stage and status (and the reason if returned)."""

    name = "moderation_my_submissions"
    template_name = "moderation/panels/my_submissions.html"
    order = 95

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        return {"rows": queue.my_submissions(request.user), "request": request}
