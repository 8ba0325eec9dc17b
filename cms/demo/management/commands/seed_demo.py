"""`manage.py seed_demo`: the demo school of Quy chế 39/QC-THNK, safe to run again."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.demo.seed import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu của Trường Tiểu học Nguyễn Khuyến (chạy lại không thay đổi gì)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-accounts", action="store_true", help="Chỉ tạo nội dung, không tạo tài khoản mẫu."
        )

    def handle(self, *args, **options):
        with_accounts = not options["no_accounts"]
        if with_accounts and not getattr(settings, "PORTAL_ALLOW_DEMO_ACCOUNTS", False):
            raise CommandError(
                "Cấu hình này (production) không cho phép tạo tài khoản mẫu với mật khẩu công khai. "
                "Dùng --no-accounts để chỉ tạo nội dung mẫu."
            )
        result = seed_demo(with_accounts=with_accounts)
        self.stdout.write(
            self.style.SUCCESS(
                f"Dữ liệu mẫu sẵn sàng: {len(result['sections'])} chuyên mục, "
                f"{result['articles_created']} bài viết mới tạo."
            )
        )
        if with_accounts:
            names = ", ".join(sorted(result["users"]))
            self.stdout.write(f"Tài khoản mẫu (mật khẩu {DEMO_PASSWORD}): {names}")
