"""Break-glass: give the principal's account back (new temporary password, no 2FA devices, no lockout)."""

import secrets

from axes.utils import reset as axes_reset
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from wagtail.log_actions import log

from cms.security.passwords import require_password_change
from cms.security.two_factor import remove_devices

PRINCIPAL_ROLE_KEY = "hieu_truong"


class Command(BaseCommand):
    help = (
        "Khôi phục tài khoản Hiệu trưởng khi bị khoá, quên mật khẩu hoặc mất điện thoại xác thực: "
        "đặt mật khẩu tạm (in ra một lần, phải đổi khi đăng nhập), xoá thiết bị xác thực hai bước, "
        "mở khoá đăng nhập."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", help="Tên đăng nhập (mặc định: người giữ vai trò Hiệu trưởng).")

    def handle(self, *args, username=None, **options):
        users = get_user_model().objects.all()
        if username:
            account = users.filter(username=username).first()
            if account is None:
                raise CommandError(f"Không có tài khoản “{username}”.")
        else:
            principals = list(
                users.filter(groups__school_role__key=PRINCIPAL_ROLE_KEY, is_active=True).distinct()
            )
            if len(principals) != 1:
                names = ", ".join(u.username for u in principals) or "không có ai"
                raise CommandError(f"Cần đúng một Hiệu trưởng (hiện có: {names}); hãy chỉ rõ --username.")
            account = principals[0]
        password = "-".join(secrets.token_urlsafe(6) for _ in range(3))
        account.set_password(password)
        account.is_active = True
        account.save(update_fields=["password", "is_active"])
        require_password_change(account)
        remove_devices(account)
        unlocked = axes_reset(username=account.username)
        log(account, "security.break_glass", data={"unlocked_attempts": unlocked})
        self.stdout.write(f"Tài khoản: {account.username}")
        self.stdout.write(f"Mật khẩu tạm (chỉ hiện lần này, phải đổi khi đăng nhập): {password}")
        self.stdout.write("Đã xoá xác thực hai bước (sẽ được yêu cầu bật lại) và mở khoá đăng nhập.")
