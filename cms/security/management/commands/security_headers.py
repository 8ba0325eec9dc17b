"""Write deploy/nginx/security-headers.conf and document-downloads.conf from the settings."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from cms.security.headers import document_downloads_conf, security_headers_conf


class Command(BaseCommand):
    help = "Ghi các tệp cấu hình nginx về tiêu đề bảo mật của trang công khai từ cấu hình Django."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "deploy" / "nginx"))

    def handle(self, *args, output, **options):
        folder = Path(output)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "security-headers.conf").write_text(security_headers_conf(), encoding="utf-8")
        (folder / "document-downloads.conf").write_text(document_downloads_conf(), encoding="utf-8")
        self.stdout.write(
            f"Đã ghi {folder / 'security-headers.conf'} và {folder / 'document-downloads.conf'}"
        )
