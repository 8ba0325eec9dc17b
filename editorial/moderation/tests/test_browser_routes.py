"""Acceptance tests of moderation: people click and type in the real Wagtail editor (Debian Chromium).

One browser session per route walks it from writing to the public page; server-side tests stay for rules
and edge cases (test_rules.py, test_routes.py, test_actions.py).
"""

import pytest
from django.core import mail
from wagtail.models import PageLogEntry

from cms.news.models import ArticlePage, SectionPage
from editorial.moderation.tests import browser_steps as steps
from editorial.moderation.tests.support import current_stage
from tests.support.live_admin import live_admin

pytestmark = pytest.mark.django_db


def _shot(page, name):
    from pathlib import Path

    folder = Path(__file__).resolve().parents[3] / "tests" / "artifacts"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"moderation-{name}.png"))


def test_teacher_route_return_resubmit_correct_and_publish(
    browser_page, site_dir, django_capture_on_commit_callbacks
):
    """Hoạt động chuyên môn: tổ trưởng returns, the teacher fixes and resends, the tổ trưởng approves
    untouched (one stage), the vice principal corrects and approves, the principal approves: published."""
    page = browser_page
    section = SectionPage.objects.get(slug="hoat-dong-chuyen-mon")
    title = "Tổ 1 dự giờ tiết Tiếng Việt lớp 1A"
    with live_admin() as base:
        steps.log_in(page, base, "giaovien1")
        steps.write_article(
            page, base, section.pk, title, "Sáng thứ Hai, Tổ 1 dự giờ.", "Các cô góp ý tiết học."
        )
        article = ArticlePage.objects.get(title=title)
        assert current_stage(article).task.name == "Tổ trưởng thẩm định"

        # The department head returns it with a reason.
        steps.log_in(page, base, "totruong1")
        steps.open_from_queue(page, base, title)
        labels = steps.menu_labels(page)
        assert not any("Huỷ" in label for label in labels), labels
        steps.action_with_comment(page, "Trả lại, yêu cầu sửa", "Thêm tên giáo viên dạy minh hoạ.")
        assert "Đã trả lại" in steps.messages_text(page)

        # The author sees the reason at the top and "Gửi lại" as the main button.
        steps.log_in(page, base, "giaovien1")
        steps.open_editor(page, base, article.pk)
        assert "Thêm tên giáo viên dạy minh hoạ." in steps.messages_text(page)
        assert steps.menu_labels(page)[0].startswith("Gửi lại")
        page.fill("#id_lead", "Sáng thứ Hai, Tổ 1 dự giờ cô Lan dạy minh hoạ.")
        steps.click_action(page, steps.menu_labels(page)[0])
        assert current_stage(article).task.name == "Tổ trưởng thẩm định"

        # Department head: "Duyệt" on an untouched editor advances exactly one stage, saves no revision.
        revisions = article.revisions.count()
        mail.outbox.clear()
        steps.log_in(page, base, "totruong1")
        steps.open_from_queue(page, base, title)
        steps.click_action(page, "Duyệt")
        message = steps.messages_text(page)
        assert "Đã duyệt" in message and "Phó hiệu trưởng duyệt" in message, message
        assert "Đã cập nhật" not in message
        assert current_stage(article).task.name == "Phó hiệu trưởng duyệt"
        assert article.revisions.count() == revisions

        # Vice principal corrects the lead and approves in one step.
        steps.log_in(page, base, "phohieutruong")
        steps.open_from_queue(page, base, title)
        page.fill("#id_lead", "Sáng thứ Hai, Tổ 1 dự giờ cô Nguyễn Thị Lan dạy minh hoạ.")
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            steps.click_action(page, "Duyệt")
        message = steps.messages_text(page)
        assert "Đã duyệt kèm chỉnh sửa" in message and "Hiệu trưởng duyệt" in message, message
        corrected = [m for m in mail.outbox if "kèm chỉnh sửa" in m.subject]
        assert corrected and "/revisions/compare/" in corrected[0].body
        assert current_stage(article).task.name == "Hiệu trưởng duyệt và cho đăng"

        # Principal approves untouched: published, with the vice principal's correction.
        steps.log_in(page, base, "hieutruong")
        steps.open_from_queue(page, base, title)
        steps.click_action(page, "Duyệt và xuất bản")
        message = steps.messages_text(page)
        assert "xuất bản" in message, message
        _shot(page, "teacher-published")

    article.refresh_from_db()
    assert article.live and "Nguyễn Thị Lan" in article.lead
    approvals = PageLogEntry.objects.filter(page=article, action="wagtail.workflow.approve").count()
    assert approvals == 3


