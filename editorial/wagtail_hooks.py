"""Admin wiring of the editorial app: structure sections, account management, audit-log action labels."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import include, path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.log_actions import log

from cms.core.vietnamese import format_date_short

from . import membership_requests, membership_views, views
from .admin_forms import DepartmentAdminForm, MembershipsForm, SchoolClassAdminForm
from .class_images import pupil_article_restriction
from .models import Department, DepartmentMembership, EditorialBoard, SchoolClass, SchoolYear, Union
from .models.profiles import person_name
from .permissions import department_permission_policy
from .roles import roles_synced_once

LOG_ACTIONS = [
    ("editorial.roles_changed", "Thay đổi vai trò (nhóm quyền)", "Vai trò đã thay đổi"),
    ("editorial.group_permissions_changed", "Thay đổi quyền của nhóm", "Quyền của nhóm đã thay đổi"),
    ("editorial.account_created", "Tạo tài khoản", "Đã tạo tài khoản"),
    ("editorial.account_changed", "Sửa tài khoản", "Đã sửa tài khoản"),
    ("editorial.account_deactivated", "Khoá tài khoản", "Đã khoá tài khoản"),
    ("editorial.account_reactivated", "Mở khoá tài khoản", "Đã mở khoá tài khoản"),
    ("editorial.password_reset", "Đặt lại mật khẩu", "Đã đặt lại mật khẩu"),
    ("editorial.school_year_copied", "Sao chép sang năm học mới", "Đã sao chép cơ cấu sang năm học mới"),
    ("editorial.school_year_made_current", "Đặt năm học hiện tại", "Đã đặt làm năm học hiện tại"),
    ("editorial.membership_requested", "Đề nghị thay đổi thành viên tổ", "Tổ trưởng đề nghị thay đổi"),
    ("editorial.membership_approved", "Duyệt đề nghị thành viên tổ", "Đã duyệt đề nghị thành viên tổ"),
    ("editorial.membership_refused", "Từ chối đề nghị thành viên tổ", "Đã từ chối đề nghị thành viên tổ"),
    ("editorial.membership_changed", "Thay đổi thành viên tổ", "Hiệu trưởng thay đổi thành viên tổ"),
    ("editorial.account_delegated", "Uỷ quyền quản trị tài khoản", "Đã uỷ quyền quản trị tài khoản"),
    ("editorial.account_delegation_revoked", "Thu hồi uỷ quyền quản trị tài khoản", "Đã thu hồi uỷ quyền"),
    (
        "editorial.leavers_deactivated",
        "Khoá tài khoản người rời trường",
        "Đã khoá tài khoản người rời trường",
    ),
]


@hooks.register("register_account_settings_panel")
def register_contact_details_panel(request, user, profile):
    from .account import ContactDetailsPanel

    return ContactDetailsPanel(request, user, profile)


@hooks.register("register_log_actions")
def register_editorial_log_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)


class SyncOnceMixin:
    """Save the object and its inline memberships, then re-derive the affected people's roles once."""

    def save_instance(self):
        with transaction.atomic(), roles_synced_once():
            return super().save_instance()


class StructureCreateView(SyncOnceMixin, generic.CreateView):
    pass


class StructureEditView(SyncOnceMixin, generic.EditView):
    pass


class DepartmentIndexView(generic.IndexView):
    """A department head sees only their own department(s); the principal sees all."""

    def get_base_queryset(self):
        return department_permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change", "view"]
        )


class DepartmentEditView(StructureEditView):
    """Editing is checked per department: a head may open and save only the department they head.

    A head's save changes nothing: the member list they submit becomes requests to the principal
    (``editorial.membership_requests``). The principal's own changes apply at once and each added or
    removed member is written to the audit log.
    """

    proposals = None

    def get_object(self, queryset=None):
        department = super().get_object(queryset)
        if not department_permission_policy.user_has_permission_for_instance(
            self.request.user, "change", department
        ):
            raise PermissionDenied
        return department

    def save_instance(self):
        department = self.form.instance
        current = set(
            DepartmentMembership.objects.filter(department_id=department.pk).values_list("user_id", flat=True)
        )
        if getattr(self.form, "limited_to_members", False):
            wanted = self.form.submitted_member_ids()
            people = {u.pk: u for u in get_user_model().objects.filter(pk__in=wanted ^ current)}
            self.proposals = membership_requests.propose(
                department,
                self.request.user,
                added=[people[pk] for pk in sorted(wanted - current)],
                removed=[people[pk] for pk in sorted(current - wanted)],
            )
            return department
        saved = super().save_instance()
        after = set(
            DepartmentMembership.objects.filter(department_id=saved.pk).values_list("user_id", flat=True)
        )
        for pk, action in [(pk, "Thêm vào tổ") for pk in after - current] + [
            (pk, "Đưa ra khỏi tổ") for pk in current - after
        ]:
            person = get_user_model().objects.get(pk=pk)
            log(
                person,
                "editorial.membership_changed",
                user=self.request.user,
                data={"department": saved.name, "school_year": str(saved.school_year), "action": action},
            )
        return saved

    def get_success_message(self):
        if self.proposals is None:
            return super().get_success_message()
        if not self.proposals:
            return "Không có đề nghị mới về thành viên của tổ."
        names = "; ".join(f"{p.get_action_display().lower()} {person_name(p.person)}" for p in self.proposals)
        return f"Đã gửi Hiệu trưởng đề nghị: {names}. Thay đổi chỉ có hiệu lực khi Hiệu trưởng duyệt."


