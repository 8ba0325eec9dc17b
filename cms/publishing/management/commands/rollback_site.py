"""`manage.py rollback_site`: serve the previous release again, after checking it against its own manifest.

Releases share unchanged files through hard links, so a file defaced in place in the live release is
defaced in older releases too: the target is verified (and repaired) before it goes live, and the rollback
is refused when it cannot be brought back to its approved bytes.
"""

from django.core.management.base import BaseCommand, CommandError

from cms.publishing import integrity, release, search
from cms.publishing.builder import build_lock
from cms.publishing.models import PendingChange


class Command(BaseCommand):
    help = "Quay lại bản phát hành trước của trang tĩnh (or --to RELEASE)."

    def add_arguments(self, parser):
        parser.add_argument("--to", help="Tên bản phát hành cần quay về")

    def handle(self, *args, **options):
        releases = release.list_releases()
        live = release.live_release()
        target = options.get("to")
        if not target:
            # Not the pages-only release of the live one's own build (its search index is the older one).
            older = [r for r in releases if (live is None or r < live) and not release.is_superseded(r)]
            if not older:
                raise CommandError("Không có bản phát hành nào cũ hơn bản đang dùng.")
            target = older[-1]
        if target not in releases:
            raise CommandError(f"Không có bản phát hành {target}.")
        with build_lock():  # no build swaps `current` between the check and the switch
            self._switch(target, live)

    def _switch(self, target, live):
        try:
            report = integrity.check_release(target)
        except integrity.NoApprovedManifest as exc:
            raise CommandError(f"Không quay lại bản {target}: {exc}") from exc
        if report.unrepaired:
            raise CommandError(
                f"Không quay lại bản {target}: {len(report.unrepaired)} tệp khác bản đã duyệt và "
                f"không khôi phục được ({', '.join(report.unrepaired[:5])}). Chạy build_site để dựng bản mới."
            )
        if report.repaired:
            self.stdout.write(f"Đã khôi phục {len(report.repaired)} tệp của bản {target} theo bản đã duyệt.")
        release.switch_to(target)
        # The live search index is now the target's, made with the pupils' names of its day: every shard
        # is indexed again by the next build, even one whose pages did not change since.
        search.forget_indexed()  # every shard
        # The older release misses later changes: the next build (the next publish, or `build_site`)
        # must be a full one, not an increment on top of the rolled-back manifest.
        PendingChange.objects.create(page_id=None, trigger=f"Sau khi quay lại bản {target}")
        self.stdout.write(self.style.SUCCESS(f"Trang tĩnh đang dùng bản {target} (trước đó: {live})."))
