"""Admin of the writing plan: a Wagtail ModelViewSet with per-person rules, and the monthly report."""

from datetime import date

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.utils.html import format_html
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from cms.core.exports import csv_response, xlsx_response
from cms.core.vietnamese import fold, name_sort_key, nfc
from cms.news.models import SectionPage
from editorial.moderation.access import full_name, is_board

from . import rules
from .models import OPEN_STATUSES, Assignment, AssignmentStatus, today

OVERDUE_FILTER = "qua_han"
NOT_ASSIGNABLE = "Bạn chỉ giao bài được cho thành viên tổ mình (Ban biên tập giao cho mọi người)."


class AssignmentPermissionPolicy(BasePermissionPolicy):
    """Rules of ``editorial.planning.rules`` instead of Django model permissions (roles are structural)."""

    def user_has_permission(self, user, action):
        if not (user.is_authenticated and user.is_active):
            return False
        if action in ("add", "change"):
            return rules.can_assign(user)
        if action == "delete":
            return is_board(user)
        if action == "view":
            return user.has_perm("wagtailadmin.access_admin")
        return False

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action == "view":
            return rules.visible_assignments(user, Assignment.objects.filter(pk=instance.pk)).exists()
        if action == "change":
            return rules.can_change(user, instance)
        return True

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return Assignment.objects.none()
        if action == "change" and not is_board(user):
            return Assignment.objects.filter(
                Q(assigned_by=user) | Q(department_id__in=rules.headed_department_ids(user))
            )
        return rules.visible_assignments(user, Assignment.objects.all())

    def users_with_any_permission(self, actions):
        return get_user_model().objects.filter(is_active=True)


class AssignmentForm(WagtailAdminModelForm):
    """Assignee limited to whom the signed-in user may assign; checked again on save."""

    class Meta:
        model = Assignment
        fields = ["topic", "section", "assignee", "due_date", "status", "article", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            self.fields["assignee"].queryset = rules.assignable_users(self.for_user)
        self.fields["assignee"].error_messages["invalid_choice"] = NOT_ASSIGNABLE
        self.fields["assignee"].label_from_instance = full_name
        self.fields["section"].queryset = SectionPage.objects.order_by("path")
        self.fields["section"].widget = forms.Select(choices=self.fields["section"].choices)

    def clean_topic(self):
        topic = nfc(self.cleaned_data.get("topic") or "").strip()
        if not topic:
            raise forms.ValidationError("Vui lòng nhập đề tài.")
        return topic

    def clean_assignee(self):
        assignee = self.cleaned_data.get("assignee")
        if (
            assignee
            and self.for_user is not None
            and not rules.assignable_users(self.for_user).filter(pk=assignee.pk).exists()
        ):
            raise forms.ValidationError(NOT_ASSIGNABLE)
        return assignee


class StatusColumn(Column):
    """Status as a badge; overdue ones stand out (class ``assignment--overdue``)."""

    def get_value(self, instance):
        if instance.is_overdue:
            return format_html(
                '<span class="w-status w-status--label assignment--overdue">{}</span>',
                instance.status_label(),
            )
        return format_html('<span class="w-status">{}</span>', instance.status_label())


class AssignmentFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label="Trạng thái",
        choices=[*AssignmentStatus.choices, (OVERDUE_FILTER, "Quá hạn")],
        method="filter_state",
        empty_label="Tất cả",
    )
    section = django_filters.ModelChoiceFilter(
        label="Chuyên mục", queryset=SectionPage.objects.order_by("path")
    )

    class Meta:
        model = Assignment
        fields = []

    def filter_state(self, queryset, name, value):
        if value == OVERDUE_FILTER:
            return queryset.overdue()
        return queryset.filter(status=value)