def test_pupil_route_withdraw_resubmit_and_principal_direct_publish(
    browser_page, site_dir, django_capture_on_commit_callbacks
):
    """Góc học sinh: the pupil withdraws and resubmits (stage 1 again), homeroom teacher → tổ trưởng →
    principal approve by clicks; the public page shows "Em <tên>, lớp 1A". Then the principal publishes a
    teacher's article directly; the author and the reviewer waiting are told."""
    from editorial.models.profiles import person_name
    from editorial.moderation.tests.support import user

    page = browser_page
    section = SectionPage.objects.get(slug="goc-hoc-sinh")
    title = "Bài thơ mùa đông của em"
    pupil = user("hocsinh1a")
    with live_admin() as base:
        steps.log_in(page, base, "hocsinh1a")
        steps.write_article(page, base, section.pk, title, "Bài thơ nhỏ về mùa đông.", "Mùa đông gió lạnh.")
        article = ArticlePage.objects.get(title=title)
        assert current_stage(article).task.name == "Giáo viên chủ nhiệm duyệt"
        assert article.get_latest_revision().as_object().author_class == "1A"

        # The pupil withdraws it ("Rút bài"), edits, and submits again: review starts at stage 1.
        steps.open_editor(page, base, article.pk)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            steps.cancel_with_reason(page, "Rút bài (huỷ gửi duyệt)")
        assert current_stage(article) is None
        assert any("rút bài" in m.body for m in mail.outbox)
        page.fill("#id_lead", "Bài thơ nhỏ về mùa đông, em viết tặng cô.")
        steps.open_action_menu(page)
        with page.expect_navigation():
            page.locator("footer button[name=action-submit]").first.click()
        assert current_stage(article).task.name == "Giáo viên chủ nhiệm duyệt"

        for reviewer, next_stage in (
            ("gvcn1a", "Tổ trưởng thẩm định"),
            ("totruong1", "Hiệu trưởng duyệt và cho đăng"),
        ):
            steps.log_in(page, base, reviewer)
            steps.open_from_queue(page, base, title)
            assert not any("Huỷ" in label for label in steps.menu_labels(page))
            steps.click_action(page, "Duyệt")
            assert next_stage in steps.messages_text(page), steps.messages_text(page)
        steps.log_in(page, base, "hieutruong")
        steps.open_from_queue(page, base, title)
        steps.click_action(page, "Duyệt và xuất bản")
        assert "xuất bản" in steps.messages_text(page)

        # The principal's direct publish of a teacher's article waiting for the department head.
        other = "Tổ 1 họp chuyên môn tháng 12"
        steps.log_in(page, base, "giaovien1")
        steps.write_article(
            page,
            base,
            SectionPage.objects.get(slug="hoat-dong-chuyen-mon").pk,
            other,
            "Họp tổ.",
            "Nội dung họp.",
        )
        teacher_article = ArticlePage.objects.get(title=other)
        steps.log_in(page, base, "hieutruong")
        steps.open_editor(page, base, teacher_article.pk)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            steps.publish_now(page)
        teacher_article.refresh_from_db()
        assert teacher_article.live
        told = {address for m in mail.outbox if "xuất bản trực tiếp" in m.body for address in m.to}
        assert {user("giaovien1").email, user("totruong1").email} <= told

    article.refresh_from_db()
    assert article.live
    html = steps.build_and_read(article.url_path.split("/", 2)[-1])
    given = person_name(pupil).split()[-1]
    assert f"Em {given}, lớp 1A" in html


