"""Issue 15, item 4: admin lists cost the same number of queries whatever the number of rows.

Each list is rendered as the person who uses it at two sizes (a few rows, then ten times as many) and the
query counts must be equal: a per-row query (a foreign key read in a column, a permission check per row,
a workflow state per page) would make them differ. The search box of each list is measured the same way.
"""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cms.documents.factories import OfficialDocumentPageFactory
from cms.library.factories import ReaderFactory, RecordFactory
from cms.notices.factories import NoticePageFactory
from editorial.factories import StaffProfileFactory

pytestmark = pytest.mark.django_db

SMALL = 3
MORE = 27  # SMALL + MORE = 30 rows: one page of every list


def _queries(client, url, params=None):
    """(queries, bytes) of one GET of ``url``, after a first GET that warms the per-process caches."""
    client.get(url, params)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries), len(response.content)


def _assert_constant(client, url, grow, params=None, shows_rows=True):
    """The same number of queries after ``grow(SMALL)`` rows and after ``grow(MORE)`` more; the page
    really shows the new rows (it grew), so a search or filter that matches nothing cannot pass."""
    grow(SMALL)
    small, small_bytes = _queries(client, url, params)
    grow(MORE)
    large, large_bytes = _queries(client, url, params)
    assert small == large, f"{url} {params or ''}: {small} queries at {SMALL} rows, {large} at {SMALL + MORE}"
    if shows_rows:
        assert large_bytes > small_bytes + 1000, f"{url} {params or ''} does not show the new rows"
    return small


# --- văn bản, thông báo (wagtail-modeladmin lists of pages)


def _grow_documents(count):
    from cms.documents.factories import IssuerFactory

    for i in range(count):
        issuer = IssuerFactory()
        OfficialDocumentPageFactory(
            issuer=issuer, number_symbol=f"{700 + i}/QĐ-{issuer.abbreviation}", publish=i % 2 == 0
        )


@pytest.mark.parametrize("username", ["quantri", "vanthu", "hieutruong"])
@pytest.mark.parametrize("params", [None, {"q": "quyet dinh"}], ids=["list", "search"])
def test_documents_list_queries_do_not_grow_with_rows(client, login, username, params):
    login(username)
    _assert_constant(
        client, reverse("documents_officialdocumentpage_modeladmin_index"), _grow_documents, params
    )


def _grow_notices(count):
    now = timezone.now()
    for i in range(count):
        NoticePageFactory(valid_from=now - timedelta(days=i), publish=i % 3 != 0)


@pytest.mark.parametrize("username", ["quantri", "hieutruong"])
@pytest.mark.parametrize("params", [None, {"q": "thong bao"}], ids=["list", "search"])
def test_notices_list_queries_do_not_grow_with_rows(client, login, username, params):
    login(username)
    _assert_constant(client, reverse("notices_noticepage_modeladmin_index"), _grow_notices, params)


# --- thư viện


def _grow_library(count):
    """``count`` records of two copies, one of them lent (half of the loans overdue) to a pupil of 1A."""
    from cms.library.loans import check_out
    from cms.library.models import Loan

    for i in range(count):
        record = RecordFactory(copies=2)
        loan = check_out(record.copies.first().accession_number, ReaderFactory(class_name="1A"))
        if i % 2 == 0:
            Loan.objects.filter(pk=loan.pk).update(due_on=loan.loaned_on - timedelta(days=3))


def _grow_materials(count):
    from cms.library.models import LearningMaterial

    for i in range(count):
        LearningMaterial.objects.create(
            kind="de_kiem_tra",
            title=f"Đề kiểm tra thử {i}",
            school_year="2026–2027",
            grade=3,
            subject="Toán",
            file="hoc-lieu/de-thu.pdf",
            public_requested=i % 2 == 0,
        )


