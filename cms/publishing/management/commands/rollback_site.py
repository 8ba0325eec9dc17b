"""`manage.py rollback_site`: serve the previous release again."""

from django.core.management.base import BaseCommand, CommandError

from cms.publishing import release


class Command(BaseCommand):
    help = "Quay lại bản phát hành trước của trang tĩnh (or --to RELEASE)."

    def add_arguments(self, parser):
        parser.add_argument("--to", help="Tên bản phát hành cần quay về")

    def handle(self, *args, **options):
        releases = release.list_releases()
        live = release.live_release()
        target = options.get("to")
        if not target:
            older = [r for r in releases if live is None or r < live]
            if not older:
                raise CommandError("Không có bản phát hành nào cũ hơn bản đang dùng.")
            target = older[-1]
        if target not in releases:
            raise CommandError(f"Không có bản phát hành {target}.")
        release.switch_to(target)
        self.stdout.write(self.style.SUCCESS(f"Trang tĩnh đang dùng bản {target} (trước đó: {live})."))
