"""Security headers (one place: settings) and the back office's own host name."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from cms.security.headers import document_downloads_conf, security_headers_conf

pytestmark = pytest.mark.django_db
NGINX = Path(settings.BASE_DIR) / "deploy" / "nginx"


def test_committed_nginx_snippets_match_the_settings():
    assert (NGINX / "security-headers.conf").read_text(encoding="utf-8") == security_headers_conf()
    assert (NGINX / "document-downloads.conf").read_text(encoding="utf-8") == document_downloads_conf()
    text = security_headers_conf()
    for header in (
        "Content-Security-Policy",
        "Strict-Transport-Security",
        "X-Content-Type-Options",
        "Referrer-Policy",
    ):
        assert f"add_header {header} " in text


def test_back_office_sends_csp_nosniff_and_referrer_policy(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "object-src 'none'" in csp and "frame-ancestors 'self'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_back_office_is_never_answered_on_the_public_host(settings):
    settings.SITE_PUBLIC_URL = "https://thnk.edu.vn"
    settings.ALLOWED_HOSTS = ["thnk.edu.vn", "quantri.thnk.edu.vn"]
    public = Client(HTTP_HOST="thnk.edu.vn")
    assert public.get("/admin/login/").status_code == 404
    assert public.get("/admin/").status_code == 404
    admin = Client(HTTP_HOST="quantri.thnk.edu.vn")
    assert admin.get("/admin/login/").status_code == 200
    settings.PORTAL_ADMIN_HOSTS = ["quantri.thnk.edu.vn"]
    assert Client(HTTP_HOST="thnk.edu.vn").get("/admin/login/").status_code == 404
    settings.ALLOWED_HOSTS = ["*"]
    assert Client(HTTP_HOST="other.example").get("/admin/login/").status_code == 404