LIBRARY_LISTS = [
    ("library_bibliographicrecord_modeladmin_index", "thuthu", None),
    ("library_bibliographicrecord_modeladmin_index", "thuthu", {"q": "sach thu nghiem"}),
    ("library_copy_modeladmin_index", "thuthu", None),
    ("library_copy_modeladmin_index", "thuthu", {"q": "sach thu nghiem"}),
    ("library_reader_modeladmin_index", "thuthu", None),
    ("library_reader_modeladmin_index", "thuthu", {"q": "nguyen van thu"}),
    ("library_loan_modeladmin_index", "thuthu", None),
    ("library_loan_modeladmin_index", "thuthu", {"q": "nguyen van thu"}),
    ("library_loan_modeladmin_index", "thuthu", {"trang_thai": "qua_han"}),
    ("library_overdue", "thuthu", None),
    ("library_overdue", "gvcn1a", None),
    ("library_desk", "thuthu", {"lop": "1A"}),
    ("library_report", "thuthu", None),
]


@pytest.mark.parametrize(("url_name", "username", "params"), LIBRARY_LISTS)
def test_library_lists_queries_do_not_grow_with_rows(client, login, url_name, username, params):
    login(username)
    _assert_constant(client, reverse(url_name), _grow_library, params)


@pytest.mark.parametrize("username", ["thuthu", "phohieutruong"])
@pytest.mark.parametrize("params", [None, {"q": "de kiem tra"}], ids=["list", "search"])
def test_learning_material_list_queries_do_not_grow_with_rows(client, login, username, params):
    login(username)
    _assert_constant(client, reverse("library_learningmaterial_modeladmin_index"), _grow_materials, params)


# --- tài khoản


def _grow_accounts(count):
    for _ in range(count):
        StaffProfileFactory()


@pytest.mark.parametrize("username", ["hieutruong"])
@pytest.mark.parametrize("params", [None, {"q": "hoa"}], ids=["list", "search"])
def test_accounts_list_queries_do_not_grow_with_rows(client, login, username, params):
    login(username)
    _assert_constant(client, reverse("editorial_accounts:index"), _grow_accounts, params)


def _grow_pupils(count):
    from editorial.factories import UserFactory
    from editorial.models import ClassMembership, SchoolClass, SchoolYear

    year = SchoolYear.objects.current()
    school_class = SchoolClass.objects.get(school_year=year, name="1A")
    for _ in range(count):
        ClassMembership.objects.create(school_class=school_class, user=UserFactory(), school_year=year)


def test_homeroom_pupils_list_queries_do_not_grow_with_rows(client, login):
    login("gvcn1a")
    _assert_constant(client, reverse("editorial_homeroom:index"), _grow_pupils)


# --- Wagtail's explorer, dashboard and moderation lists


def _grow_articles(count):
    from cms.core.school_pages import school_page
    from cms.news.factories import ArticlePageFactory

    section = school_page("tin_tuc")
    author = get_user_model().objects.get(username="giaovien1")
    for i in range(count):
        ArticlePageFactory(parent=section, owner=author, publish=i % 3 != 0)


@pytest.mark.parametrize("username", ["hieutruong", "phohieutruong", "quantri"])
def test_explorer_of_a_section_queries_do_not_grow_with_articles(client, login, username):
    from cms.core.school_pages import school_page

    login(username)
    url = reverse("wagtailadmin_explore", args=[school_page("tin_tuc").pk])
    _assert_constant(client, url, _grow_articles)


def _grow_waiting(count):
    from editorial.moderation.tests.test_panels import _waiting_items

    start = getattr(_grow_waiting, "made", 0)
    _waiting_items(count, get_user_model().objects.get(username="quantri"), start=start)
    _grow_waiting.made = start + count


@pytest.mark.parametrize(
    ("url_name", "username"),
    [
        ("wagtailadmin_home", "hieutruong"),
        ("wagtailadmin_home", "quantri"),
        ("wagtailadmin_reports:workflow", "hieutruong"),
        ("wagtailadmin_reports:workflow_tasks", "hieutruong"),
    ],
)
def test_dashboard_and_moderation_lists_queries_do_not_grow_with_pending_items(
    client, login, url_name, username
):
    login(username)
    _assert_constant(client, reverse(url_name), _grow_waiting)


# --- the rules stay the same