class StructureViewSet(ModelViewSet):
    """Common settings: model permissions decide access; no blind copy (it would lose memberships)."""

    add_view_class = StructureCreateView
    edit_view_class = StructureEditView
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_admin_menu = False


def _new_year_link(year):
    url = reverse("editorial_new_school_year", args=(year.pk,))
    return format_html(
        '<a class="button button-small button-secondary" href="{}">Sao chép sang năm học mới</a>', url
    )


class SchoolYearViewSet(StructureViewSet):
    model = SchoolYear
    icon = "date"
    menu_label = "Năm học"
    url_prefix = "nam-hoc"
    name = "editorial_school_years"
    list_display = [
        "name",
        Column("start", label="Ngày bắt đầu", accessor=lambda y: format_date_short(y.start_date)),
        Column("end", label="Ngày kết thúc", accessor=lambda y: format_date_short(y.end_date)),
        Column("current", label="Năm học hiện tại", accessor=lambda y: "Hiện tại" if y.is_current else "—"),
        Column("copy", label="Năm học mới", accessor=_new_year_link),
    ]


class DepartmentViewSet(StructureViewSet):
    model = Department
    index_view_class = DepartmentIndexView
    edit_view_class = DepartmentEditView
    icon = "group"
    menu_label = "Tổ"
    url_prefix = "to"
    name = "editorial_departments"
    edit_handler = ObjectList(Department.panels, base_form_class=DepartmentAdminForm)
    list_display = ["name", "school_year", "kind", "head"]
    list_filter = ["school_year", "kind"]


class SchoolClassViewSet(StructureViewSet):
    model = SchoolClass
    icon = "group"
    menu_label = "Lớp"
    url_prefix = "lop"
    name = "editorial_classes"
    edit_handler = ObjectList(SchoolClass.panels, base_form_class=SchoolClassAdminForm)
    list_display = ["name", "school_year", "grade", "homeroom_teacher"]
    list_filter = ["school_year", "grade"]


class UnionViewSet(StructureViewSet):
    model = Union
    icon = "group"
    menu_label = "Đoàn thể"
    url_prefix = "doan-the"
    name = "editorial_unions"
    edit_handler = ObjectList(Union.panels, base_form_class=MembershipsForm)
    list_display = ["name", "school_year", "kind", "leader"]
    list_filter = ["school_year"]


class EditorialBoardViewSet(StructureViewSet):
    model = EditorialBoard
    icon = "user"
    menu_label = "Ban biên tập"
    url_prefix = "ban-bien-tap"
    name = "editorial_boards"
    edit_handler = ObjectList(EditorialBoard.panels, base_form_class=MembershipsForm)
    list_display = [
        "__str__",
        "decision_number",
        Column(
            "date",
            label="Ngày quyết định",
            accessor=lambda b: format_date_short(b.decision_date) if b.decision_date else "—",
        ),
    ]


class SchoolStructureGroup(ModelViewSetGroup):
    menu_label = "Cơ cấu nhà trường"
    menu_icon = "site"
    menu_order = 250
    items = (SchoolYearViewSet, DepartmentViewSet, SchoolClassViewSet, UnionViewSet, EditorialBoardViewSet)


@hooks.register("register_admin_viewset")
def register_structure_viewsets():
    return SchoolStructureGroup()


account_urls = [
    path("", views.account_list, name="index"),
    path("them/", views.account_create, name="add"),
    path("<int:pk>/", views.account_edit, name="edit"),
    path("<int:pk>/mat-khau/", views.account_password, name="password"),
    path("<int:pk>/khoa/", views.account_set_active, {"active": False}, name="deactivate"),
    path("<int:pk>/mo-khoa/", views.account_set_active, {"active": True}, name="reactivate"),
]


homeroom_urls = [
    path("", views.homeroom_pupils, name="index"),
    path("<int:pk>/mat-khau/", views.homeroom_pupil_password, name="password"),
]


request_urls = [
    path("", membership_views.request_list, name="index"),
    path("<int:pk>/duyet/", membership_views.request_approve, name="approve"),
    path("<int:pk>/tu-choi/", membership_views.request_refuse, name="refuse"),
]


