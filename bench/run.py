"""``make bench``: generate schools of several sizes, measure them side by side, write docs/benchmarks.md.

Usage::

    python -m bench.run [--sizes 1000,10000,50000] [--db sqlite,postgres] [--pg-sizes 1000,10000]
                             [--pending 1000] [--out docs/benchmarks.md] [--work DIR]

Per school (one database per size and engine): install the school (``install_school``, no demo
content), bulk-generate its public pages and catalogue, submit 50 articles for review and time the admin
lists, build the whole site (and again with nothing changed), publish / edit an old article / unpublish
through Wagtail's revision publish (median of ``--repeat``), submit more articles up to ``--pending`` and
time the lists again, measure the search index, build an equivalent Hugo site, and serve the home page and
an article from nginx (the build) and
from Wagtail under gunicorn (``deploy/gunicorn.conf.py``) with wrk. Every measurement is its own process
(``bench.measure``). Each phase is timed; the report estimates how long larger sizes take.

PostgreSQL: a private throw-away server (``scripts/with-postgres.sh``, as ``make test-postgres``; this command
re-runs itself inside it), one database per size created from a migrated template. Servers (nginx, gunicorn,
PostgreSQL) listen on random loopback ports and are stopped at the end, on failure and on SIGTERM/SIGINT.
Installs nginx, wrk and hugo with apt-get when they are missing (root). Not part of ``make test``.
"""

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable
INSIDE_PG = "PORTAL_BENCH_PG_READY"
SMALL_PENDING = 50

# Figures taken before the issue-15 changes (the "before" of the report). The issue's own table: 900 vs 9,000
# articles (1,037 vs 9,712 HTML pages), SQLite, this 2-core machine, quiet.
BEFORE = {
    "source": "issue 15 (900 vs 9,000 articles = 1,037 vs 9,712 HTML pages; SQLite; same machine, quiet)",
    "publish_live": (1.31, 2.28),
    "publish_finished": (1.44, 3.60),
    "edit_live": (0.86, 2.18),
    "files_written": (24, 24),
    "build_s": (50, 488),
    "build_pages_s": (20.6, 19.9),
    "hugo_pages_s": (535, 353),
    "documents_queries": ("174 (50 rows)", "324 (5,000 rows)"),
}
# The first run of this harness (branch i15, 2026-11-30 15:00 UTC, load 5–10): 1,000 generated pages, SQLite,
# Pagefind search (since replaced by the site's own index).
EARLIER = {
    "source": "first `make bench`, 1,000 pages, SQLite, 2026-11-30 15:00 UTC, load 5–10, Pagefind search",
    "html": 1505,
    "build_s": 289.90,
    "build_pages_s": 3.67 * 1505 / 1065,
    "peak_mb": 217.39,
    "rebuild_s": 115.36,
    "publish_live": 3.15,
    "publish_finished": 3.18,
    "unpublish_live": 1.39,
    "edit_live": 1.30,
    "files_written": "17 / 15 / 7",
    "nginx_home": 30885.64,
    "gunicorn_home": 14.99,
    "gunicorn_article": 50.52,
    "dashboard_queries": 17,
    "documents_queries": 18,
    "search_kb": 478.89,
}


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_port(port, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            time.sleep(0.3)
    return False


def _which(tool):
    return shutil.which(tool) or (f"/usr/sbin/{tool}" if Path(f"/usr/sbin/{tool}").exists() else None)


def ensure_tools():
    """nginx, wrk and hugo (Debian's packages), installed with apt-get when missing and we are root."""
    missing = [tool for tool in ("nginx", "wrk", "hugo") if not _which(tool)]
    if missing and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        packages = ["nginx-light" if t == "nginx" else t for t in missing]
        result = subprocess.run(["apt-get", "install", "-y", "-q", *packages], env=env, capture_output=True)
        if result.returncode != 0:
            subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True)
            subprocess.run(["apt-get", "install", "-y", "-q", *packages], env=env, capture_output=True)
    tools = {tool: _which(tool) for tool in ("nginx", "wrk", "hugo")}
    if tools["hugo"]:
        out = subprocess.run([tools["hugo"], "version"], capture_output=True, text=True).stdout
        tools["hugo_version"] = out.split()[1] if len(out.split()) > 1 else out.strip()
    return tools


# --- PostgreSQL -------------------------------------------------------------------------------------------


def _pg_connect(dbname):
    import psycopg

    return psycopg.connect(
        host=os.environ["PGHOST"],
        port=os.environ["PGPORT"],
        user=os.environ["PGUSER"],
        password=os.environ.get("PGPASSWORD", ""),
        dbname=dbname,
        autocommit=True,
    )


