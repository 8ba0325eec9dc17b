"""Old addresses as server rules (issue 10, clarification "#8"): nginx rules and S3 website redirects.

nginx: the builder's file passes ``nginx -t`` and a real nginx on loopback answers 301. S3: the redirect
pages in the bucket (moto's server) carry ``x-amz-website-redirect-location``.
"""

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest
from django.core.management import call_command
from wagtail.contrib.redirects.models import Redirect

from cms.publishing import redirect_rules, release
from cms.publishing.builder import build_pending, build_site

from .helpers import SITE_BUCKET, new_article, publish

pytestmark = pytest.mark.django_db

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# A link someone typed in the admin with characters nginx would misread ("$" starts a variable).
ODD_TARGET = 'https://so.haiphong.edu.vn/tin tức/"a"$b'
ODD_ENCODED = "https://so.haiphong.edu.vn/tin%20t%E1%BB%A9c/%22a%22%24b"


def _redirects(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Redirect.objects.create(old_path="/tuyen-sinh-2025", redirect_link="/thong-bao/")
        Redirect.objects.create(old_path="/lien-ket-cu", redirect_link=ODD_TARGET)


def test_rules_quote_what_nginx_would_misread():
    text = redirect_rules.nginx_rules([("/tuyen-sinh-2025", "/thong-bao/"), ('/cu/"x"', "/a$b c/")])
    assert 'location = "/tuyen-sinh-2025" { return 301 "/thong-bao/"; }' in text
    assert 'location = "/tuyen-sinh-2025/" { return 301 "/thong-bao/"; }' in text
    assert 'location = "/cu/\\"x\\"" { return 301 "/a%24b%20c/"; }' in text
    assert "$" not in text.split("\n", 3)[3]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _nginx_conf(tmp_path, port, root, rules):
    (tmp_path / "logs").mkdir(exist_ok=True)
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        f"""daemon off;
worker_processes 1;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/logs/error.log;
events {{ worker_connections 32; }}
http {{
    access_log off;
    client_body_temp_path {tmp_path}/body;
    proxy_temp_path {tmp_path}/proxy;
    fastcgi_temp_path {tmp_path}/fastcgi;
    uwsgi_temp_path {tmp_path}/uwsgi;
    scgi_temp_path {tmp_path}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        index index.html;
        include {rules};
        location / {{ try_files $uri $uri/index.html $uri/ =404; }}
    }}
}}
"""
    )
    return conf


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _status_and_location(url):
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        response = opener.open(url, timeout=5)
        return response.status, response.headers.get("Location")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location")


@pytest.mark.skipif(not shutil.which("nginx") and not shutil.os.path.exists(NGINX), reason="nginx missing")
def test_builder_writes_nginx_rules_that_nginx_accepts_and_serves(
    built_site, site_dir, tmp_path, django_capture_on_commit_callbacks
):
    _redirects(django_capture_on_commit_callbacks)
    build_pending()
    rules = redirect_rules.nginx_redirects_path()
    assert rules.parent == site_dir
    text = rules.read_text()
    assert 'location = "/tuyen-sinh-2025" { return 301 "/thong-bao/"; }' in text

    port = _free_port()
    conf = _nginx_conf(tmp_path, port, release.current_dir(), rules)
    command = [NGINX, "-t", "-c", str(conf), "-p", str(tmp_path)]
    check = subprocess.run(command, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr

    server = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(tmp_path)], stderr=subprocess.PIPE)
    try:
        for _ in range(50):
            try:
                status, location = _status_and_location(f"http://127.0.0.1:{port}/tuyen-sinh-2025/")
                break
            except (ConnectionError, urllib.error.URLError):
                time.sleep(0.05)
        assert status == 301
        assert location.endswith("/thong-bao/")
        status, location = _status_and_location(f"http://127.0.0.1:{port}/lien-ket-cu")
        assert (status, location) == (301, ODD_ENCODED)
        # Only the listed addresses redirect (the served files are read by nginx's workers, which may not
        # enter pytest's private temporary folder, so no file is asked for here).
        assert _status_and_location(f"http://127.0.0.1:{port}/khong-co-trang-nay/") == (404, None)
    finally:
        server.terminate()
        server.wait(timeout=10)

    # A removed redirect leaves the rules at the next build.
    with django_capture_on_commit_callbacks(execute=True):
        Redirect.objects.filter(old_path="/tuyen-sinh-2025").delete()
    build_pending()
    assert "/tuyen-sinh-2025" not in rules.read_text()


def test_management_command_prints_the_same_rules(site_dir, django_capture_on_commit_callbacks, capsys):
    _redirects(django_capture_on_commit_callbacks)
    call_command("nginx_redirects")
    out = capsys.readouterr().out
    assert out == redirect_rules.nginx_rules(redirect_rules.current_redirects())
    assert 'location = "/lien-ket-cu" ' in out


def test_s3_redirect_pages_carry_the_website_redirect(
    warm_renditions, site_dir, bucket, django_capture_on_commit_callbacks
):
    article = publish(new_article("Đội tuyển Đá cầu đạt giải Nhất", "doi-tuyen-da-cau-dat-giai-nhat"))
    _redirects(django_capture_on_commit_callbacks)
    build_site(trigger="test: s3 redirects")

    head = bucket.head_object(Bucket=SITE_BUCKET, Key="tuyen-sinh-2025/index.html")
    assert head["WebsiteRedirectLocation"] == "/thong-bao/"
    assert bucket.head_object(Bucket=SITE_BUCKET, Key="lien-ket-cu/index.html")[
        "WebsiteRedirectLocation"
    ] == (ODD_ENCODED)
    # Ordinary pages carry none.
    assert "WebsiteRedirectLocation" not in bucket.head_object(Bucket=SITE_BUCKET, Key="index.html")

    # The board renames the article: its old address becomes a redirect object pointing at the new one.
    article.slug = "da-cau-giai-nhat-cap-quan"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    build_pending()
    old = "hoat-dong-chuyen-mon/doi-tuyen-da-cau-dat-giai-nhat/index.html"
    assert bucket.head_object(Bucket=SITE_BUCKET, Key=old)["WebsiteRedirectLocation"] == (
        "/hoat-dong-chuyen-mon/da-cau-giai-nhat-cap-quan/"
    )
