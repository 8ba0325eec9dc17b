"""Issue 14: production configuration comes from the environment and is validated by system checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from cms.core.checks import check_production_settings

PROJECT = Path(__file__).resolve().parents[3]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal_site.settings.production",
    "DJANGO_SECRET_KEY": "k3Jr8x9vQ2mZp7Lw4Tn6Yb1Hc5Fd0Gs8Ue3Ri7Oa2Pq9Xz4Vy6Wm1Nb5Lc8Kd2Je7",
    "DATABASE_URL": "postgres://portal:secret@db.internal:5432/thll",
    "PORTAL_PUBLIC_URL": "https://thll.edu.vn",
    "PORTAL_ADMIN_BASE_URL": "https://quantri.thll.edu.vn",
    "PORTAL_ADMINS": "Quản trị <quantri@thll.edu.vn>",
    "EMAIL_HOST": "smtp.thll.edu.vn",
    "PORTAL_FROM_EMAIL": "cong-ttdt@thll.edu.vn",
}


def manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PORTAL_", "DJANGO_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env={**clean, **PRODUCTION_ENV, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_the_documented_variables():
    """Issue 13 item 9 and issue 14: not even a warning (HSTS, SSL redirect, cookies, CSP, hosts)."""
    done = manage("check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("PORTAL_PUBLIC_URL", ""),
        ("PORTAL_PUBLIC_URL", "http://127.0.0.1:8080"),
        ("PORTAL_ADMIN_BASE_URL", "http://localhost:8000"),
    ],
)
def test_production_refuses_to_start_without_real_addresses(settings, name, value):
    settings.PORTAL_PRODUCTION = True
    settings.SECRET_KEY = PRODUCTION_ENV["DJANGO_SECRET_KEY"]
    settings.ALLOWED_HOSTS = ["quantri.thll.edu.vn"]
    settings.SITE_PUBLIC_URL = "https://thll.edu.vn"
    settings.WAGTAILADMIN_BASE_URL = "https://quantri.thll.edu.vn"
    setattr(settings, "SITE_PUBLIC_URL" if name == "PORTAL_PUBLIC_URL" else "WAGTAILADMIN_BASE_URL", value)
    errors = [m for m in check_production_settings() if m.is_serious()]
    assert [e.id for e in errors] == ["portal.E001"]
    assert name in errors[0].msg


def test_the_web_process_does_not_start_with_a_local_public_address():
    code = "import portal_site.wsgi"
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PORTAL_", "DJANGO_", "DATABASE_"))}
    env = {**clean, **PRODUCTION_ENV, "PORTAL_PUBLIC_URL": "http://localhost:8080"}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode != 0
    assert "portal.E001" in done.stderr and "PORTAL_PUBLIC_URL" in done.stderr


def test_a_missing_secret_or_database_stops_at_once():
    done = manage("check", DJANGO_SECRET_KEY="")
    assert done.returncode != 0 and "DJANGO_SECRET_KEY" in done.stderr
    done = manage("check", DATABASE_URL="")
    assert done.returncode != 0 and "DATABASE_URL" in done.stderr


@pytest.mark.django_db
def test_production_never_builds_a_site_pointing_to_localhost(settings, site_dir):
    from cms.core.addresses import clear_cache
    from cms.publishing.builder import build_site

    settings.PORTAL_PRODUCTION = True
    settings.SITE_PUBLIC_URL = "http://127.0.0.1:8080"
    clear_cache()
    with pytest.raises(ImproperlyConfigured, match="PORTAL_PUBLIC_URL"):
        build_site(trigger="test")
    clear_cache()


@pytest.mark.django_db
def test_the_public_address_is_the_school_s_data(settings):
    """A Department server hosts many schools: each school's settings carry its own public address."""
    from wagtail.models import Site

    from cms.core.addresses import public_base_url
    from cms.core.models import SchoolSettings

    settings.SITE_PUBLIC_URL = "http://127.0.0.1:9999"
    school = SchoolSettings.for_site(Site.objects.get(is_default_site=True))
    school.public_url = "https://thnk.edu.vn/"
    school.save()
    assert public_base_url() == "https://thnk.edu.vn"
    school.public_url = ""
    school.save()
    assert public_base_url() == "http://127.0.0.1:9999"  # empty: follows the environment (make run's port)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"DATABASE_URL": "garbage"}, "DATABASE_URL không hợp lệ"),
        ({"DATABASE_URL": "mysql://u:p@h/db"}, "chưa được hỗ trợ"),
        ({"EMAIL_PORT": "abc"}, "EMAIL_PORT='abc' không phải số nguyên"),
        ({"PORTAL_HSTS_SECONDS": "1y"}, "PORTAL_HSTS_SECONDS='1y'"),
        ({"PORTAL_SESSION_IDLE_SECONDS": "2h"}, "PORTAL_SESSION_IDLE_SECONDS"),
        ({"PORTAL_SITE_S3_BUCKET": "truong"}, "PORTAL_SITE_S3_ACCESS_KEY"),
        ({"EMAIL_HOST": None}, "EMAIL_HOST"),
        ({"PORTAL_FROM_EMAIL": None}, "PORTAL_FROM_EMAIL"),
        ({"DJANGO_SECRET_KEY": None, "DATABASE_URL": None}, "DATABASE_URL"),
    ],
)
def test_a_bad_environment_variable_is_a_clear_message_not_a_traceback(env, expected):
    """Every missing or malformed variable is named in one system-check report; nothing starts."""
    given = {k: v for k, v in env.items() if v is not None}
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("PORTAL_", "DJANGO_", "DATABASE_", "EMAIL_"))
    }
    base = {k: v for k, v in PRODUCTION_ENV.items() if k not in env}
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=PROJECT,
        env={**clean, **base, **given},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert expected in done.stderr


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost.:8080",
        "http://[::ffff:127.0.0.1]/",
        "http://127.0.0.2",
        "http://[::1]:8080",
        "http://truong.localhost",
        "http://0.0.0.0",
        "http://[::1",
    ],
)
def test_every_spelling_of_this_machine_counts_as_local(url):
    from cms.core.addresses import is_local

    assert is_local(url)


def test_real_addresses_are_not_local():
    from cms.core.addresses import is_local

    assert not is_local("https://thll.edu.vn")
    assert not is_local("http://10.20.0.5")  # a school intranet server is a real address


def test_the_example_environment_file_loads_in_debian_sh():
    """docs/deploy.md loads it with `set -a; . file` under sh (dash on Debian): every line must parse."""
    example = PROJECT / "deploy" / "portal.env.example"
    done = subprocess.run(
        ["sh", "-c", 'set -a; . "$1"; printf %s "$PORTAL_ADMINS|$PORTAL_SITE_DIR"', "sh", str(example)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    admins, site_dir = done.stdout.split("|")
    assert admins.startswith("Quản trị") and "<" in admins
    assert site_dir  # later lines were read too