def _pg_sql(sql, dbname=None):
    with _pg_connect(dbname or os.environ.get("PGDATABASE", "postgres")) as conn:
        conn.execute(sql)


class School:
    """One generated school: its database, media and output folders, and how to run a measurement."""

    def __init__(self, work, size, db):
        self.dir = Path(work) / f"{db}-{size}"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.size, self.db = size, db
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PORTAL_TEST_DB")}
        self.env = {
            **env,
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

    def measure(self, *args, timeout=7200):
        try:
            out = subprocess.run(
                [PY, "-m", "bench.measure", *map(str, args)],
                cwd=ROOT,
                env=self.env,
                capture_output=True,
                text=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            return {"error": f"timeout after {timeout} s"}
        if out.returncode != 0:
            (self.dir / f"error-{args[0]}.log").write_text(out.stderr)
            return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "failed"}
        return json.loads(out.stdout.strip().splitlines()[-1])

    def create_database(self, template):
        """A migrated, empty database: a copy of the template (SQLite file or PostgreSQL TEMPLATE)."""
        if self.db == "postgres":
            name = self.env["PGDATABASE"]
            _pg_sql(f'DROP DATABASE IF EXISTS "{name}"')
            _pg_sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        else:
            shutil.copyfile(template, self.dir / "db.sqlite3")


def migrated_template(work, db):
    """Migrate once per engine; every school starts from a copy (migrations take a minute here)."""
    school = School(work, "template", db)
    if db == "postgres":
        _pg_sql('DROP DATABASE IF EXISTS "bench_template"')
        _pg_sql('CREATE DATABASE "bench_template"')
        school.env["PGDATABASE"] = "bench_template"
        school.manage("migrate", "--noinput")
        return "bench_template"
    school.manage("migrate", "--noinput")
    return school.dir / "db.sqlite3"


# --- Hugo, nginx, gunicorn, wrk ---------------------------------------------------------------------------


def hugo_site(folder, pages, hugo):
    """An equivalent Hugo site: ``pages`` Markdown pages in the same sections, a list and a page layout
    (navigation, "older articles" box, paginated section lists), built with Debian's hugo."""
    folder = Path(folder)
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "layouts" / "_default").mkdir(parents=True)
    (folder / "hugo.toml").write_text(
        'baseURL = "http://127.0.0.1/"\ntitle = "Trường"\n[pagination]\npagerSize = 12\n'
    )
    (folder / "layouts" / "_default" / "baseof.html").write_text(
        "<!DOCTYPE html><html lang=vi><head><title>{{ .Title }}</title></head><body><nav>"
        '{{ range .Site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>'
        '{{ block "main" . }}{{ end }}</body></html>'
    )
    (folder / "layouts" / "_default" / "single.html").write_text(
        # The six articles before this one in its section, walked with PrevInSection (constant work per
        # page; a `where` over the section's pages would make Hugo quadratic: over 9 minutes at 50,000).
        '{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ .Content }}</article><aside>{{ $p := . }}'
        '{{ range seq 6 }}{{ with $p }}{{ with .PrevInSection }}{{ $p = . }}<a href="{{ .RelPermalink }}">'
        "{{ .Title }}</a>{{ else }}{{ $p = false }}{{ end }}{{ end }}{{ end }}</aside>{{ end }}"
    )
    (folder / "layouts" / "_default" / "list.html").write_text(
        '{{ define "main" }}<h1>{{ .Title }}</h1>{{ range .Paginator.Pages }}<a href="{{ .RelPermalink }}">'
        "{{ .Title }}</a>{{ end }}{{ end }}"
    )
    words = "học sinh giáo viên nhà trường hoạt động chuyên môn phong trào thi đua ngoại khóa".split()
    for i in range(pages):
        section = ("tin-tuc", "chuyen-mon", "doan-the", "hoc-sinh", "thong-bao", "van-ban", "thu-vien")[i % 7]
        path = folder / "content" / section / f"bai-{i}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        day = f"{2017 + i % 10}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        body = "\n\n".join(" ".join(words[(i + j) % len(words)] for j in range(40)) for _ in range(4))
        path.write_text(f'---\ntitle: "Bài {i}"\ndate: {day}\n---\n\n{body}\n')
    started = time.monotonic()
    result = subprocess.run([hugo, "--quiet", "-s", str(folder)], capture_output=True, text=True)
    seconds = time.monotonic() - started
    built = sum(1 for _ in (folder / "public").rglob("*.html")) if result.returncode == 0 else 0
    shutil.rmtree(folder / "content", ignore_errors=True)
    return {
        "seconds": seconds,
        "html": built,
        "pages_per_s": built / seconds if seconds else 0,
        "error": result.stderr.strip()[-300:] if result.returncode else None,
    }


