"""The Pagefind search index, built from the release's HTML with each build.

Pagefind reads every HTML file of the release and writes content-hashed fragments and index chunks; the
builder then keeps (hard-links) the files whose bytes did not change. Pagefind has no incremental mode, so
the whole site is re-indexed on every build that changed a page (measured in ``bench/REPORT.md``).
"""

import subprocess
import sys
import tempfile
from pathlib import Path

SEARCH_DIR = "pagefind"


def build_index(release_dir):
    """Index the HTML under ``release_dir``; returns {"pagefind/...": bytes}."""
    with tempfile.TemporaryDirectory(prefix="pagefind-") as out:
        # Written outside the release: files in a release may be hard links shared with the live one,
        # so nothing may ever write into them in place.
        result = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", str(release_dir), "--output-path", out, "--silent"],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode != 0:
            raise RuntimeError(f"Pagefind lỗi: {result.stderr.strip() or result.stdout.strip()}")
        root = Path(out)
        return {
            f"{SEARCH_DIR}/{path.relative_to(root).as_posix()}": path.read_bytes()
            for path in sorted(root.rglob("*"))
            if path.is_file()
        }
