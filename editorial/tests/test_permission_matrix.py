"""Issue 3: the role × action matrix of docs/permissions.md, walked through real admin URLs (GET and POST).

Every cell logs in as a real account (the demo school's people, plus a school nurse), opens the admin page of
the action (GET) and then tries it (POST). An allowed cell must succeed and leave its effect in the database;
a refused cell must answer 403 or redirect with a message, and leave no effect. Never a 500.
"""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, Site, Workflow

from cms.core.models import SchoolSettings
from cms.news.models import ArticlePage, SectionPage
from editorial.models import EditorialBoard, SchoolClass, SchoolYear

from .support import article_form, assert_refused, draft_article, make_nurse

pytestmark = pytest.mark.django_db(transaction=False)

ROLES = [
    "hieutruong",  # Hiệu trưởng, Trưởng ban
    "phohieutruong",  # Phó hiệu trưởng, Phó ban
    "totruong1",  # Tổ trưởng Tổ 1, board member
    "giaovien1",  # Giáo viên Tổ 1
    "gvcn1a",  # Giáo viên chủ nhiệm lớp 1A (Tổ 1)
    "hocsinh1a",  # Học sinh lớp 1A
    "congdoan",  # Chủ tịch Công đoàn, board member
    "quantri",  # Quản trị cổng TTĐT, Thư ký
    "vanthu",  # Văn thư (Tổ Văn phòng)
    "thuthu",  # Thủ thư (Tổ Văn phòng)
    "yte",  # Nhân viên y tế
]

ALL = set(ROLES)
# action → roles allowed; everyone else is refused. Keep in step with docs/permissions.md.
EXPECTED = {
    "open_admin": ALL,
    "write_chuyen_mon": {"hieutruong", "phohieutruong", "totruong1", "giaovien1", "gvcn1a", "thuthu"},
    "write_tin_tuc": {"hieutruong", "phohieutruong", "quantri", "vanthu", "thuthu", "yte"},
    "write_doi_cong_doan": {"hieutruong", "phohieutruong", "congdoan"},
    "write_goc_hoc_sinh": {"hieutruong", "gvcn1a", "hocsinh1a"},
    "publish_directly": {"hieutruong"},
    "approve": {"hieutruong"},
    "site_settings": {"hieutruong", "quantri", "vanthu"},  # a draft; only the principal publishes
    "manage_accounts": {"hieutruong"},
    "edit_structure": {"hieutruong"},
    "edit_board": {"hieutruong"},
    "upload_document": {"hieutruong", "quantri", "vanthu", "thuthu", "yte"},
    "wagtail_users": set(),
    "wagtail_groups": set(),
}
ACTIONS = list(EXPECTED)


class Action:
    """One admin action: ``get(ctx)`` → URL; ``post(ctx)`` → (url, data); ``done(ctx)`` → effect happened?"""

    def __init__(self, ctx):
        self.ctx = ctx

    def prepare(self):
        pass

    def get_url(self):
        raise NotImplementedError

    def post(self):
        return None

    def done(self):
        return None


class OpenAdmin(Action):
    def get_url(self):
        return reverse("wagtailadmin_home")


class WriteIn(Action):
    section_slug = None

    def prepare(self):
        self.section = SectionPage.objects.get(slug=self.section_slug)
        self.slug = f"bai-thu-{self.ctx['role']}-{self.section_slug}"

    def get_url(self):
        return reverse("wagtailadmin_pages:add", args=("news", "articlepage", self.section.pk))

    def post(self):
        return self.get_url(), article_form(f"Bài thử của {self.ctx['role']}", self.slug)

    def done(self):
        return ArticlePage.objects.filter(slug=self.slug).exists()


class WriteChuyenMon(WriteIn):
    section_slug = "hoat-dong-chuyen-mon"


class WriteTinTuc(WriteIn):
    section_slug = "tin-tuc-su-kien"


class WriteDoiCongDoan(WriteIn):
    section_slug = "hoat-dong-doi-cong-doan"


class WriteGocHocSinh(WriteIn):
    section_slug = "goc-hoc-sinh"


class PublishDirectly(Action):
    """Publish, without approval, a draft someone else wrote."""

    def prepare(self):
        owner = get_user_model().objects.get(username="hieutruong")
        self.article = draft_article("tin-tuc-su-kien", owner, "ban-nhap-cho-xuat-ban")

    def get_url(self):
        return reverse("wagtailadmin_pages:edit", args=(self.article.pk,))

    def post(self):
        return self.get_url(), article_form(
            self.article.title, self.article.slug, **{"action-publish": "action-publish"}
        )

    def done(self):
        self.article.refresh_from_db()
        return self.article.live


