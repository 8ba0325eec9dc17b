"""`manage.py run_scheduler`: scheduled publishing/expiry and periodic jobs, about once a minute."""

import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from cms.publishing.scheduler import tick


class Command(BaseCommand):
    help = "Chạy các việc định kỳ (đăng/gỡ theo lịch, việc của các ứng dụng) mỗi phút."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=60, help="Số giây giữa hai lượt")
        parser.add_argument("--once", action="store_true", help="Chạy một lượt rồi thoát")

    def handle(self, *args, **options):
        self.stdout.write(f"Bộ lập lịch đang chạy (mỗi {options['interval']} giây).")
        while True:
            started = time.monotonic()
            for error in tick(timezone.now()):
                self.stderr.write(f"Lỗi việc định kỳ: {error}")
            if options["once"]:
                return
            try:
                time.sleep(max(1.0, options["interval"] - (time.monotonic() - started)))
            except KeyboardInterrupt:
                return
