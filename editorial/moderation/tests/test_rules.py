"""The rules of moderation, enforced on the server: no self-approval, reviewers only for their own people,
rejection with a reason, edits restart moderation, the live text is the approved one, scheduled publishing."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision, WorkflowState

from editorial.factories import StaffProfileFactory, UserFactory
from editorial.models import Department, DepartmentMembership, Position
from editorial.moderation.queue import awaiting_review_queryset

from .support import (
    act,
    approve_through,
    current_stage,
    live_text,
    panel_html,
    resubmit,
    save_draft,
    submit,
    user,
    workflow_state,
)

pytestmark = pytest.mark.django_db
PRO = "hoat-dong-chuyen-mon"


def _other_department_head():
    """The head of Tổ 2 (no demo account): a reviewer, but not of Tổ 1's teachers."""
    head = UserFactory(username="totruong2", first_name="Sơn", last_name="Đỗ Văn")
    StaffProfileFactory(user=head, position=Position.DEPARTMENT_HEAD)
    department = Department.objects.current().get(name="Tổ 2")
    DepartmentMembership.objects.create(department=department, user=head)
    department.head = head
    department.save()
    return head


def test_department_head_writing_skips_their_own_stage_to_the_vice_principal(client):
    page = submit(client, "totruong1", PRO, "Tổ trưởng viết bài", "to-truong-viet-bai")
    state = workflow_state(page)
    skipped = state.task_states.get(task__name="Tổ trưởng thẩm định").specific
    assert skipped.status == skipped.STATUS_SKIPPED
    assert "không tự duyệt" in skipped.note
    assert "Phó hiệu trưởng duyệt" in skipped.note
    assert PageLogEntry.objects.filter(page=page, action="moderation.stage_skipped").exists()
    assert current_stage(page).task.name == "Phó hiệu trưởng duyệt"
    # The author still cannot act on any later stage.
    assert act(client, "totruong1", page, "approve").status_code == 403
    approve_through(client, page, ["phohieutruong", "hieutruong"])
    page.refresh_from_db()
    assert page.live


def test_self_approval_is_not_offered_in_the_ui_and_refused_by_direct_post(client):
    # The vice principal writes school news: their own stage has nobody else, so it is skipped…
    page = submit(
        client, "phohieutruong", "tin-tuc-su-kien", "Tin của Phó hiệu trưởng", "tin-cua-pho-hieu-truong"
    )
    assert current_stage(page).task.name == "Hiệu trưởng duyệt và cho đăng"
    # …and a teacher's article waiting for the department head is not approvable by its author.
    own = submit(client, "giaovien1", PRO, "Bài của cô Thảo", "bai-cua-co-thao")
    stage = current_stage(own)
    client.force_login(user("giaovien1"))
    home = client.get(reverse("wagtailadmin_home"))
    assert reverse("wagtailadmin_pages:edit", args=(own.pk,)) not in panel_html(home)
    approve_url = reverse("wagtailadmin_pages:workflow_action", args=(own.pk, "approve", stage.pk))
    # The edit page offers workflow actions through their "collect data" modal URLs.
    offered = reverse("wagtailadmin_pages:collect_workflow_action_data", args=(own.pk, "approve", stage.pk))
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(own.pk,)))
    assert edit.status_code == 200
    assert offered not in edit.content.decode()

    # The department head, the reviewer of this stage, is offered the actions on the same page.
    client.force_login(user("totruong1"))
    assert offered in client.get(reverse("wagtailadmin_pages:edit", args=(own.pk,))).content.decode()

    client.force_login(user("giaovien1"))
    response = client.post(approve_url, {"comment": "Tự duyệt"})
    assert response.status_code == 403
    assert "không thể tự duyệt" in response.content.decode()
    stage.refresh_from_db()
    assert stage.status == stage.STATUS_IN_PROGRESS
    own.refresh_from_db()
    assert not own.live

    # Even a reviewer of this stage who is also the author's submitter is refused in on_action itself.
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        stage.task.specific.on_action(stage, user("giaovien1"), "approve", comment="")