@pytest.mark.parametrize(
    "username", ["hieutruong", "phohieutruong", "quantri", "vanthu", "giaovien1", "thuthu"]
)
def test_leaf_page_delete_answer_is_wagtails_rule(username):
    """``can_delete`` answered from a leaf page's row gives Wagtail's answer (live or draft, own or not)."""
    from wagtail.models import Page

    from cms.core.page_permissions import _wagtail_can_delete
    from cms.core.school_pages import school_page
    from cms.news.factories import ArticlePageFactory

    users = get_user_model().objects.filter(username__in=["phohieutruong", "quantri", "giaovien1"])
    for owner in users:
        for publish in (True, False):
            ArticlePageFactory(parent=school_page("tin_tuc"), owner=owner, publish=publish)
    user = get_user_model().objects.get(username=username)
    pages = list(Page.objects.all())
    assert any(p.numchild == 0 for p in pages) and any(p.numchild for p in pages)
    for page in pages:
        tester = page.permissions_for_user(user)
        assert tester.can_delete() == _wagtail_can_delete(tester), (username, page.title)


def test_workflows_report_shows_each_stage_status_as_wagtail_does(client, login):
    """The report's stage icons come from statuses loaded for the page of rows: same as Wagtail's own."""
    from wagtail.models import WorkflowState

    _grow_waiting(2)
    login("hieutruong")
    html = client.get(reverse("wagtailadmin_reports:workflow")).content.decode()
    states = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS)
    assert states.exists()
    for state in states:
        for task in state.all_tasks_with_status():
            assert f"{task.name}: {task.status_display}" in html


# --- other lists that grow with the years: builds, writing plan, sign-ins


def _grow_builds(count):
    from cms.publishing.models import SiteBuild

    SiteBuild.objects.bulk_create(
        [
            SiteBuild(trigger=f"Xuất bản bài {i}", status=SiteBuild.Status.SUCCESS, full=False)
            for i in range(count)
        ]
    )


def _grow_assignments(count):
    from cms.core.school_pages import school_page
    from editorial.planning.models import Assignment

    users = get_user_model().objects.in_bulk(["giaovien1", "totruong1"], field_name="username")
    for i in range(count):
        Assignment.objects.create(
            topic=f"Đề tài thử {i}",
            section=school_page("chuyen_mon").specific,
            assignee=users["giaovien1"],
            assigned_by=users["totruong1"],
            due_date=timezone.localdate() + timedelta(days=i - 5),
        )


def _grow_sign_ins(count):
    from axes.models import AccessLog

    AccessLog.objects.bulk_create(
        [
            AccessLog(username=f"canbo{i}", ip_address="127.0.0.1", user_agent="Chromium", http_accept="*/*")
            for i in range(count)
        ]
    )


@pytest.mark.parametrize(
    ("url_name", "username", "grow", "params"),
    [
        ("publishing_sitebuild_modeladmin_index", "quantri", _grow_builds, None),
        ("publishing_sitebuild_modeladmin_index", "quantri", _grow_builds, {"q": "Xuất bản"}),
        ("ke-hoach-viet-bai:index", "totruong1", _grow_assignments, None),
        ("ke-hoach-viet-bai:index", "hieutruong", _grow_assignments, {"q": "de tai"}),
        ("security_login_activity", "quantri", _grow_sign_ins, None),
    ],
)
def test_logs_and_plans_queries_do_not_grow_with_rows(client, login, url_name, username, grow, params):
    login(username)
    _assert_constant(client, reverse(url_name), grow, params)


def _grow_decisions(count):
    """``count`` approvals by the principal in the log (what the report "Ai duyệt bài nào, khi nào" lists)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, PageLogEntry

    _grow_waiting(count)
    principal = get_user_model().objects.get(username="hieutruong")
    pages = Page.objects.filter(slug__startswith="bai-cho-duyet-").order_by("-pk")[:count]
    PageLogEntry.objects.bulk_create(
        [
            PageLogEntry(
                page=page,
                content_type=ContentType.objects.get_for_model(Page),
                label=page.title,
                action="wagtail.workflow.approve",
                user=principal,
                data={"workflow": {"task": {"title": "Hiệu trưởng duyệt và cho đăng"}}, "comment": "Tốt"},
                timestamp=timezone.now(),
            )
            for page in pages
        ]
    )


def test_approval_report_queries_do_not_grow_with_decisions(client, login):
    login("hieutruong")
    _assert_constant(client, reverse("moderation_approval_report"), _grow_decisions)
