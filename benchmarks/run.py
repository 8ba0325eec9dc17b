"""``make bench``: generate schools of several sizes, measure them side by side, write docs/benchmarks.md.

Usage: ``python -m benchmarks.run [--sizes 1000,10000,50000] [--postgres] [--out docs/benchmarks.md]``.
Everything runs on loopback with random ports; each measurement is its own process (see
``benchmarks.measure``), so peak memory is that of the build alone. Installs nginx, wrk and hugo with
apt-get when they are missing. Not part of ``make test``.
"""

import argparse
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_tools():
    missing = [
        tool
        for tool in ("nginx", "wrk", "hugo")
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists()
    ]
    if missing and os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", "-q", *missing], check=False, capture_output=True)
    return {
        tool: bool(shutil.which(tool) or Path(f"/usr/sbin/{tool}").exists())
        for tool in ("nginx", "wrk", "hugo")
    }


class School:
    """One generated school: its database, media and output folders, and how to run a measurement."""

    def __init__(self, work, size, db):
        self.dir = Path(work) / f"{db}-{size}"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.size, self.db = size, db
        self.env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "portal_site.settings.bench",
            "PORTAL_SQLITE_PATH": str(self.dir / "db.sqlite3"),
            "PORTAL_SITE_DIR": str(self.dir / "site"),
            "PORTAL_MEDIA_ROOT": str(self.dir / "media"),
        }
        if db == "postgres":
            self.env.update({"PORTAL_BENCH_DB": "postgres", "PGDATABASE": f"bench_{size}"})

    def manage(self, *args):
        subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=self.env, check=True, capture_output=True)

    def measure(self, *args, timeout=3600):
        out = subprocess.run(
            [PY, "-m", "benchmarks.measure", *map(str, args)],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if out.returncode != 0:
            return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "failed"}
        return json.loads(out.stdout.strip().splitlines()[-1])

    def prepare(self):
        if self.db == "postgres":
            subprocess.run(
                ["dropdb", "--if-exists", self.env["PGDATABASE"]], env=self.env, capture_output=True
            )
            subprocess.run(
                ["createdb", self.env["PGDATABASE"]], env=self.env, check=True, capture_output=True
            )
        self.manage("migrate", "--noinput")
        self.manage("seed_demo")
        return self.measure("generate", self.size)


def hugo_site(folder, pages):
    """An equivalent Hugo site: ``pages`` Markdown pages in the same sections, a list and a page layout."""
    folder = Path(folder)
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "layouts" / "_default").mkdir(parents=True)
    (folder / "hugo.toml").write_text('baseURL = "http://127.0.0.1/"\ntitle = "Trường"\ndisableKinds = []\n')
    (folder / "layouts" / "_default" / "baseof.html").write_text(
        "<!DOCTYPE html><html lang=vi><head><title>{{ .Title }}</title></head><body><nav>"
        '{{ range .Site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>'
        '{{ block "main" . }}{{ end }}</body></html>'
    )
    (folder / "layouts" / "_default" / "single.html").write_text(
        '{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ .Content }}</article><aside>{{ range first 6 '
        '(where .CurrentSection.Pages "Date" "lt" .Date) }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>'
        "{{ end }}</aside>{{ end }}"
    )
    (folder / "layouts" / "_default" / "list.html").write_text(
        '{{ define "main" }}<h1>{{ .Title }}</h1>{{ range first 12 .Pages }}<a href="{{ .RelPermalink }}">'
        "{{ .Title }}</a>{{ end }}{{ end }}"
    )
    words = "học sinh giáo viên nhà trường hoạt động chuyên môn phong trào thi đua ngoại khóa".split()
    for i in range(pages):
        section = ("tin-tuc", "chuyen-mon", "doan-the", "hoc-sinh", "thong-bao", "van-ban")[i % 6]
        path = folder / "content" / section / f"bai-{i}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        day = f"{2017 + i % 10}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        body = "\n\n".join(" ".join(words[(i + j) % len(words)] for j in range(40)) for _ in range(4))
        path.write_text(f'---\ntitle: "Bài {i}"\ndate: {day}\n---\n\n{body}\n')
    started = time.monotonic()
    result = subprocess.run(["hugo", "--quiet", "-s", str(folder)], capture_output=True, text=True)
    seconds = time.monotonic() - started
    built = sum(1 for _ in (folder / "public").rglob("*.html")) if result.returncode == 0 else 0
    return {
        "seconds": seconds,
        "html": built,
        "pages_per_s": built / seconds if seconds else 0,
        "error": result.stderr.strip()[-300:] if result.returncode else None,
    }


def _wrk(url, seconds=5):
    out = subprocess.run(["wrk", "-t1", "-c4", f"-d{seconds}s", url], capture_output=True, text=True)
    match = re.search(r"Requests/sec:\s+([\d.]+)", out.stdout)
    latency = re.search(r"Latency\s+([\d.]+\w+)", out.stdout)
    return {"rps": float(match.group(1)) if match else None, "latency": latency.group(1) if latency else None}


