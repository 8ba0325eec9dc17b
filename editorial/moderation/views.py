"""Report "Ai duyệt bài nào, khi nào": approvals, rejections and publications from Wagtail's audit log."""

from datetime import date

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import PageLogEntry

from .access import full_name, is_board

REPORT_ACTIONS = {
    "wagtail.workflow.approve": "Duyệt",
    "wagtail.workflow.reject": "Trả lại",
    "wagtail.workflow.cancel": "Huỷ quy trình duyệt",
    "wagtail.publish": "Đăng",
    "wagtail.publish.scheduled": "Đăng theo lịch",
}


def action_label(entry):
    """What happened, as the report says it: one label per log entry (one entry per real approval)."""
    data = entry.data or {}
    if entry.action == "wagtail.workflow.approve" and data.get("compare_url"):
        return "Duyệt có chỉnh sửa"
    if entry.action == "wagtail.workflow.cancel":
        comment = data.get("comment", "")
        if comment.startswith("Xuất bản trực tiếp"):
            return "Xuất bản trực tiếp"
        if comment.startswith("Duyệt lại từ đầu"):
            return "Duyệt lại từ đầu"
    return REPORT_ACTIONS.get(entry.action, entry.action)


def month_choices(today=None):
    """The last 24 months as ``("YYYY-MM", "tháng M/YYYY")``, newest first."""
    today = today or date.today()
    choices = [("", "Tất cả các tháng")]
    year, month = today.year, today.month
    for _ in range(24):
        choices.append((f"{year}-{month:02d}", f"Tháng {month}/{year}"))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return choices


class ApprovalReportFilter(forms.Form):
    """Filters of the approval report: person and month (bad values give a form error, never a 500)."""

    person = forms.ModelChoiceField(
        label="Người thực hiện",
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label="Tất cả mọi người",
    )
    month = forms.RegexField(
        label="Tháng",
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        required=False,
        error_messages={"invalid": "Tháng phải có dạng NNNN-TT, ví dụ 2026-11."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = (
            get_user_model()
            .objects.filter(pk__in=PageLogEntry.objects.filter(action__in=REPORT_ACTIONS).values("user_id"))
            .order_by("last_name", "first_name")
        )
        self.fields["person"].label_from_instance = full_name


def approval_entries(person=None, month=None):
    """Log entries of the report, newest first, optionally for one person and one ``"YYYY-MM"`` month."""
    entries = PageLogEntry.objects.filter(action__in=REPORT_ACTIONS).select_related("user", "page")
    if person is not None:
        entries = entries.filter(user=person)
    if month:
        year, month_number = (int(part) for part in month.split("-"))
        entries = entries.filter(timestamp__year=year, timestamp__month=month_number)
    return entries.order_by("-timestamp", "-pk")


class ApprovalReportView(WagtailAdminTemplateMixin, TemplateView):
    """Who approved, returned or published what, and when; for the board."""

    template_name = "moderation/approval_report.html"
    page_title = "Ai duyệt bài nào, khi nào"
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not is_board(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = ApprovalReportFilter(self.request.GET or None)
        form.fields["month"].widget = forms.Select(choices=month_choices())
        entries = PageLogEntry.objects.none()
        if form.is_bound and form.is_valid():
            entries = approval_entries(form.cleaned_data["person"], form.cleaned_data["month"])
        elif not form.is_bound:
            entries = approval_entries()
        page = Paginator(entries, 50).get_page(self.request.GET.get("p"))
        rows = []
        for entry in page.object_list:
            data = entry.data or {}
            workflow = data.get("workflow") or {}
            rows.append(
                {
                    "entry": entry,
                    "action": action_label(entry),
                    "compare_url": data.get("compare_url", ""),
                    "stage": (workflow.get("task") or {}).get("title", ""),
                    "comment": data.get("comment", ""),
                    "title": entry.label,
                    "person": full_name(entry.user),
                }
            )
        context.update({"form": form, "rows": rows, "page_obj": page})
        return context
