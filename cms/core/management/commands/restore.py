"""`manage.py restore ARCHIVE`: fill an EMPTY instance from a backup, after checking every checksum."""

from django.core.management.base import BaseCommand, CommandError

from cms.core.backup import BackupError, restore_backup

from ._passphrase import read_passphrase


class Command(BaseCommand):
    help = (
        "Khôi phục từ tệp sao lưu vào một cài đặt mới, trống (sau manage.py migrate). Kiểm tra mã SHA-256 "
        "của mọi tệp trước khi ghi. Sau đó chạy manage.py build_site."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--passphrase-file", default=None)
        parser.add_argument(
            "--force", action="store_true", help="Ghi đè cả khi hệ thống đã có dữ liệu (cẩn thận!)"
        )

    def handle(self, *args, **options):
        passphrase = read_passphrase(options)
        try:
            meta = restore_backup(options["archive"], passphrase, force=options["force"])
        except (BackupError, OSError) as exc:
            raise CommandError(f"Không khôi phục: {exc}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã khôi phục bản sao lưu lúc {meta['created_at']} ({len(meta['files'])} tệp). "
                "Tiếp theo: manage.py build_site."
            )
        )
