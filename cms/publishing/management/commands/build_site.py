"""`manage.py build_site`: render the whole public site into a new release and swap it in."""

import sys

from django.core.management.base import BaseCommand, CommandError

from cms.publishing import release
from cms.publishing.builder import build_site


class Command(BaseCommand):
    help = "Dựng lại toàn bộ trang tĩnh công khai (build into a new release, then swap atomically)."

    def handle(self, *args, **options):
        show = self.stdout.isatty() or options.get("verbosity", 1) > 1

        def progress(done, total):
            if show:
                width = 30
                filled = int(width * done / max(total, 1))
                sys.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} đầu ra")
                sys.stdout.flush()

        try:
            result = build_site(trigger="build_site", progress=progress)
        except Exception as exc:
            raise CommandError(f"Dựng trang thất bại, trang cũ vẫn giữ nguyên: {exc}") from exc
        if show:
            self.stdout.write("")
        seconds = result.duration_ms / 1000
        message = (
            f"Đã dựng bản {result.release_id}: {len(result.files)} tệp, ghi mới {len(result.written)}, "
            f"gỡ {len(result.deleted)}, trong {seconds:.1f} giây."
        )
        self.stdout.write(self.style.SUCCESS(message))
        # Old releases are removed by a background thread; a command must not exit in the middle of it.
        release.wait_for_prune()
        # The background prune compares the dropped releases with the kept ones; a full build (run by a
        # person, off the path to "live") also sweeps what no release links any more (decision 0015).
        release.prune(full=True)