class Approve(Action):
    """Approve an article a teacher submitted (the workflow's current task)."""

    def prepare(self):
        author = get_user_model().objects.get(username="giaovien1")
        self.article = draft_article("hoat-dong-chuyen-mon", author, "bai-cho-duyet")
        workflow = self.article.get_workflow() or Workflow.objects.get(name="Duyệt bài viết")
        self.state = workflow.start(self.article, author)
        # Since issue 4 the route is department head → vice principal → principal: bring the article to
        # the principal's stage, the one whose approval publishes.
        for reviewer in ("totruong1", "phohieutruong"):
            self.state.refresh_from_db()
            self.state.current_task_state.specific.approve(
                user=get_user_model().objects.get(username=reviewer)
            )
        self.state.refresh_from_db()

    def get_url(self):
        task_state = self.state.current_task_state
        return reverse("wagtailadmin_pages:workflow_action", args=(self.article.pk, "approve", task_state.pk))

    def post(self):
        return self.get_url(), {"comment": "Đồng ý."}

    def done(self):
        self.article.refresh_from_db()
        return self.article.live


class SiteSettings(Action):
    """Propose a change of the school's settings: a draft sent to the principal (decision 0011)."""

    def prepare(self):
        self.site = Site.objects.get(is_default_site=True)
        self.school = SchoolSettings.for_site(self.site)

    def get_url(self):
        return reverse("wagtailsnippets_core_schoolsettings:edit", args=(self.school.pk,))

    def post(self):
        current = self.school
        return self.get_url(), {
            "name": current.name,
            "short_name": current.short_name,
            "managing_body": current.managing_body,
            "address": current.address,
            "phone": "0225 3999 999",
            "email": current.email,
            "map_url": "",
            "logo": "",
            "action-submit": "Gửi duyệt",
        }

    def done(self):
        revision = SchoolSettings.objects.get(site=self.site).latest_revision
        return revision is not None and revision.content.get("phone") == "0225 3999 999"


class ManageAccounts(Action):
    def get_url(self):
        return reverse("editorial_accounts:index")

    def post(self):
        return reverse("editorial_accounts:add"), {
            "username": "taikhoanmoi",
            "last_name": "Phan Thị",
            "first_name": "Yến",
            "email": "phanthiyen@thnk.edu.vn",
            "position": "giao_vien",
            "password1": "Mat-khau-rat-dai-2026",
            "password2": "Mat-khau-rat-dai-2026",
        }

    def done(self):
        return get_user_model().objects.filter(username="taikhoanmoi").exists()


class EditStructure(Action):
    """Add a class to the current school year."""

    def get_url(self):
        return reverse("editorial_classes:add")

    def post(self):
        return self.get_url(), {
            "school_year": SchoolYear.objects.current().pk,
            "grade": "3",
            "name": "3C",
            "homeroom_teacher": "",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
        }

    def done(self):
        return SchoolClass.objects.current().filter(name="3C").exists()


class EditBoard(Action):
    """Change the decision number of the current board (members kept)."""

    def prepare(self):
        self.board = EditorialBoard.objects.current().get()

    def get_url(self):
        return reverse("editorial_boards:edit", args=(self.board.pk,))

    def post(self):
        members = list(self.board.memberships.order_by("pk"))
        data = {
            "school_year": self.board.school_year_id,
            "decision_number": "126/QĐ-THNK",
            "decision_date": "2025-09-09",
            "decision_file": "",
            "memberships-TOTAL_FORMS": str(len(members)),
            "memberships-INITIAL_FORMS": str(len(members)),
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
        }
        for i, member in enumerate(members):
            data.update(
                {
                    f"memberships-{i}-id": member.pk,
                    f"memberships-{i}-user": member.user_id,
                    f"memberships-{i}-role": member.role,
                    f"memberships-{i}-duties": member.duties,
                }
            )
        return self.get_url(), data

    def done(self):
        return EditorialBoard.objects.get(pk=self.board.pk).decision_number == "126/QĐ-THNK"