class AssignmentIndexView(generic.IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("section", "assignee", "assigned_by")
        return rules.visible_assignments(self.request.user, queryset)

    def search_queryset(self, queryset):
        """Every word of the query, tone marks and đ folded, in the stored folded text (any database)."""
        if not self.is_searching:
            return queryset
        for word in fold(self.search_query).split():
            queryset = queryset.filter(search_folded__contains=word)
        return queryset

    def get_row_classname(self, instance):  # older Wagtail API name, harmless if unused
        return "assignment--overdue" if instance.is_overdue else ""


class AssignmentCreateView(generic.CreateView):
    def save_instance(self):
        instance = self.form.save(commit=False)
        instance.assigned_by = self.request.user
        instance.save()
        self.form.save_m2m()
        return instance


class ChangeCheckMixin:
    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        if not rules.can_change(self.request.user, instance):
            raise PermissionDenied
        return instance


class AssignmentEditView(ChangeCheckMixin, generic.EditView):
    pass


class AssignmentDeleteView(ChangeCheckMixin, generic.DeleteView):
    pass


class AssignmentViewSet(ModelViewSet):
    """ "Kế hoạch viết bài" in the admin menu."""

    model = Assignment
    form_fields = ["topic", "section", "assignee", "due_date", "status", "article", "note"]
    icon = "date"
    menu_label = "Kế hoạch viết bài"
    menu_order = 250
    add_to_admin_menu = True
    name = "ke-hoach-viet-bai"
    index_view_class = AssignmentIndexView
    add_view_class = AssignmentCreateView
    edit_view_class = AssignmentEditView
    delete_view_class = AssignmentDeleteView
    filterset_class = AssignmentFilterSet
    list_display = [
        TitleColumn("topic", label="Đề tài", url_name="ke-hoach-viet-bai:edit"),
        Column("section", label="Chuyên mục"),
        Column("assignee", label="Người viết", accessor=lambda a: full_name(a.assignee)),
        Column("due_date", label="Hạn nộp", accessor=lambda a: a.due_date.strftime("%d/%m/%Y")),
        StatusColumn("status", label="Trạng thái"),
    ]
    search_fields = ["search_folded"]  # searched by AssignmentIndexView.search_queryset (folded words)

    def get_form_class(self, for_update=False):
        return AssignmentForm


# --- Monthly report ---------------------------------------------------------------------------------------

GROUPINGS = {
    "nguoi": ("Người viết", ("assignee__last_name", "assignee__first_name", "assignee__username")),
    "to": ("Tổ", ("department__name",)),
    "chuyen-muc": ("Chuyên mục", ("section__title",)),
}
COLUMNS = [
    ("assigned", "Được giao"),
    ("submitted", "Đã nộp"),
    ("published", "Đã đăng"),
    ("returned", "Bị trả lại"),
    ("overdue", "Quá hạn"),
]


def parse_month(value):
    """``"2026-11"`` → ``(2026, 11)``; ``None`` if malformed."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        date(year, month, 1)
    except (TypeError, ValueError):
        return None
    return year, month


def monthly_report(queryset, year, month, grouping):
    """Rows ``{"label", assigned, submitted, published, returned, overdue}`` for assignments due in the month.

    "Đã nộp" counts everything submitted (including what was then published); "Quá hạn" counts open
    assignments (assigned or returned) past their due date as of today.
    """
    label, fields = GROUPINGS[grouping]
    rows = (
        queryset.filter(due_date__year=year, due_date__month=month)
        .values(*fields)
        .annotate(
            assigned=Count("pk"),
            submitted=Count(
                "pk", filter=Q(status__in=[AssignmentStatus.SUBMITTED, AssignmentStatus.PUBLISHED])
            ),
            published=Count("pk", filter=Q(status=AssignmentStatus.PUBLISHED)),
            returned=Count("pk", filter=Q(status=AssignmentStatus.RETURNED)),
            overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_date__lt=today())),
        )
        .order_by(*fields)
    )
    result = []
    for row in rows:
        sort = ()
        if grouping == "nguoi":
            name = " ".join(
                part for part in (row["assignee__last_name"], row["assignee__first_name"]) if part
            )
            text = name or row["assignee__username"]
            # People in Vietnamese order: given name, then family name (Đ after D).
            sort = name_sort_key(row["assignee__last_name"], row["assignee__first_name"])
        else:
            text = row[fields[0]] or "(chưa thuộc tổ nào)"
        result.append((sort, {"label": text, **{key: row[key] for key, _ in COLUMNS}}))
    result.sort(key=lambda item: item[0])  # stable: other groupings keep the database order
    return [row for _, row in result]


class MonthlyReportView(WagtailAdminTemplateMixin, TemplateView):
    """Per person, department or section: assigned, submitted, published, returned, overdue; CSV/XLSX."""

    template_name = "planning/monthly_report.html"
    page_title = "Báo cáo thực hiện kế hoạch viết bài"
    header_icon = "date"

    def dispatch(self, request, *args, **kwargs):
        if not AssignmentPermissionPolicy(Assignment).user_has_permission(request.user, "view"):
            raise PermissionDenied
        current = today()
        self.month_value = request.GET.get("thang") or f"{current.year}-{current.month:02d}"
        self.grouping = request.GET.get("theo") or "nguoi"
        self.error = ""
        parsed = parse_month(self.month_value)
        if parsed is None or self.grouping not in GROUPINGS:
            self.error = (
                "Tháng phải có dạng NNNN-TT (ví dụ 2026-11) và cách nhóm phải là người, tổ hoặc chuyên mục."
            )
            parsed, self.grouping = (current.year, current.month), "nguoi"
            self.month_value = f"{current.year}-{current.month:02d}"
        self.year, self.month = parsed
        queryset = rules.visible_assignments(request.user, Assignment.objects.all())
        self.rows = monthly_report(queryset, self.year, self.month, self.grouping)
        export = request.GET.get("xuat")
        if export == "csv" and not self.error:
            return self.csv_response()
        if export == "xlsx" and not self.error:
            return self.xlsx_response()
        return super().dispatch(request, *args, **kwargs)

    def table(self):
        header = [GROUPINGS[self.grouping][0]] + [label for _, label in COLUMNS]
        body = [[row["label"]] + [row[key] for key, _ in COLUMNS] for row in self.rows]
        return header, body

    def filename(self, extension):
        return f"ke-hoach-viet-bai-{self.year}-{self.month:02d}-{self.grouping}.{extension}"

    def csv_response(self):
        header, body = self.table()
        return csv_response(self.filename("csv"), header, body)

    def xlsx_response(self):
        header, body = self.table()
        return xlsx_response(
            self.filename("xlsx"), header, body, sheet_title=f"Tháng {self.month}-{self.year}"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        header, body = self.table()
        context.update(
            {
                "header": header,
                "body": body,
                "month_value": self.month_value,
                "grouping": self.grouping,
                "groupings": [(key, label) for key, (label, _) in GROUPINGS.items()],
                "error": self.error,
                "month_label": f"tháng {self.month}/{self.year}",
            }
        )
        return context