def _wrk(url, seconds=5):
    out = subprocess.run(
        ["wrk", "-t1", "-c4", f"-d{seconds}s", "--timeout", "10s", url], capture_output=True, text=True
    )
    match = re.search(r"Requests/sec:\s+([\d.]+)", out.stdout)
    latency = re.search(r"Latency\s+([\d.]+\w+)", out.stdout)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out.stdout)
    return {
        "rps": float(match.group(1)) if match else None,
        "latency": latency.group(1) if latency else None,
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def _stop(process, seconds=20):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def serve(school, article_url, tools):
    """Requests/s for the home page and one article: nginx on the build (the deploy's gzip and try_files)
    vs Wagtail's dynamic view under gunicorn with deploy/gunicorn.conf.py (its workers, preload, timeouts)."""
    results = {}
    port = _free_port()
    conf = school.dir / "nginx.conf"
    conf.write_text(
        f"daemon off; worker_processes 1; pid {school.dir}/nginx.pid; error_log {school.dir}/nginx.err;\n"
        "events { worker_connections 256; }\n"
        "http { access_log off; include /etc/nginx/mime.types; gzip on; gzip_comp_level 6; "
        "gzip_types application/json application/javascript text/css; disable_symlinks off;\n"
        f"  server {{ listen 127.0.0.1:{port}; root {school.dir}/site/current; index index.html;\n"
        "    charset utf-8;\n"
        "    location / { try_files $uri $uri/index.html $uri/ =404; } } }\n"
    )
    nginx = subprocess.Popen(
        [tools["nginx"], "-c", str(conf), "-p", str(school.dir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _RUNNING.append(nginx)
    try:
        if _wait_port(port, 10):
            results["nginx"] = {
                "home": _wrk(f"http://127.0.0.1:{port}/"),
                "article": _wrk(f"http://127.0.0.1:{port}{article_url}"),
            }
    finally:
        _stop(nginx)
    port = _free_port()
    env = {**school.env, "PORTAL_GUNICORN_BIND": f"127.0.0.1:{port}", "PORTAL_LOG_LEVEL": "warning"}
    gunicorn = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "-c",
            str(ROOT / "deploy" / "gunicorn.conf.py"),
            "--access-logfile",
            "/dev/null",
            "portal_site.wsgi",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(school.dir / "gunicorn.err", "w"),  # noqa: SIM115 - closed with the process
    )
    _RUNNING.append(gunicorn)
    try:
        if _wait_port(port, 90):
            subprocess.run(["curl", "-s", "-o", "/dev/null", f"http://127.0.0.1:{port}/"], timeout=60)
            results["gunicorn"] = {
                "home": _wrk(f"http://127.0.0.1:{port}/"),
                "article": _wrk(f"http://127.0.0.1:{port}{article_url}"),
                "workers": _gunicorn_workers(),
            }
    finally:
        _stop(gunicorn)
    return results


def _gunicorn_workers():
    import multiprocessing

    return int(os.environ.get("PORTAL_GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 5)))


_RUNNING = []  # servers started by this run: stopped on any exit


def _stop_all(*_args):
    for process in _RUNNING:
        try:
            _stop(process, 5)
        except Exception:  # noqa: BLE001, S110 - best effort on the way out
            pass


# --- one school -------------------------------------------------------------------------------------------


class Phases:
    """Wall time of each phase of one school, kept in its record (``record["phases"]``)."""

    def __init__(self, record):
        self.record = record
        record["phases"] = {}

    def __call__(self, name, fn, *args, **kwargs):
        print(f"    {name}…", flush=True)
        started = time.monotonic()
        try:
            return fn(*args, **kwargs)
        finally:
            spent = time.monotonic() - started  # repeated phases (publish ×3) add up
            self.record["phases"][name] = round(self.record["phases"].get(name, 0) + spent, 2)


def run_size(work, size, db, tools, args, template):
    school = School(work, size, db)
    record = {"size": size, "db": db, "started": time.strftime("%H:%M:%S", time.gmtime())}
    phase = Phases(record)
    large = size > args.rebuild_max
    try:
        phase("database", school.create_database, template)
        record["generate"] = phase("generate", school.measure, "generate", size)
        record["pending_small"] = phase("pending 50", school.measure, "pending", SMALL_PENDING)
        record["admin_small"] = phase("admin lists (50 waiting)", school.measure, "admin")
        record["build"] = phase("full build", school.measure, "build")
        if not large:
            record["rebuild_unchanged"] = phase("rebuild, nothing changed", school.measure, "build")
        changes = phase(f"publish, edit, unpublish ×{args.repeat}", school.measure, "changes", args.repeat)
        for change in ("cold", "publish", "edit", "unpublish"):
            record[change] = changes.get(change, [] if change != "cold" else {"error": changes.get("error")})
        more = args.pending - SMALL_PENDING
        if more > 0:
            record["pending"] = phase(f"pending +{more}", school.measure, "pending", more)
        record["admin"] = phase(f"admin lists ({args.pending} waiting)", school.measure, "admin")
        record["search"] = phase("search", school.measure, "search")
        if tools.get("hugo"):
            html = (record["build"] or {}).get("html") or size
            record["hugo"] = phase("hugo", hugo_site, school.dir / "hugo", html, tools["hugo"])
        if tools.get("nginx") and tools.get("wrk"):
            site = school.dir / "site" / "current"
            article = next(
                (p for p in sorted(site.glob("*/*/index.html")) if "bai-thu-" in str(p)),
                next(iter(sorted(site.glob("*/*/index.html"))), None),
            )
            if article is not None:
                url = "/" + str(article.parent.relative_to(site)) + "/"
                record["serve"] = phase("serve (nginx, gunicorn)", serve, school, url, tools)
                record["serve_article"] = url
    finally:
        # The school's files stay until the end of the run (the work folder is removed then): deleting
        # tens of thousands of files here would compete with the next school's measurements.
        record["finished"] = time.strftime("%H:%M:%S", time.gmtime())
    return record


# --- the report -------------------------------------------------------------------------------------------


def _median(values):
    values = sorted(v for v in values if v is not None)
    return values[len(values) // 2] if values else None


def _live(record, change):
    return _median([m.get("live_s") for m in record.get(change, []) if isinstance(m, dict)])


def _html_rate(record):
    return record["build"]["html"] / record["build"]["seconds"]


def goals(records):
    """Each goal of issue 15 with the figure it is judged on and whether it is met (computed)."""
    out = []

    def add(goal, figure, met):
        out.append((goal, figure, "–" if met is None else ("met" if met else "**not met**")))

    by_db = {}
    for r in records:
        by_db.setdefault(r["db"], []).append(r)
    lives = [(r, _live(r, "publish")) for r in records if _live(r, "publish") is not None]
    add(
        "publish → live ≤ 1 s (median) at every size",
        ", ".join(f"{r['size']:,} {r['db']}: {v:.2f} s" for r, v in lives) or "not measured",
        all(v <= 1 for _, v in lives) if lives else None,
    )
    # Clarification #13: "live" is pages, listings and feeds; the search index may follow within 10 s.
    follows = [
        (r, _median([m.get("finished_s") for m in r.get("publish", []) if isinstance(m, dict)]))
        for r in records
    ]
    follows = [(r, v) for r, v in follows if v is not None]
    add(
        "search index up to date ≤ 10 s after a publish (median), at every size",
        ", ".join(f"{r['size']:,} {r['db']}: {v:.2f} s" for r, v in follows) or "not measured",
        all(v <= 10 for _, v in follows) if follows else None,
    )
    for db, rs in by_db.items():
        rs = sorted(rs, key=lambda r: r["size"])
        if len(rs) < 2:
            continue
        small, big = rs[0], rs[-1]
        cells, ok = [], []
        for change in ("publish", "unpublish", "edit"):
            a, b = _live(small, change), _live(big, change)
            if a and b:
                cells.append(f"{change} {b / a:.2f}")
                ok.append(b / a <= 1.3)
        exact = small["size"] == 1000 and big["size"] == 50000
        add(
            f"live time ratio {big['size']:,} / {small['size']:,} ≤ 1.3 ({db})"
            + ("" if exact else "; the goal is 50,000 / 1,000"),
            ", ".join(cells) or "not measured",
            all(ok) if ok and exact else None,
        )
    for r in records:
        if r["size"] == 10000 and r.get("build", {}).get("html"):
            rate = _html_rate(r)
            add(f"full build ≥ 200 pages/s at 10,000 ({r['db']})", f"{rate:.1f} pages/s", rate >= 200)
            hugo = r.get("hugo", {}).get("pages_per_s")
            if hugo:
                add(
                    f"full build ≥ ½ Hugo at 10,000 ({r['db']})",
                    f"{rate:.1f} vs Hugo {hugo:.1f} pages/s ({rate / hugo:.1%})",
                    rate >= hugo / 2,
                )
    if not any(r["size"] == 10000 for r in records):
        add("full build ≥ 200 pages/s and ≥ ½ Hugo at 10,000", "10,000 not in this run", None)
    biggest = max((r["size"] for r in records), default=0)
    for r in records:
        if r["size"] == biggest and r.get("build", {}).get("peak_mb"):
            mb = r["build"]["peak_mb"]
            add(
                f"peak memory ≤ 600 MB at 50,000 ({r['db']}, measured at {biggest:,})",
                f"{mb:.0f} MB",
                mb <= 600 if biggest == 50000 else None,
            )
    for db, rs in by_db.items():
        labels = sorted({label for r in rs for key in ("admin_small", "admin") for label in r.get(key) or {}})
        for label in labels:
            seen = []
            for r in rs:
                for key in ("admin_small", "admin"):
                    m = (r.get(key) or {}).get(label) or {}
                    if "queries" in m:
                        seen.append((m["rows"], m["queries"]))
            if len(seen) < 2:
                continue
            counts = {q for _, q in seen}
            add(
                f"admin list at constant queries: {label} ({db})",
                "; ".join(f"{rows:,} rows: {q}" for rows, q in sorted(set(seen))),
                len(counts) == 1,
            )
    for r in records:
        if r["size"] == biggest and r.get("search", {}).get("first_query_bytes"):
            kb = r["search"]["first_query_bytes"] / 1024
            add(
                f"search ≤ 300 KB for a first query at 50,000 ({r['db']}, measured at {biggest:,})",
                f"{kb:.0f} KB ({r['search']['first_query_gzip_bytes'] / 1024:.0f} KB gzip)",
                kb <= 300 if biggest == 50000 else None,
            )
    return out


LINEAR = ("generate", "full build", "rebuild, nothing changed", "search", "hugo")


def estimate(records, sizes):
    """Seconds for each target size, scaled from the largest school of each engine (fixed costs weigh least
    there): phases in ``LINEAR`` grow with the pages; the others (publish, admin lists, serving, pending
    submissions) are taken as they were."""
    out = {}
    for db in sorted({r["db"] for r in records}):
        base = max((r for r in records if r["db"] == db), key=lambda r: r["size"])
        for size in sizes:
            total = 0.0
            for name, seconds in base["phases"].items():
                total += seconds * (size / base["size"] if name.startswith(LINEAR) else 1)
            out[(db, size)] = (base["size"], total)
    return out


def render(records, tools, context, args):
    load_end = os.getloadavg()
    lines = [
        "# Benchmarks (issue 15)",
        "",
        f"Written by `make bench` on {time.strftime('%Y-%m-%d', time.gmtime(context['started']))}, "
        f"{time.strftime('%H:%M', time.gmtime(context['started']))}–{time.strftime('%H:%M UTC')} "
        f"({(time.time() - context['started']) / 60:.0f} min).",
        "",
        f"- Machine: {platform.machine()}, {os.cpu_count()} CPUs ({context['cpu']}), "
        f"{context['memory']}, Linux {platform.release()}, Python {platform.python_version()}, "
        f"SQLite {context['sqlite']}, {context['postgres'] or 'PostgreSQL not used'}.",
        f"- Load average (1/5/15 min): at the start {context['load_start']}; at the end "
        f"{load_end[0]:.2f} / {load_end[1]:.2f} / {load_end[2]:.2f}. The machine is shared with other "
        "sessions: timings are noisy, counts (files written, queries) are not.",
        f"- Command: `{context['command']}`.",
        f"- Tools: nginx {'yes' if tools.get('nginx') else 'missing'}, "
        f"wrk {'yes' if tools.get('wrk') else 'missing'}, "
        f"hugo {tools.get('hugo_version', 'missing')} (Debian's packages); gunicorn with "
        f"`deploy/gunicorn.conf.py` ({_gunicorn_workers()} sync workers, preload) on the bench settings.",
        f"- Build workers: {_build_workers(records)}.",
        f"- Sizes: {context['plan']}",
        "- Migrations, once per engine (each school starts from a copy): "
        + (", ".join(f"{db} {s:.0f} s" for db, s in context["migrate"].items()) or "–")
        + ".",
        "",
        "## Figures",
        "",
        "Columns are the schools of this run; *before* is the issue's own table (900 / 9,000 articles) and "
        "*earlier* the first run of this harness (1,000 pages).",
        "",
    ]
    heads = [f"{r['size']:,} ({r['db']})" for r in records]
    lines += [
        "| | before (issue) | earlier | " + " | ".join(heads) + " |",
        "|---|---|---|" + "---:|" * len(records),
    ]

    def row(label, fn, before="", earlier=""):
        cells = []
        for record in records:
            try:
                value = fn(record)
            except (KeyError, TypeError, IndexError, ValueError, StopIteration, ZeroDivisionError):
                value = None
            if value is None:
                cells.append("–")
            else:
                cells.append(value if isinstance(value, str) else f"{value:,.2f}")
        lines.append(f"| {label} | {before} | {earlier} | " + " | ".join(cells) + " |")

    b, e = BEFORE, EARLIER
    row(
        "generated: articles / notices / documents / records",
        lambda r: "{articles:,} / {notices:,} / {documents:,} / {records:,}".format(**r["generate"]),
    )
    row("public HTML pages", lambda r: f"{r['build']['html']:,}", "1,037 / 9,712", f"{e['html']:,}")
    row("files in the release", lambda r: f"{r['build']['files']:,}", "2,307 / 19,314", "3,091")
    row(
        "full build, s",
        lambda r: r["build"]["seconds"],
        f"{b['build_s'][0]} / {b['build_s'][1]}",
        f"{e['build_s']:.0f}",
    )
    row(
        "full build, HTML pages/s",
        _html_rate,
        f"{b['build_pages_s'][0]} / {b['build_pages_s'][1]}",
        f"{e['build_pages_s']:.1f}",
    )
    row(
        "full build, peak memory MB (process + workers, PSS)",
        lambda r: r["build"]["peak_mb"],
        "",
        f"{e['peak_mb']:.0f}",
    )
    row(
        "full build, peak memory MB (sum of resident sizes, shared pages counted per process)",
        lambda r: r["build"].get("peak_rss_sum_mb"),
        "",
        "",
    )
    row(
        "rebuild with nothing changed, s",
        lambda r: r["rebuild_unchanged"]["seconds"],
        "",
        f"{e['rebuild_s']:.0f}",
    )
    row("Hugo, same HTML page count, s", lambda r: r["hugo"]["seconds"])
    row(
        "Hugo, pages/s",
        lambda r: r["hugo"]["pages_per_s"],
        f"{b['hugo_pages_s'][0]} / {b['hugo_pages_s'][1]}",
    )
    row("our build / Hugo", lambda r: f"{_html_rate(r) / r['hugo']['pages_per_s']:.1%}", "1/27 – 1/18")
    row("first change in a fresh process (edit, cold), live s", lambda r: r["cold"]["live_s"])
    for change, before_live, before_fin, earlier_live in (
        ("publish", b["publish_live"], b["publish_finished"], e["publish_live"]),
        ("edit", b["edit_live"], None, e["edit_live"]),
        ("unpublish", None, None, e["unpublish_live"]),
    ):
        row(
            f"{change} → live, s (median of {args.repeat})",
            lambda r, c=change: _live(r, c),
            f"{before_live[0]} / {before_live[1]}" if before_live else "",
            f"{earlier_live}",
        )
        row(
            f"{change} → finished (search index follows), s",
            lambda r, c=change: _median([m.get("finished_s") for m in r[c]]),
            f"{before_fin[0]} / {before_fin[1]}" if before_fin else "",
        )
        row(
            f"{change}: files written (median)",
            lambda r, c=change: f"{_median([m.get('files_written') for m in r[c]])}",
            "24 / 24" if change == "publish" else "",
            e["files_written"].split(" / ")[("publish", "unpublish", "edit").index(change)],
        )
        row(
            f"{change}: file operations (median)",
            lambda r, c=change: f"{_median([sum((m.get('file_ops') or {}).values()) for m in r[c]])}",
        )
        row(
            f"{change}: build phases, s (median render / search index / search release, after live)",
            lambda r, c=change: " / ".join(
                f"{_median([(m.get('timings') or {}).get(k, 0) for m in r[c]]):.2f}"
                for k in ("render", "search", "search_live")
            ),
        )
    for server in ("nginx", "gunicorn"):
        for page in ("home", "article"):
            earlier = e.get(f"{server}_{page}")
            row(
                f"{server} {page}, requests/s",
                lambda r, s=server, p=page: r["serve"][s][p]["rps"],
                "",
                f"{earlier:,.0f}" if earlier else "",
            )
    labels = []
    for r in records:
        for key in ("admin_small", "admin"):
            labels += [k for k in (r.get(key) or {}) if k not in labels]
    for label in labels:
        for key, when in (("admin_small", f"{SMALL_PENDING} waiting"), ("admin", f"{args.pending} waiting")):
            before = ""
            if label.startswith("documents") and key == "admin":
                before = " / ".join(b["documents_queries"])
            row(
                f"admin {label}, {when}: queries (rows)",
                lambda r, k=key, lab=label: f"{r[k][lab]['queries']} ({r[k][lab]['rows']:,})",
                before,
            )
            row(f"admin {label}, {when}: s", lambda r, k=key, lab=label: r[k][lab]["seconds"])
    row(
        f"submissions for review, ms each ({args.pending} in all)",
        lambda r: (
            (r["pending_small"]["seconds"] + r.get("pending", {}).get("seconds", 0))
            * 1000
            / (SMALL_PENDING + r.get("pending", {}).get("added", 0))
        ),
    )
    row("search shards", lambda r: f"{r['search']['shards']}", "", "11")
    row("search index, KB", lambda r: r["search"]["index_bytes"] / 1024, "", "7,657")
    row(
        "first query fetched, KB (worst of 3 queries)",
        lambda r: r["search"]["first_query_bytes"] / 1024,
        "",
        f"{e['search_kb']:.0f} (Pagefind)",
    )
    row("first query fetched, KB gzip", lambda r: r["search"]["first_query_gzip_bytes"] / 1024)
    row("first query requests", lambda r: f"{max(q['requests'] for q in r['search']['queries'].values())}")

    lines += [
        "",
        "## Goals (computed from the figures above)",
        "",
        "| goal | figure | result |",
        "|---|---|---|",
    ]
    lines += [f"| {g} | {f} | {m} |" for g, f, m in goals(records)]

    lines += ["", "## Time of each phase (s)", ""]
    names = []
    for r in records:
        names += [n for n in r.get("phases", {}) if n not in names]
    lines += ["| phase | " + " | ".join(heads) + " |", "|---|" + "---:|" * len(records)]
    for name in names:
        cells = [f"{r['phases'][name]:,.1f}" if name in r.get("phases", {}) else "–" for r in records]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append(
        "| **total** | " + " | ".join(f"**{sum(r['phases'].values()):,.0f}**" for r in records) + " |"
    )
    targets = sorted({1000, 10000, 50000} | {r["size"] for r in records})
    est = estimate(records, targets)
    if est:
        lines += [
            "",
            "Estimated time per school at other sizes with the code measured here (linear phases — "
            f"{', '.join(LINEAR)} — scaled from the largest school of each engine, the others as measured; "
            "the default `make bench` runs SQLite at 1,000, 10,000 and 50,000 and PostgreSQL at 1,000 and "
            "10,000):",
            "",
            "| engine | " + " | ".join(f"{s:,}" for s in targets) + " |",
            "|---|" + "---:|" * len(targets),
        ]
        for db in sorted({d for d, _ in est}):
            base = est[(db, targets[0])][0]
            cells = [f"{est[(db, s)][1] / 60:,.0f} min" for s in targets]
            lines.append(f"| {db} (from {base:,}) | " + " | ".join(cells) + " |")
        default = {"sqlite": (1000, 10000, 50000), "postgres": (1000, 10000)}
        total = sum(est[(db, s)][1] for db, sizes in default.items() for s in sizes if (db, s) in est)
        total += sum(context["migrate"].values())
        lines += [
            "",
            f"Estimated default `make bench` (both engines measured here): **{total / 60:,.0f} min**.",
        ]
    lines += [
        "",
        "## How each figure is taken",
        "",
        "- **Schools.** `install_school` with the demo's answers and role accounts (no demo content), "
        "then bulk "
        "inserts (`bench/generate.py`): 70 % articles with a cover image, 10 % notices, 10 % official "
        "documents, 10 % catalogue records (two copies each, each record a public page), over ten years. "
        f"Waiting items are real submissions (draft revision + `workflow.start`): {SMALL_PENDING}, then "
        f"{args.pending} in all.",
        "- **Full build**: `build_site()` in its own process; pages/s counts the HTML files of the "
        "release (as "
        "the issue's table); peak memory is the largest resident set of the process and all its children "
        "(build workers), sampled every 0.1 s.",
        "- **Publish / edit / unpublish**: Wagtail's `revision.publish()` / `page.unpublish()` as the "
        "principal; the page_published/unpublished signals record the change and the build task runs "
        "(immediate task backend). All in one process, as the long-running build worker does: its first "
        "change (an edit, templates compiled and caches filled) is shown apart as *cold*, then "
        f"{args.repeat} rounds of publish, edit, unpublish. *Live* is when the `current` symlink "
        "changes (polled every ms by a watcher thread), *finished* when the task returns. Pages, "
        "listings, feeds and the search shards of the change are in the release that goes live. "
        "The edit is of the oldest article.",
        "- **Serving**: wrk, 1 thread, 4 connections, 5 s per page, loopback; nginx with the deploy's "
        "`try_files` and gzip; gunicorn with `deploy/gunicorn.conf.py` (the deploy's worker count) on "
        "`portal_site.settings.bench` (production settings need real addresses and mail).",
        "- **Admin lists**: each rendered for its real user (dashboard: the first-stage reviewer and the "
        "principal; documents and notices: the clerk; catalogue: the librarian) with Django's test client "
        "after one warm-up request; rows are what the list stands for (waiting items, objects).",
        "- **Search**: replays `static/js/search.js` on the live release for three queries, cold cache: "
        "`shards.json`, every shard's `index.json`, one term bucket per term per shard, then the metadata "
        "chunks of the first 20 results; each URL once. Raw bytes (and gzip at level 6, as nginx sends "
        "JSON); the script itself is not counted (a static asset cached for a year).",
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


def _build_workers(records):
    values = {str((r.get("build") or {}).get("workers")) for r in records}
    values.discard("None")
    return ", ".join(sorted(values)) if values else "default (SITE_BUILD_WORKERS not set)"


def _context(args, plan):
    import sqlite3

    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kb / 2**20:.1f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    postgres = None
    if "postgres" in args.db:
        try:
            with _pg_connect(os.environ.get("PGDATABASE", "postgres")) as conn:
                postgres = "PostgreSQL " + conn.execute("SHOW server_version").fetchone()[0]
        except Exception:  # noqa: BLE001
            postgres = "PostgreSQL (version unknown)"
    load = os.getloadavg()
    return {
        "started": time.time(),
        "cpu": cpu,
        "memory": memory,
        "sqlite": sqlite3.sqlite_version,
        "postgres": postgres,
        "load_start": f"{load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}",
        "command": os.environ.get("PORTAL_BENCH_COMMAND") or " ".join(["python -m bench.run", *sys.argv[1:]]),
        "plan": plan,
        "migrate": {},
    }


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,10000,50000", help="public pages per school (SQLite)")
    parser.add_argument("--db", default="sqlite,postgres", help="engines: sqlite, postgres or both")
    parser.add_argument(
        "--pg-sizes", default=None, help="sizes measured on PostgreSQL (default: the sizes up to 10,000)"
    )
    parser.add_argument("--pending", type=int, default=1000, help="articles waiting for review at the end")
    parser.add_argument("--repeat", type=int, default=3, help="publish / edit / unpublish repetitions")
    parser.add_argument(
        "--rebuild-max", type=int, default=10000, help="largest size with an unchanged rebuild"
    )
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    parser.add_argument("--work", default=None)
    args = parser.parse_args()
    args.db = [d.strip() for d in args.db.split(",") if d.strip()]
    sizes = [int(s) for s in args.sizes.split(",")]
    pg_sizes = (
        [int(s) for s in args.pg_sizes.split(",")] if args.pg_sizes else [s for s in sizes if s <= 10000]
    )

    if "postgres" in args.db and not os.environ.get(INSIDE_PG):
        # Re-run inside a private PostgreSQL server; with-postgres.sh stops it and removes it on any exit.
        env = {**os.environ, INSIDE_PG: "1"}
        env.setdefault("PORTAL_BENCH_COMMAND", " ".join(["python -m bench.run", *sys.argv[1:]]))
        command = ["bash", str(ROOT / "scripts" / "with-postgres.sh"), sys.executable, "-m", "bench.run"]
        child = subprocess.Popen([*command, *sys.argv[1:]], cwd=ROOT, env=env, start_new_session=True)

        def forward(signum, _frame):  # the run inside stops its servers, the script its PostgreSQL
            os.killpg(child.pid, signum)

        signal.signal(signal.SIGTERM, forward)
        signal.signal(signal.SIGINT, forward)
        sys.exit(child.wait())

    def stop(signum, _frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    plan = [f"{s:,} on SQLite" for s in sizes if "sqlite" in args.db]
    plan += [f"{s:,} on PostgreSQL" for s in pg_sizes if "postgres" in args.db]
    plan_text = (
        ", ".join(plan)
        + f"; {args.pending} waiting items; publish/edit/unpublish ×{args.repeat}; unchanged rebuild up to "
        f"{args.rebuild_max:,} pages."
        + (
            f" PostgreSQL only at {', '.join(f'{s:,}' for s in pg_sizes)} to stay within the hour."
            if "postgres" in args.db and set(pg_sizes) != set(sizes)
            else ""
        )
    )
    context = _context(args, plan_text)
    tools = ensure_tools()
    work = args.work or tempfile.mkdtemp(prefix="portal-bench-")
    records = []
    try:
        for db in args.db:
            print(f"… migrating a template database ({db})", flush=True)
            started = time.monotonic()
            template = migrated_template(work, db)
            context["migrate"][db] = time.monotonic() - started
            for size in sizes if db == "sqlite" else pg_sizes:
                print(f"… {size} pages on {db}", flush=True)
                records.append(run_size(work, size, db, tools, args, template))
                render(records, tools, context, args)  # written after each size: a long run keeps what it has
    finally:
        _stop_all()
        if not args.work:
            print("… removing the generated schools", flush=True)
            shutil.rmtree(work, ignore_errors=True)
    print(f"Wrote {args.out}")


if __name__ == "__main__":
    main()