def test_union_news_and_notice_routes(browser_page, site_dir, django_capture_on_commit_callbacks):
    """A union member (Công đoàn → its chair → principal), the news section (portal administrator → vice
    principal → principal) and a notice (→ principal), each approved by clicks, one stage per click, with
    the school's Vietnamese e-mails (not Wagtail's stock mail)."""
    from cms.notices.models import NoticeIndexPage, NoticePage
    from editorial.models import Union, UnionMembership
    from editorial.moderation.tests.support import user
    from editorial.roles import sync_user_roles

    teacher = user("giaovien1")
    union = Union.objects.get(school_year__is_current=True, kind=Union.Kind.TRADE_UNION)
    UnionMembership.objects.create(union=union, user=teacher)
    sync_user_roles(teacher)
    page = browser_page
    routes = [
        (
            "giaovien1",
            "hoat-dong-doi-cong-doan",
            "Công đoàn thăm hỏi giáo viên ốm",
            [("congdoan", "Duyệt", "Hiệu trưởng duyệt và cho đăng"), ("hieutruong", "Duyệt và xuất bản", "")],
        ),
        (
            "quantri",
            "tin-tuc-su-kien",
            "Trường đón đoàn kiểm tra của Phòng",
            [
                ("phohieutruong", "Duyệt", "Hiệu trưởng duyệt và cho đăng"),
                ("hieutruong", "Duyệt và xuất bản", ""),
            ],
        ),
    ]
    with live_admin() as base:
        for author, section_slug, title, approvals in routes:
            section = SectionPage.objects.get(slug=section_slug)
            steps.log_in(page, base, author)
            steps.write_article(page, base, section.pk, title, "Tin ngắn.", "Nội dung tin.")
            article = ArticlePage.objects.get(title=title)
            for reviewer, label, next_stage in approvals:
                steps.log_in(page, base, reviewer)
                steps.open_from_queue(page, base, title)
                steps.click_action(page, label)
                message = steps.messages_text(page)
                assert (next_stage or "xuất bản") in message, (title, reviewer, message)
            article.refresh_from_db()
            assert article.live, title

        # A notice: the portal administrator submits, the principal (told in Vietnamese) approves.
        notice_title = "Thông báo nghỉ học do bão"
        mail.outbox.clear()
        steps.log_in(page, base, "quantri")
        with django_capture_on_commit_callbacks(execute=True):
            steps.write_notice(
                page, base, NoticeIndexPage.objects.get().pk, notice_title, "Học sinh nghỉ học."
            )
        waiting = [m for m in mail.outbox if user("hieutruong").email in m.to]
        assert waiting and waiting[0].subject.startswith("[Cổng TTĐT] Chờ duyệt"), [
            m.subject for m in mail.outbox
        ]
        steps.log_in(page, base, "hieutruong")
        steps.open_from_queue(page, base, notice_title)
        notice = NoticePage.objects.get(title=notice_title)
        revisions_before = notice.revisions.count()
        with django_capture_on_commit_callbacks(execute=True):
            steps.click_action(page, "Duyệt và xuất bản")
        assert "xuất bản" in steps.messages_text(page)
        notice.refresh_from_db()
        assert notice.live
        # An untouched approval is not a correction, even though the notice has date-time fields.
        assert notice.revisions.count() == revisions_before
        author_mail = [m for m in mail.outbox if user("quantri").email in m.to]
        assert author_mail and "Đã duyệt" in author_mail[-1].subject
        assert "chỉnh sửa" not in author_mail[-1].subject

    html = steps.build_and_read("thong-bao")
    assert notice_title in html


def test_document_route(browser_page, site_dir, django_capture_on_commit_callbacks):
    """The office writes a decision in the register, the principal approves it by one click: published."""
    from cms.documents.models import DocumentIndexPage, Issuer, OfficialDocumentPage

    issuer = Issuer.objects.get(abbreviation="THNK")
    data = {
        "title": "Quyết định thành lập Tổ kiểm tra nội bộ",
        "number_symbol": "58/QĐ-THNK",
        "doc_type": "quyet-dinh",
        "issue_date": "20/11/2026",
        "issuer": str(issuer),
        "signer_name": "Phạm Văn Tuấn",
        "signer_position": "Hiệu trưởng",
        "summary": "Về việc thành lập Tổ kiểm tra nội bộ trường học.",
        "field": "to-chuc-can-bo",
    }
    page = browser_page
    with live_admin() as base:
        steps.log_in(page, base, "vanthu")
        steps.write_document(page, base, DocumentIndexPage.objects.get().pk, data)
        document = OfficialDocumentPage.objects.get(number_symbol="58/QĐ-THNK")
        assert current_stage(document).task.name == "Hiệu trưởng duyệt và cho đăng"
        steps.log_in(page, base, "hieutruong")
        steps.open_from_queue(page, base, data["title"])
        steps.click_action(page, "Duyệt và xuất bản")
        assert "xuất bản" in steps.messages_text(page), steps.messages_text(page)
    document.refresh_from_db()
    assert document.live
    assert "58/QĐ-THNK" in steps.build_and_read("van-ban")
