"""In the real editor (Debian Chromium): a homeroom teacher submits a pupil's work; a cancel with a reason.

Clarification "#8": the byline and the route come from the pupil; a group byline is chosen in the same
place; the author's "Rút bài" and the principal's cancel ask for an optional reason, which is recorded,
shown in the approval report and mailed.
"""

import pytest
from django.core import mail

from cms.core.school_pages import SectionKey, school_page
from cms.news.models import ArticlePage
from editorial.models import SchoolClass
from editorial.moderation.tests import browser_steps as steps
from editorial.moderation.tests.support import current_stage, user

pytestmark = pytest.mark.django_db


def _write(page, base, section, title, choose):
    page.goto(f"{base}/admin/pages/add/news/articlepage/{section.pk}/")
    page.fill("#id_title", title)
    page.fill("#id_lead", "Bài của các em lớp 1A.")
    steps.add_paragraph(page, "Các em kể về buổi học vẽ.")
    choose(page)


def test_homeroom_teacher_submits_for_a_pupil_of_1a_and_signs_for_the_class(
    admin_page, admin_server, site_dir, django_capture_on_commit_callbacks
):
    page, base = admin_page, admin_server.base_url
    corner = school_page(SectionKey.STUDENTS)
    pupil = user("hocsinh1a")
    title = "Buổi học vẽ của lớp 1A"
    steps.log_in(page, base, "gvcn1a")
    # The teacher's choices: only pupils of her class, and the class as a group byline.
    page.goto(f"{base}/admin/pages/add/news/articlepage/{corner.pk}/")
    pupils = [o.strip() for o in page.locator("#id_written_for option").all_inner_texts()]
    assert pupils == ["Không (bài của chính tôi)", "Hoàng Bảo Ngọc"]
    groups = [o.strip() for o in page.locator("#id_group_byline option").all_inner_texts()]
    assert groups == ["Cá nhân (tên người viết)", "Tập thể lớp 1A"]

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _write(
            page, base, corner, title, lambda p: p.select_option("#id_written_for", label="Hoàng Bảo Ngọc")
        )
        steps.submit_for_review(page)
    article = ArticlePage.objects.get(title=title)
    # The pupil's route: the homeroom stage is the submitter's own and is skipped; the head of Tổ 1 is next.
    stage = current_stage(article)
    assert stage.task.name == "Tổ trưởng thẩm định" and stage.specific.author == pupil
    assert {m.to[0] for m in mail.outbox if "Chờ duyệt" in m.subject} == {user("totruong1").email}

    for reviewer, label in (("totruong1", "Duyệt"), ("hieutruong", "Duyệt và xuất bản")):
        steps.log_in(page, base, reviewer)
        steps.open_from_queue(page, base, title)
        steps.click_action(page, label)
    article.refresh_from_db()
    assert article.live and article.written_for == pupil
    html = steps.build_and_read(article.url_path.split("/", 2)[-1])
    assert "Em Ngọc, lớp 1A" in html  # given name only: the school has not allowed full names

    # The class as author: "Tập thể lớp 1A", saved as a draft.
    steps.log_in(page, base, "gvcn1a")
    _write(
        page,
        base,
        corner,
        "Lớp 1A trồng cây",
        lambda p: p.select_option("#id_group_byline", label="Tập thể lớp 1A"),
    )
    page.locator("button.action-save").first.click()
    page.wait_for_load_state("networkidle")
    draft = ArticlePage.objects.get(title="Lớp 1A trồng cây").get_latest_revision().as_object()
    assert draft.byline() == "Tập thể lớp 1A"
    assert SchoolClass.objects.filter(name="1A", homeroom_teacher__username="gvcn1a").exists()


def test_principal_cancels_with_a_reason_recorded_reported_and_mailed(
    admin_page, admin_server, django_capture_on_commit_callbacks
):
    page, base = admin_page, admin_server.base_url
    section = school_page(SectionKey.PROFESSIONAL)
    title = "Tổ 1 sinh hoạt chuyên đề đọc hiểu"
    reason = "Trùng nội dung với bài đã đăng tuần trước."
    steps.log_in(page, base, "giaovien1")
    steps.write_article(page, base, section.pk, title, "Sinh hoạt chuyên đề.", "Nội dung chuyên đề.")
    article = ArticlePage.objects.get(title=title)
    assert current_stage(article) is not None

    steps.log_in(page, base, "hieutruong")
    steps.open_editor(page, base, article.pk)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        steps.cancel_with_reason(page, "Huỷ quy trình duyệt", reason)
    assert current_stage(article) is None
    told = {address for m in mail.outbox if reason in m.body for address in m.to}
    assert {user("giaovien1").email, user("totruong1").email} <= told

    page.goto(f"{base}/admin/duyet-bai/bao-cao/")
    row = page.locator("tr", has_text=title).filter(has_text="Huỷ quy trình duyệt").first
    assert reason in row.inner_text()
