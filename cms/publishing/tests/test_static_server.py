"""The dev static server behaves like production: no listings, no crash on odd paths, same headers."""

import http.client
import os
from pathlib import Path

import pytest

from cms.publishing import release
from cms.publishing.targets.headers import security_headers
from tests.support.static_server import StaticSiteServer


@pytest.fixture
def small_release(site_dir):
    """A hand-made live release: a page, a 404 page, and folders without an index."""
    root = release.releases_dir() / "20261130-000000-000000-abcdef"
    for rel, body in {
        "index.html": "<h1>Trang chủ</h1>",
        "404.html": "<h1>Không tìm thấy trang</h1>",
        "media/documents/quyet-dinh.pdf": "%PDF-1.4",
        "api/v1/tin-moi.json": "{}",
        "manifest.json": '{"format": 3}',
        "api/.manifest.json": '{"files": {}}',
    }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(body, encoding="utf-8")
    os.symlink(Path("releases") / root.name, release.current_dir())
    return root


def _get(base_url, path):
    host, port = base_url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=5)
    conn.putrequest("GET", path, skip_accept_encoding=True)
    conn.endheaders()
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response, body


@pytest.mark.parametrize(
    "path",
    [
        "/media/documents/",
        "/media/",
        "/api/v1/",
        "/media/../db.sqlite3",
        "/../../../../etc/passwd",
        "/%00",
        "/a%00b/",
        "/" + "x" * 5000,
        "/%ff%fe/",
        "/media/documents/quyet-dinh.pdf/..%2f..%2f..%2fmanifest.json",
    ],
)
def test_no_listing_and_no_crash_on_odd_paths(small_release, path):
    with StaticSiteServer() as base_url:
        response, body = _get(base_url, path)
        assert response.status in (404, 301), (path, response.status)
        assert b"Directory listing" not in body and b"quyet-dinh.pdf" not in body
        # The server is still answering afterwards.
        ok, home = _get(base_url, "/")
        assert ok.status == 200 and "Trang chủ" in home.decode()


@pytest.mark.parametrize("path", ["/manifest.json", "/api/.manifest.json", "/api/.manifest.json?x=1"])
def test_the_manifest_and_its_parts_are_not_served(small_release, path):
    """As nginx (deploy/nginx/site.conf): the builder's manifest is not a public file."""
    with StaticSiteServer() as base_url:
        response, body = _get(base_url, path)
        assert response.status == 404 and b"format" not in body and b"files" not in body
        ok, data = _get(base_url, "/api/v1/tin-moi.json")
        assert ok.status == 200 and data == b"{}"


def test_every_response_carries_the_production_security_headers(small_release):
    expected = security_headers()
    assert {"X-Content-Type-Options", "Content-Security-Policy", "Referrer-Policy"} <= set(expected)
    assert "frame-ancestors 'none'" in expected["Content-Security-Policy"]
    assert "'sha256-" in expected["Content-Security-Policy"]  # the inline theme script is allowed by hash
    with StaticSiteServer() as base_url:
        for path in ("/", "/media/documents/quyet-dinh.pdf", "/khong-co/", "/media/"):
            response, _ = _get(base_url, path)
            for name, value in expected.items():
                assert response.getheader(name) == value, (path, name)