def test_reviewer_of_another_department_neither_sees_nor_acts(client):
    _other_department_head()
    page = submit(client, "giaovien1", PRO, "Bài của Tổ 1", "bai-cua-to-1")
    stage = current_stage(page)
    assert stage.reviewer.username == "totruong1"
    other = user("totruong2")
    assert not awaiting_review_queryset(other).filter(pk=stage.pk).exists()
    assert awaiting_review_queryset(user("totruong1")).filter(pk=stage.pk).exists()

    client.force_login(other)
    home = client.get(reverse("wagtailadmin_home"))
    assert reverse("wagtailadmin_pages:edit", args=(page.pk,)) not in panel_html(home)
    response = act(client, "totruong2", page, "approve")
    assert response.status_code == 403
    assert "không phải người duyệt" in response.content.decode()
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert edit.status_code in (302, 403)
    stage.refresh_from_db()
    assert stage.status == stage.STATUS_IN_PROGRESS

    # A Tổ 2 teacher's article goes to Tổ 2's head, not to Tổ 1's.
    teacher = UserFactory(username="giaovien2", first_name="Hạnh", last_name="Mai Thị")
    StaffProfileFactory(user=teacher, position=Position.TEACHER)
    DepartmentMembership.objects.create(
        department=Department.objects.current().get(name="Tổ 2"), user=teacher
    )
    page2 = submit(client, "giaovien2", PRO, "Bài của Tổ 2", "bai-cua-to-2")
    assert current_stage(page2).reviewer.username == "totruong2"
    assert act(client, "totruong1", page2, "approve").status_code == 403


