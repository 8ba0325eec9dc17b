"""`manage.py serve_site`: serve the built static site (the `current` release) for local use."""

import functools
import os
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

from django.core.management.base import BaseCommand

from cms.publishing import release
from cms.publishing.manifest import is_manifest_path
from cms.publishing.targets.headers import content_type, security_headers


class StaticSiteHandler(SimpleHTTPRequestHandler):
    """Serves files from the `current` symlink, re-resolved per request so a swap shows at once.

    Like production: the same security headers on every response (``targets.headers``), no directory
    listings (a folder without ``index.html`` answers 404), and any odd request path answers 404 instead
    of crashing the handler.
    """

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".html": "text/html; charset=utf-8"}

    def guess_type(self, path):
        # The same Content-Type the S3 target sets (feeds, JSON, the search index).
        return content_type(str(path))

    def end_headers(self):
        for name, value in security_headers().items():
            self.send_header(name, value)
        super().end_headers()

    def list_directory(self, path):
        self.send_error(404)
        return None

    def send_head(self):
        try:
            # The file the request resolves to (after %-decoding and "..", as the server will read it).
            rel = os.path.relpath(self.translate_path(self.path), self.directory).replace(os.sep, "/")
        except (OSError, ValueError):
            rel = ""
        if is_manifest_path(rel):
            # As deploy/nginx/site.conf: the manifest and its parts are the builder's, not the public's.
            self.send_error(404)
            return None
        try:
            return super().send_head()
        except (OSError, ValueError):
            # NUL bytes, over-long names, undecodable paths: not found, never a crash.
            self.send_error(404)
            return None

    def send_error(self, code, message=None, explain=None):
        not_found = release.current_dir() / "404.html"
        if code == 404 and not_found.exists():
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format, *args):  # noqa: A002 - signature from the base class
        pass


class Command(BaseCommand):
    help = "Phục vụ trang tĩnh đã dựng tại địa chỉ cục bộ (mặc định http://127.0.0.1:8080/)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8080)

    def handle(self, *args, **options):
        root = release.current_dir()
        handler = functools.partial(StaticSiteHandler, directory=str(root))
        server = ThreadingHTTPServer((options["host"], options["port"]), handler)
        self.stdout.write(f"Trang công khai (tĩnh): http://{options['host']}:{options['port']}/  ← {root}")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