@hooks.register("register_admin_urls")
def register_editorial_urls():
    return [
        path(
            "de-nghi-thanh-vien-to/",
            include(
                (request_urls, "editorial_membership_requests"), namespace="editorial_membership_requests"
            ),
        ),
        path("uy-quyen-tai-khoan/", membership_views.account_delegation, name="editorial_account_delegation"),
        path("tai-khoan/roi-truong/", views.leavers, name="editorial_leavers"),
        path("tai-khoan/", include((account_urls, "editorial_accounts"), namespace="editorial_accounts")),
        path("nam-hoc-moi/<int:pk>/", views.new_school_year, name="editorial_new_school_year"),
        path(
            "lop-chu-nhiem/", include((homeroom_urls, "editorial_homeroom"), namespace="editorial_homeroom")
        ),
    ]


class HomeroomMenuItem(MenuItem):
    def is_shown(self, request):
        return views.is_homeroom_teacher(request.user)


@hooks.register("register_admin_menu_item")
def register_homeroom_menu_item():
    return HomeroomMenuItem(
        "Học sinh lớp chủ nhiệm", reverse("editorial_homeroom:index"), icon_name="group", order=245
    )


class MembershipRequestsMenuItem(MenuItem):
    def is_shown(self, request):
        return membership_requests.may_decide(request.user)


@hooks.register("register_admin_menu_item")
def register_membership_requests_menu_item():
    return MembershipRequestsMenuItem(
        "Đề nghị thành viên tổ",
        reverse("editorial_membership_requests:index"),
        icon_name="tasks",
        order=241,
    )


class AccountsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.MANAGE_ACCOUNTS)


@hooks.register("register_admin_menu_item")
def register_accounts_menu_item():
    return AccountsMenuItem("Tài khoản", reverse("editorial_accounts:index"), icon_name="user", order=240)


@hooks.register("register_school_pages")
def board_page():
    """The public "Ban biên tập" page of a new school (``cms.core.school_pages``)."""
    from cms.core.school_pages import HOME, SchoolPageSpec

    intro = "Ban biên tập cổng thông tin điện tử do Hiệu trưởng ra quyết định thành lập."
    return [
        SchoolPageSpec(
            "ban_bien_tap", "editorial.BoardPage", HOME, "Ban biên tập", "ban-bien-tap", {"intro": intro}, 60
        )
    ]


# Pupils' articles: what they may contain and which images they may use (cms.news.pupil_rules).
hooks.register("article_writer_restrictions", pupil_article_restriction)


# Who the static publishing engine alerts (cms.publishing.alerts): it never imports the school structure.
_ALERT_ROLES = {"administrator": "quan_tri", "principal": "hieu_truong"}


@hooks.register("register_site_alert_recipients")
def site_alert_recipients(kind):
    """Members of the role group for ``kind`` (the portal administrator, the principal)."""
    from .models import RoleGroup
    from .roles import role_group

    key = _ALERT_ROLES.get(kind)
    if key is None:
        return []
    try:
        return list(role_group(key).user_set.filter(is_active=True))
    except RoleGroup.DoesNotExist:
        return []


class DelegationMenuItem(MenuItem):
    def is_shown(self, request):
        from .account_admin import is_principal

        return is_principal(request.user)


@hooks.register("register_settings_menu_item")
def register_account_delegation_menu_item():
    return DelegationMenuItem(
        "Uỷ quyền quản trị tài khoản", reverse("editorial_account_delegation"), icon_name="user", order=910
    )


class MembershipRequestsPanel(Component):
    """Dashboard notice for the principal (and the delegate): head's membership requests waiting."""

    name = "editorial_membership_requests"
    order = 80

    def __init__(self, count):
        self.count = count

    def render_html(self, parent_context=None):
        return format_html(
            '<section class="panel" aria-labelledby="membership-requests-heading"><h2 '
            'id="membership-requests-heading">Đề nghị thành viên tổ</h2><p>{} đề nghị của tổ trưởng đang chờ '
            'duyệt. <a href="{}">Xem và quyết định</a></p></section>',
            self.count,
            reverse("editorial_membership_requests:index"),
        )


@hooks.register("construct_homepage_panels")
def membership_requests_panel(request, panels):
    if membership_requests.may_decide(request.user):
        from .models import MembershipRequest

        count = MembershipRequest.objects.filter(status=MembershipRequest.Status.PENDING).count()
        if count:
            panels.append(MembershipRequestsPanel(count))


@hooks.register("portal_media_access")
def pupils_read_only_images(user, name):
    """A pupil's account may download images (originals and renditions: the ones they choose for their
    articles) and nothing else stored in media — documents and every other file are for staff."""
    from .lookups import is_pupil

    if name.startswith(("original_images/", "images/")) or not is_pupil(user):
        return None
    return False