def test_reject_needs_a_reason_author_sees_it_edit_resubmit_approve_publishes(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    page = submit(client, "giaovien1", PRO, "Bài cần sửa", "bai-can-sua", text="Bản đầu tiên.")
    assert act(client, "totruong1", page, "approve").status_code == 302

    # No reason: refused with a message, nothing changes.
    response = act(client, "phohieutruong", page, "reject", comment="   ")
    assert response.status_code == 302
    assert current_stage(page).status == "in_progress"
    from django.contrib.messages import get_messages

    assert any("lý do" in str(m) for m in get_messages(response.wsgi_request))

    reason = "Cần bổ sung ảnh minh hoạ và sửa lỗi chính tả ở đoạn 2."
    with django_capture_on_commit_callbacks(execute=True):
        assert act(client, "phohieutruong", page, "reject", comment=reason).status_code == 302
    state = workflow_state(page)
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    # The author sees the reason on their dashboard ("Bài của tôi") and in their e-mail.
    client.force_login(user("giaovien1"))
    mine = panel_html(client.get(reverse("wagtailadmin_home")), "bai-cua-toi")
    assert "Bị trả lại" in mine and reason in mine
    author_mail = [m for m in mailoutbox if user("giaovien1").email in m.to]
    assert author_mail and reason in author_mail[-1].body

    # Edit and resubmit ("Gửi lại"): the workflow continues at the stage that returned it; the earlier
    # reviewer is sent the comparison of what they approved with the resubmitted text.
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        resubmit(client, "giaovien1", page, "Bài cần sửa", "Bản đã sửa theo góp ý.")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert current_stage(page).task.name == "Phó hiệu trưởng duyệt"
    head_mail = [m for m in mailoutbox if user("totruong1").email in m.to and "Gửi lại" in m.subject]
    assert head_mail and "/revisions/compare/" in head_mail[0].body
    with django_capture_on_commit_callbacks(execute=True):
        approve_through(client, page, ["phohieutruong", "hieutruong"])
    page.refresh_from_db()
    assert page.live
    assert "Bản đã sửa theo góp ý." in str(live_text(page)[1])


def test_edit_after_approval_restarts_moderation_and_live_text_is_the_approved_one(client):
    page = submit(client, "giaovien1", PRO, "Bài đã duyệt", "bai-da-duyet", text="Nội dung đã duyệt.")
    approve_through(client, page, ["totruong1", "phohieutruong", "hieutruong"])
    page.refresh_from_db()
    approved_revision = page.live_revision_id
    assert "Nội dung đã duyệt." in str(live_text(page)[1])

    # The author edits the published article and submits: the live text stays the approved one.
    resubmit(client, "giaovien1", page, "Bài đã duyệt", "Nội dung sửa sau khi đăng.")
    page.refresh_from_db()
    assert page.live_revision_id == approved_revision
    assert "Nội dung đã duyệt." in str(live_text(page)[1])
    assert current_stage(page).task.name == "Tổ trưởng thẩm định"

    # Mid-way, the vice principal (the current reviewer) corrects the text and saves, then approves: the
    # approval covers the correction, the item moves on (no restart), the principal's approval publishes it.
    approve_through(client, page, ["totruong1"])
    response = save_draft(client, "phohieutruong", page, "Bài đã duyệt", "Nội dung Phó hiệu trưởng chỉnh.")
    assert response.status_code == 302
    assert current_stage(page).task.name == "Phó hiệu trưởng duyệt"
    page.refresh_from_db()
    edited = page.get_latest_revision()
    assert edited.user.username == "phohieutruong"
    approve_through(client, page, ["phohieutruong"])
    stage = workflow_state(page).task_states.filter(status="approved").order_by("-finished_at").first()
    assert stage.specific.corrected_from_id is not None  # "duyệt có chỉnh sửa", with the comparison
    assert current_stage(page).task.name == "Hiệu trưởng duyệt và cho đăng"
    approve_through(client, page, ["hieutruong"])
    page.refresh_from_db()
    assert page.live_revision_id == edited.pk
    assert "Nội dung Phó hiệu trưởng chỉnh." in str(live_text(page)[1])


def test_edit_by_someone_not_reviewing_restarts_at_the_first_stage(client, mailoutbox):
    """The principal edits an item waiting for the vice principal: review starts again at the first stage."""
    page = submit(client, "giaovien1", PRO, "Bài hiệu trưởng sửa", "bai-hieu-truong-sua", text="Bản gửi.")
    approve_through(client, page, ["totruong1"])
    assert current_stage(page).task.name == "Phó hiệu trưởng duyệt"

    # An untouched save is not an edit: nothing restarts.
    response = save_draft(client, "hieutruong", page, "Bài hiệu trưởng sửa", "Bản gửi.")
    assert response.status_code == 302
    assert current_stage(page).task.name == "Phó hiệu trưởng duyệt"

    response = save_draft(client, "hieutruong", page, "Bài hiệu trưởng sửa", "Bản hiệu trưởng sửa.")
    assert response.status_code == 302
    from django.contrib.messages import get_messages

    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("duyệt lại từ đầu" in text for text in texts), texts
    stage = current_stage(page)
    assert stage.task.name == "Tổ trưởng thẩm định" and stage.reviewer.username == "totruong1"
    assert workflow_state(page).requested_by.username == "giaovien1"


def test_the_principal_s_first_edit_during_review_restarts_it(client):
    """No untouched save before it: the very first real edit by someone not reviewing restarts review."""
    from django.contrib.messages import get_messages

    page = submit(client, "giaovien1", PRO, "Bài sửa lần đầu", "bai-sua-lan-dau", text="Bản gửi.")
    approve_through(client, page, ["totruong1"])
    response = save_draft(client, "hieutruong", page, "Bài sửa lần đầu", "Bản hiệu trưởng sửa ngay.")
    assert response.status_code == 302
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("duyệt lại từ đầu" in text for text in texts), texts
    assert current_stage(page).task.name == "Tổ trưởng thẩm định"


def test_untouched_content_with_date_times_is_the_same_content():
    """A live page's data (datetimes) and its stored revision (ISO strings) compare by value."""
    from editorial.moderation.actions import same_content

    when = timezone.now().replace(microsecond=0)
    live = {"title": "Thông báo", "valid_from": when, "notice_date": when.date()}
    stored = {
        "title": "Thông báo",
        "valid_from": when.isoformat().replace("+00:00", "Z"),
        "notice_date": when.date().isoformat(),
    }
    assert same_content(live, stored)
    assert not same_content(live, {**stored, "valid_from": (when + timedelta(minutes=1)).isoformat()})


def test_final_approval_schedules_publication_at_go_live_time(client, monkeypatch):
    go_live = timezone.localtime() + timedelta(days=2)
    page = submit(
        client,
        "giaovien1",
        PRO,
        "Bài hẹn giờ đăng",
        "bai-hen-gio-dang",
        go_live_at=go_live.strftime("%d/%m/%Y %H:%M"),
    )
    assert page.get_latest_revision().as_object().go_live_at is not None
    approve_through(client, page, ["totruong1", "phohieutruong", "hieutruong"])
    page.refresh_from_db()
    assert not page.live
    scheduled = Revision.objects.get(pk=workflow_state(page).task_states.order_by("-pk").first().revision_id)
    assert scheduled.approved_go_live_at is not None

    # Time passes (Wagtail's publishing compares go-live with the clock), and the scheduler's periodic
    # round publishes it: nobody runs a command.
    from cms.publishing.scheduler import tick

    later = timezone.now() + timedelta(days=3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert tick(later) == []
    page.refresh_from_db()
    assert page.live
    assert page.live_revision_id == scheduled.pk


def test_a_second_click_with_a_stale_page_is_refused_with_who_and_when(client):
    """Both clicks loaded the stage while it waited; the first approves, the second is refused (not a second
    approval, not a silent save): the conditional update of the stage finds it already approved."""
    from editorial.moderation.actions import ActionRefused, serialised
    from editorial.moderation.models import ReviewTaskState

    page = submit(client, "giaovien1", PRO, "Hai lần bấm duyệt", "hai-lan-bam-duyet")
    stage = current_stage(page)
    first = ReviewTaskState.objects.get(pk=stage.pk)
    second = ReviewTaskState.objects.get(pk=stage.pk)  # the other tab, loaded before the first click
    head = user("totruong1")
    serialised(lambda: first.task.specific.on_action(first, head, "approve", comment=""))
    with pytest.raises(ActionRefused) as refusal:
        serialised(lambda: second.task.specific.on_action(second, head, "approve", comment=""))
    assert "đã được" in str(refusal.value) and "duyệt lúc" in str(refusal.value)
    assert current_stage(page).task.name == "Phó hiệu trưởng duyệt"
    assert PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve").count() == 1


def test_an_inactive_department_head_is_never_the_reviewer(client):
    """A head whose account is locked (or who left) gets no work: the stage is skipped with its reason."""
    head = user("totruong1")
    head.is_active = False
    head.save()
    page = submit(client, "giaovien1", PRO, "Bài khi tổ trưởng nghỉ", "bai-khi-to-truong-nghi")
    assert current_stage(page).task.name == "Phó hiệu trưởng duyệt"
    skipped = workflow_state(page).task_states.get(task__name="Tổ trưởng thẩm định").specific
    assert skipped.status == skipped.STATUS_SKIPPED and "Bỏ qua bước này" in skipped.note


def test_a_stale_tab_s_click_is_explained_in_vietnamese(client):
    """The stage was approved meanwhile (another tab): the old tab's post answers with who did what and when,
    never a bare "403 Forbidden" or a 500."""
    page = submit(client, "giaovien1", PRO, "Bài hai thẻ", "bai-hai-the")
    stage = current_stage(page)
    assert act(client, "totruong1", page, "approve").status_code == 302
    client.force_login(user("totruong1"))
    stale = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", stage.pk)), {"comment": ""}
    )
    assert stale.status_code == 403
    assert "bước “Tổ trưởng thẩm định” đã được" in stale.content.decode()
    edit = client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        {"action-workflow-action": "true", "workflow-action-name": "approve"},
    )
    assert edit.status_code == 403
    assert "bước “Tổ trưởng thẩm định” đã được" in edit.content.decode()
    assert current_stage(page).task.name == "Phó hiệu trưởng duyệt"
