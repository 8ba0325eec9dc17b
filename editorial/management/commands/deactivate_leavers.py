"""``manage.py deactivate_leavers [--dry-run]``: lock the accounts of the current school year's leavers."""

from django.core.management.base import BaseCommand

from editorial.leavers import deactivate_leavers, leavers
from editorial.models import SchoolYear
from editorial.models.profiles import person_name


class Command(BaseCommand):
    help = (
        "Khoá tài khoản học sinh đã ra trường/chuyển trường và cán bộ, giáo viên được đánh dấu rời trường "
        "khi sang năm học mới (bài viết, lượt mượn và nhật ký vẫn được giữ)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Chỉ liệt kê, không khoá tài khoản nào.")

    def handle(self, *args, dry_run=False, **options):
        year = SchoolYear.objects.current()
        if year is None:
            self.stderr.write("Chưa có năm học hiện tại: không có gì để làm.")
            return
        people = list(leavers(year)) if dry_run else deactivate_leavers(year)
        verb = "Sẽ khoá" if dry_run else "Đã khoá"
        for user in people:
            self.stdout.write(f"{verb}: {person_name(user)} ({user.username})")
        self.stdout.write(f"{verb} {len(people)} tài khoản người rời trường (năm học {year}).")
