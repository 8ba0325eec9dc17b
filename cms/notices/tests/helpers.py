"""Helpers for driving the Wagtail admin's add form for notices."""

from datetime import timedelta

from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

NOTICE_TITLE = "Khẩn: Điều chỉnh giờ tan học ngày mai"


def notice_form(**extra):
    """POST data of the admin add form for a valid urgent notice; override any field."""
    now = timezone.localtime()
    data = nested_form_data(
        {
            "title": NOTICE_TITLE,
            "slug": "dieu-chinh-gio-tan-hoc",
            "notice_date": now.date().isoformat(),
            "sender": "Ban Giám hiệu",
            "audience": "phu-huynh",
            "priority": "khan",
            "valid_from": (now - timedelta(hours=1)).strftime("%Y-%m-%d %H:%M"),
            "valid_to": (now + timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
            "summary": "Học sinh tan học lúc 10 giờ 30 do mất điện.",
            "body": rich_text("<p>Đề nghị cha mẹ học sinh đón con lúc 10 giờ 30.</p>"),
            "attachments": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    data.update(extra)
    return data
