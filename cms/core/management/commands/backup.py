"""`manage.py backup DEST [--keep N]`: one encrypted archive of database, media, manifest (Điều 12.3a)."""

from django.core.management.base import BaseCommand, CommandError

from cms.core.backup import BackupError, create_backup

from ._passphrase import read_passphrase


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu, tệp media và manifest của trang công khai vào một tệp mã hoá trong thư mục "
        "DEST (ví dụ ổ USB); --keep N chỉ giữ N bản mới nhất."
    )

    def add_arguments(self, parser):
        parser.add_argument("dest", help="Thư mục đích (ví dụ /media/usb/sao-luu)")
        parser.add_argument("--keep", type=int, default=None, help="Giữ N bản mới nhất, xoá bản cũ hơn")
        parser.add_argument("--passphrase-file", default=None)

    def handle(self, *args, **options):
        passphrase = read_passphrase(options, confirm=True)
        try:
            path = create_backup(options["dest"], passphrase, keep=options["keep"])
        except (BackupError, OSError) as exc:
            raise CommandError(f"Sao lưu thất bại: {exc}") from None
        size = path.stat().st_size / 1024 / 1024
        self.stdout.write(self.style.SUCCESS(f"Đã sao lưu: {path} ({size:.1f} MB)."))
        self.stdout.write("Hãy giữ mật khẩu sao lưu ở nơi an toàn: không có nó thì không khôi phục được.")
