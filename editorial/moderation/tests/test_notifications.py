"""E-mails: the computed reviewer on submission; the author and earlier reviewers on approval or
rejection, with the comment; Vietnamese subject and body with the admin link."""

import pytest
from django.conf import settings
from django.urls import reverse

from .support import act, submit, user

pytestmark = pytest.mark.django_db
PRO = "hoat-dong-chuyen-mon"


def _to(mailoutbox, username):
    address = user(username).email
    return [message for message in mailoutbox if address in message.to]


def test_submission_mails_only_the_computed_reviewer(client, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = submit(client, "giaovien1", PRO, "Bài báo tin", "bai-bao-tin")
    assert [m.to for m in mailoutbox] == [[user("totruong1").email]]
    message = mailoutbox[0]
    assert message.subject.startswith("[Cổng TTĐT] Chờ duyệt: Bài báo tin")
    assert "Tổ trưởng thẩm định" in message.body
    assert "Lê Thị Phương Thảo" in message.body
    assert (
        settings.WAGTAILADMIN_BASE_URL + reverse("wagtailadmin_pages:edit", args=(page.pk,)) in message.body
    )


def test_approval_and_rejection_mail_author_and_earlier_reviewers_with_the_comment(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    page = submit(client, "giaovien1", PRO, "Bài có nhận xét", "bai-co-nhan-xet")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(client, "totruong1", page, "approve", comment="Nội dung chính xác, đề nghị đăng.")
    author_mail = _to(mailoutbox, "giaovien1")
    assert len(author_mail) == 1
    assert "Nội dung chính xác, đề nghị đăng." in author_mail[0].body
    assert "Phó hiệu trưởng duyệt" in author_mail[0].body  # what happens next
    # The next reviewer is told it waits for them; the approver gets nothing about their own action.
    assert any(m.subject.startswith("[Cổng TTĐT] Chờ duyệt") for m in _to(mailoutbox, "phohieutruong"))
    assert not _to(mailoutbox, "totruong1")

    mailoutbox.clear()
    reason = "Chưa nêu rõ thời gian, địa điểm buổi sinh hoạt."
    with django_capture_on_commit_callbacks(execute=True):
        act(client, "phohieutruong", page, "reject", comment=reason)
    for username in ("giaovien1", "totruong1"):  # the author and the earlier reviewer
        mails = _to(mailoutbox, username)
        assert len(mails) == 1, username
        assert mails[0].subject == "[Cổng TTĐT] Bài bị trả lại: Bài có nhận xét"
        assert reason in mails[0].body
    assert not _to(mailoutbox, "phohieutruong")
    assert not _to(mailoutbox, "hieutruong")


def test_reviewer_is_reminded_after_three_working_days_once(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    """A stage waiting more than MODERATION_REMINDER_WORKING_DAYS (3) working days is mailed again, once."""
    from datetime import datetime, timedelta

    from django.utils import timezone

    from editorial.moderation.reminders import send_reminders, working_days_between

    from .support import current_stage, submit, user

    page = submit(client, "giaovien1", "hoat-dong-chuyen-mon", "Bài chờ lâu", "bai-cho-lau")
    stage = current_stage(page)
    friday = timezone.make_aware(datetime(2026, 11, 27, 9, 0))  # a Friday, Vietnam time
    stage.started_at = friday
    stage.save(update_fields=["started_at"])
    # Weekend days do not count: Friday → Wednesday is 3 working days, not yet "more than 3".
    assert working_days_between(friday, friday + timedelta(days=5)) == 3
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(friday + timedelta(days=5)) == 0
        assert send_reminders(friday + timedelta(days=6)) == 1  # Thursday: 4 working days
        assert send_reminders(friday + timedelta(days=6, hours=1)) == 0  # reminded already
    reminder = [m for m in mailoutbox if m.subject.startswith("[Cổng TTĐT] Nhắc duyệt")]
    assert [m.to for m in reminder] == [[user("totruong1").email]]
    assert "4 ngày làm việc" in reminder[0].body