class UploadDocument(Action):
    def get_url(self):
        return reverse("wagtaildocs:add")

    def post(self):
        pdf = SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4\n% ke hoach\n", content_type="application/pdf")
        return self.get_url(), {
            "title": "Kế hoạch năm học thử",
            "file": pdf,
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
        }

    def done(self):
        return get_document_model().objects.filter(title="Kế hoạch năm học thử").exists()


class WagtailUsers(Action):
    """Wagtail's own user admin (it can grant groups and superuser): closed to every school role."""

    def get_url(self):
        return reverse("wagtailusers_users:index")

    def post(self):
        return reverse("wagtailusers_users:add"), {
            "username": "sieuquantri",
            "email": "x@thnk.edu.vn",
            "first_name": "X",
            "last_name": "Y",
            "password1": "Mat-khau-rat-dai-2026",
            "password2": "Mat-khau-rat-dai-2026",
            "is_superuser": "on",
            "is_active": "on",
        }

    def done(self):
        return get_user_model().objects.filter(username="sieuquantri").exists()


class WagtailGroups(Action):
    """Wagtail's group admin: nobody edits role permissions by hand (setup_school owns them)."""

    def prepare(self):
        self.group = Group.objects.get(name="Giáo viên")

    def get_url(self):
        return reverse("wagtailusers_groups:edit", args=(self.group.pk,))

    def post(self):
        return self.get_url(), {"name": "Giáo viên (đã sửa)"}

    def done(self):
        return Group.objects.filter(name="Giáo viên (đã sửa)").exists()


ACTION_CLASSES = {
    "open_admin": OpenAdmin,
    "write_chuyen_mon": WriteChuyenMon,
    "write_tin_tuc": WriteTinTuc,
    "write_doi_cong_doan": WriteDoiCongDoan,
    "write_goc_hoc_sinh": WriteGocHocSinh,
    "publish_directly": PublishDirectly,
    "approve": Approve,
    "site_settings": SiteSettings,
    "manage_accounts": ManageAccounts,
    "edit_structure": EditStructure,
    "edit_board": EditBoard,
    "upload_document": UploadDocument,
    "wagtail_users": WagtailUsers,
    "wagtail_groups": WagtailGroups,
}


def test_matrix_is_large_enough():
    assert len(ROLES) >= 10 and len(ACTIONS) >= 12
    cells = [(role, action) for role in ROLES for action in ACTIONS]
    allowed = [cell for cell in cells if cell[0] in EXPECTED[cell[1]]]
    assert allowed and len(allowed) < len(cells)  # allow and deny cells alike


@pytest.mark.parametrize("action_name", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_role_action(client, role, action_name, django_capture_on_commit_callbacks):
    if role == "yte":
        make_nurse()
    user = get_user_model().objects.get(username=role)
    assert not user.is_superuser
    action = ACTION_CLASSES[action_name]({"role": role})
    action.prepare()
    client.force_login(user)
    allowed = role in EXPECTED[action_name]

    response = client.get(action.get_url())
    if allowed:
        assert response.status_code == 200, f"{role} should open {action_name}"
    else:
        assert_refused(response)

    post = action.post()
    if post is None:
        return
    url, data = post
    response = client.post(url, data)
    if allowed:
        assert response.status_code in (200, 302), response.content[:1500]
        assert response.status_code != 200 or action_name == "approve", response.content.decode()[:3000]
        assert action.done(), f"{role} was allowed {action_name} but nothing happened"
    else:
        assert_refused(response)
        assert not action.done(), f"{role} was refused {action_name} yet it happened"


def test_school_year_is_current():
    # The matrix assumes the demo school year 2026–2027 with its board (decided on 8/9/2026).
    year = SchoolYear.objects.current()
    assert year.name == "2026–2027"
    assert year.editorial_board.decision_date == date(2026, 9, 8)


def test_docs_permissions_matrix_matches_this_test():
    """docs/permissions.md shows the same allow/deny cells, row by row in the order of ``ACTIONS``."""
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "permissions.md").read_text(encoding="utf-8")
    table = text.split("## Ma trận")[1].split("\n\n")[2]
    rows = [line for line in table.splitlines() if line.startswith("| ") and ("✅" in line or "⛔" in line)]
    assert len(rows) == len(ACTIONS)
    for action, row in zip(ACTIONS, rows, strict=True):
        cells = [cell.strip() for cell in row.strip("|").split("|")][1:]
        documented = {role for role, cell in zip(ROLES, cells, strict=True) if cell == "✅"}
        assert documented == EXPECTED[action], (action, row)
