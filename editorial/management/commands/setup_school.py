"""`manage.py setup_school`: create or repair roles, permissions and workflows. Idempotent."""

from django.core.management.base import BaseCommand, CommandError

from cms.home.models import HomePage
from editorial.roles import setup_roles


class Command(BaseCommand):
    help = "Tạo hoặc sửa nhóm quyền, phân quyền và quy trình duyệt bài (chạy lại an toàn)."

    def handle(self, *args, **options):
        home = HomePage.objects.first()
        if home is None:
            raise CommandError("Chưa có trang chủ. Hãy chạy seed_demo hoặc tạo trang chủ trước.")
        setup_roles(home)
        self.stdout.write(self.style.SUCCESS("Đã thiết lập nhóm quyền và quy trình duyệt bài."))
