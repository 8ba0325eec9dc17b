"""Serve the built static site on a free loopback port, the way `make run` serves it on :8080."""

import functools
import threading
from http.server import ThreadingHTTPServer

from cms.publishing.management.commands.serve_site import StaticSiteHandler
from cms.publishing.release import current_dir


class StaticSiteServer:
    """Context manager: ``with StaticSiteServer() as base_url: ...`` serves ``current`` on 127.0.0.1."""

    def __enter__(self):
        handler = functools.partial(StaticSiteHandler, directory=str(current_dir()))
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        host, port = self.server.server_address
        return f"http://{host}:{port}"

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
