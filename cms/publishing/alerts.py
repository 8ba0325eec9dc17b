"""Telling people that the public site needs attention: a failed or partial build, an altered live site.

Who is told is decided by the apps that know the school's roles, through the hook
``register_site_alert_recipients``: ``fn(kind)`` returns users for ``kind`` ``"administrator"`` (the
portal administrator, Điều 13.2) or ``"principal"`` (answerable for the content, Điều 3.1). Superusers are
always administrators. This app never imports the school structure (no import cycle).
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from wagtail import hooks

logger = logging.getLogger(__name__)

ADMINISTRATOR = "administrator"
PRINCIPAL = "principal"


def recipients(*kinds):
    """Active users to alert for ``kinds`` (``"administrator"``, ``"principal"``), de-duplicated by pk."""
    users = {}
    if ADMINISTRATOR in kinds:
        for user in get_user_model().objects.filter(is_superuser=True, is_active=True):
            users[user.pk] = user
    for fn in hooks.get_hooks("register_site_alert_recipients"):
        for kind in kinds:
            for user in fn(kind) or ():
                if user.is_active:
                    users[user.pk] = user
    return sorted(users.values(), key=lambda u: u.pk)


def send(subject, body, *kinds):
    """E-mail ``kinds`` of recipients; a mail failure is logged and never breaks the caller."""
    addresses = sorted({u.email for u in recipients(*kinds) if u.email})
    if not addresses:
        logger.warning("No recipient with an e-mail address for alert %r", subject)
        return 0
    try:
        return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, addresses)
    except Exception:  # noqa: BLE001 - an alert must not turn a handled problem into a crash
        logger.exception("Could not send alert %r", subject)
        return 0


def build_problem(build):
    """E-mail the portal administrator about a failed or partial ``SiteBuild``.

    Sent once per distinct problem: if the previous problem build reported the same error, nobody is
    mailed again (a broken page retried by later builds does not flood the mailbox). The dashboard notice
    (``panels.BuildProblemPanel``) stays until a build succeeds completely.
    """
    from .models import SiteBuild

    previous = (
        SiteBuild.objects.filter(pk__lt=build.pk)
        .exclude(status=SiteBuild.Status.RUNNING)
        .order_by("-pk")
        .first()
    )
    if previous is not None and previous.status != SiteBuild.Status.SUCCESS and previous.error == build.error:
        return 0
    if build.only_search_behind:
        subject = "[Cổng thông tin] Chỉ mục tìm kiếm chưa cập nhật"
        intro = (
            "Các trang của lần xuất bản gần nhất đã lên trang công khai; riêng chỉ mục tìm kiếm (trang Tìm "
            "kiếm) chưa cập nhật theo. Lần xuất bản sau sẽ lập lại chỉ mục của các năm liên quan."
        )
    elif build.status == SiteBuild.Status.PARTIAL:
        subject = "[Cổng thông tin] Xuất bản chưa trọn vẹn: một số trang chưa được cập nhật"
        intro = (
            "Lần xuất bản gần nhất đã đưa mọi nội dung khác lên trang công khai, nhưng các mục dưới đây "
            "không dựng được. Trang cũ (nếu có) được giữ nguyên; trang mới chưa được đăng."
        )
    else:
        subject = "[Cổng thông tin] Xuất bản lỗi: trang công khai chưa được cập nhật"
        intro = "Lần xuất bản gần nhất bị lỗi; trang công khai vẫn là bản trước."
    body = f"{intro}\n\nLý do: {build.trigger}\n\n{build.error}\n\n"
    body += "Xem “Lịch sử xuất bản” trong trang quản trị."
    return send(subject, body, ADMINISTRATOR)
