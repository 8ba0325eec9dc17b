"""`manage.py verify_site [--repair]`: compare the live site with the last good build (Điều 13.2)."""

from django.core.management.base import BaseCommand, CommandError

from cms.publishing import integrity, release


class Command(BaseCommand):
    help = (
        "Kiểm tra trang công khai (thư mục cục bộ và S3 nếu có) so với danh mục tệp của lần xuất bản "
        "thành công gần nhất; --repair khôi phục các tệp đã duyệt."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="Khôi phục các tệp khác bản đã duyệt.")

    def handle(self, *args, **options):
        repair = options["repair"]
        try:
            reports = integrity.repair() if repair else integrity.verify()
        except integrity.NoApprovedManifest as exc:
            raise CommandError(str(exc)) from exc
        release.wait_for_prune()  # a repair may have rebuilt the site: let its clean-up finish
        integrity.record(reports, repaired=repair)
        integrity.alert(reports, repaired=repair)
        for report in reports:
            for line in report.lines():
                self.stdout.write(line)
        if all(r.clean for r in reports):
            self.stdout.write(self.style.SUCCESS("Trang công khai khớp với bản đã duyệt."))
        elif repair:
            self.stdout.write(self.style.WARNING("Đã khôi phục trang công khai theo bản đã duyệt."))
        else:
            raise CommandError("Trang công khai khác với bản đã duyệt (chạy lại với --repair để khôi phục).")