def serve(school, article_url):
    """Requests/s for the home page and one article: nginx on the build vs Wagtail under gunicorn."""
    results = {}
    port = _free_port()
    conf = school.dir / "nginx.conf"
    conf.write_text(
        f"daemon off; worker_processes 1; pid {school.dir}/nginx.pid; error_log {school.dir}/nginx.err;\n"
        "events { worker_connections 256; }\n"
        f"http {{ access_log off; include /etc/nginx/mime.types; server {{ listen 127.0.0.1:{port}; "
        f"root {school.dir}/site/current; index index.html; }} }}\n"
    )
    nginx = subprocess.Popen(["nginx", "-c", str(conf), "-p", str(school.dir)], stderr=subprocess.DEVNULL)
    try:
        time.sleep(0.5)
        results["nginx"] = {
            "home": _wrk(f"http://127.0.0.1:{port}/"),
            "article": _wrk(f"http://127.0.0.1:{port}{article_url}"),
        }
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
    port = _free_port()
    gunicorn = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "portal_site.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=school.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(60):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.5)
        results["gunicorn"] = {
            "home": _wrk(f"http://127.0.0.1:{port}/"),
            "article": _wrk(f"http://127.0.0.1:{port}{article_url}"),
        }
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=20)
    return results


def run_size(work, size, db, tools):
    school = School(work, size, db)
    record = {"size": size, "db": db}
    record["generate"] = school.prepare()
    record["build"] = school.measure("build")
    record["rebuild_unchanged"] = school.measure("build")
    for change in ("publish", "unpublish", "edit"):
        record[change] = [school.measure(change) for _ in range(3)]
    record["admin"] = school.measure("admin")
    record["search"] = school.measure("search")
    if tools.get("hugo"):
        record["hugo"] = hugo_site(school.dir / "hugo", record["build"].get("html") or size)
    if tools.get("nginx") and tools.get("wrk"):
        site = school.dir / "site" / "current"
        article = next(p for p in sorted(site.glob("*/*/index.html")) if "luu-tru" not in str(p))
        record["serve"] = serve(school, "/" + str(article.parent.relative_to(site)) + "/")
    shutil.rmtree(school.dir / "media", ignore_errors=True)
    return record


def _median(values):
    values = sorted(v for v in values if v is not None)
    return values[len(values) // 2] if values else None


def render(records, tools, started, args):
    load = os.getloadavg()
    lines = [
        "# Benchmarks (issue 15)",
        "",
        f"Written by `make bench` ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(started))}). Machine: "
        f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"load average at the end {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (shared machine: figures "
        "are noisy).",
        "",
        f"Command: `{' '.join(sys.argv)}`; tools: {', '.join(k for k, v in tools.items() if v)}.",
        "",
        "| | " + " | ".join(f"{r['size']} ({r['db']})" for r in records) + " |",
        "|---|" + "---:|" * len(records),
    ]

    def row(label, fn):
        cells = []
        for record in records:
            try:
                value = fn(record)
            except (KeyError, TypeError, IndexError, ValueError, StopIteration):
                value = "–"
            cells.append(value if isinstance(value, str) else f"{value:,.2f}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    row("public pages (HTML files)", lambda r: f"{r['build']['html']:,}")
    row("files in the release", lambda r: f"{r['build']['files']:,}")
    row("full build, s", lambda r: r["build"]["seconds"])
    row("full build, pages/s", lambda r: r["build"]["pages_per_s"])
    row("full build, peak memory MB", lambda r: r["build"]["peak_mb"])
    row("rebuild with nothing changed, s", lambda r: r["rebuild_unchanged"]["seconds"])
    row("Hugo (Debian) same page count, s", lambda r: r["hugo"]["seconds"])
    row("Hugo pages/s", lambda r: r["hugo"]["pages_per_s"])
    for change in ("publish", "unpublish", "edit"):
        row(f"{change} → live, s (median of 3)", lambda r, c=change: _median([m["live_s"] for m in r[c]]))
        row(f"{change} → finished, s", lambda r, c=change: _median([m["finished_s"] for m in r[c]]))
        row(f"{change}: files written", lambda r, c=change: f"{_median([m['files_written'] for m in r[c]])}")
    for server in ("nginx", "gunicorn"):
        for page in ("home", "article"):
            row(f"{server} {page}, requests/s", lambda r, s=server, p=page: r["serve"][s][p]["rps"])
    for view in ("dashboard", "documents"):
        row(f"admin {view}: queries", lambda r, v=view: f"{r['admin'][v]['queries']}")
        row(f"admin {view}: s", lambda r, v=view: r["admin"][v]["seconds"])
    row("search shards", lambda r: f"{r['search']['shards']}")
    row("search index, KB", lambda r: r["search"]["index_bytes"] / 1024)
    row("first query fetch (estimate), KB", lambda r: r["search"]["first_query_bytes"] / 1024)
    lines += [
        "",
        "How each figure is taken: see `benchmarks/measure.py`. *Live* is the moment `current` points to the "
        "new release (pages, listings, feeds and the search shards of the change); *finished* is when the "
        "build returns (old releases are removed afterwards, in the background). The search estimate "
        "counts, per shard, its metadata and the largest index chunk, plus the loader and five result "
        "fragments once.",
        "",
        "<details><summary>Raw results</summary>",
        "",
        "```json",
        json.dumps(records, indent=1, default=str),
        "```",
        "",
        "</details>",
        "",
    ]
    Path(args.out).write_text("\n".join(lines), encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--postgres", action="store_true", help="also measure on PostgreSQL (PG* env)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    parser.add_argument("--work", default=None)
    args = parser.parse_args()
    started = time.time()
    tools = ensure_tools()
    work = args.work or tempfile.mkdtemp(prefix="portal-bench-")
    records = []
    dbs = ["sqlite"] + (["postgres"] if args.postgres else [])
    for size in [int(s) for s in args.sizes.split(",")]:
        for db in dbs:
            print(f"… {size} pages on {db}", flush=True)
            records.append(run_size(work, size, db, tools))
            render(records, tools, started, args)  # written after each size: a long run keeps what it has
    print(f"Wrote {args.out}")


if __name__ == "__main__":
    main()
