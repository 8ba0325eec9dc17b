"""`manage.py setup_school`: create or repair the school year, roles, permissions and workflow. Idempotent."""

from django.core.management.base import BaseCommand, CommandError

from cms.home.models import HomePage
from editorial.services import setup_school


class Command(BaseCommand):
    help = (
        "Tạo hoặc sửa năm học hiện tại, nhóm quyền, phân quyền theo cơ cấu và quy trình duyệt bài "
        "(chạy lại an toàn)."
    )

    def handle(self, *args, **options):
        home = HomePage.objects.first()
        if home is None:
            raise CommandError("Chưa có trang chủ. Hãy chạy seed_demo hoặc tạo trang chủ trước.")
        result = setup_school(home)
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã thiết lập nhóm quyền và quy trình duyệt bài (năm học {result['year']}; "
                f"{result['users_changed']} tài khoản được cập nhật quyền)."
            )
        )
