"""Issue 14: `setup_school` installs a school on an EMPTY database (no demo); its portal builds with its name.

The install runs in a child process on a fresh SQLite file — a real empty database, migrated from scratch — so
nothing the test session's demo seeded can make it pass.
"""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from cms.core.school_pages import HOME, HOOK_NAME, SchoolPageSpec, registered_specs, school_page

PROJECT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import json, django
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.contrib.auth import get_user_model
    from wagtail.models import Page, Site, Workflow
    from cms.core.models import PageKey
    from editorial.models import RoleGroup
    from cms.publishing.builder import build_site

    call_command("migrate", verbosity=0)
    args = ["--name", "Trường Tiểu học Lê Lợi", "--short-name", "THLL",
            "--managing-body", "UBND quận Hồng Bàng", "--managing-body", "Phòng GD&ĐT quận Hồng Bàng",
            "--address", "Số 1 Lê Lợi, Hồng Bàng, Hải Phòng", "--public-url", "https://thll.edu.vn",
            "--principal-username", "hieutruong", "--principal-name", "Nguyễn Thị Hoa", "--no-input"]
    call_command("setup_school", *args, verbosity=0)
    def snapshot():
        return [sorted(Page.objects.values_list("path", "slug", "live")),
                sorted(PageKey.objects.values_list("key", "page_id")),
                sorted(RoleGroup.objects.values_list("key", flat=True)),
                sorted(Workflow.objects.values_list("name", flat=True)),
                get_user_model().objects.count()]
    first = snapshot()
    call_command("setup_school", *args, verbosity=0)
    call_command("setup_school", verbosity=0)  # repair without answers
    principal = get_user_model().objects.get(username="hieutruong")
    result = build_site(trigger="test")
    site = Site.objects.get(is_default_site=True)
    print(json.dumps({
        "site_dir": str(settings.SITE_OUTPUT_DIR), "idempotent": first == snapshot(), "keys": first[1],
        "roles": first[2], "workflows": first[3], "users": first[4],
        "principal_groups": sorted(principal.groups.values_list("name", flat=True)),
        "principal_usable": principal.has_usable_password(), "host": [site.hostname, site.port],
        "files": result.files,
    }))
    """
)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("install")
    env = {key: value for key, value in os.environ.items() if key != "PORTAL_TEST_DB"}  # always a new SQLite
    env.update(DJANGO_SETTINGS_MODULE="portal_site.settings.test", PORTAL_SQLITE_PATH=str(tmp / "db.sqlite3"))
    done = subprocess.run(
        [sys.executable, "-c", CHILD], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    facts = json.loads(done.stdout.strip().splitlines()[-1])
    facts["current"] = Path(facts["site_dir"]) / "current"
    return facts


def test_a_new_school_builds_a_portal_with_its_own_name_and_no_demo(installed):
    home = (installed["current"] / "index.html").read_text(encoding="utf-8")
    assert "Trường Tiểu học Lê Lợi" in home
    assert "Nguyễn Khuyến" not in home and "THNK" not in home
    for path in (
        "tin-tuc-su-kien/index.html",
        "hoat-dong-chuyen-mon/index.html",
        "hoat-dong-doi-cong-doan/index.html",
        "goc-hoc-sinh/index.html",
        "gioi-thieu/index.html",
        "gioi-thieu/co-cau-to-chuc/index.html",
        "ban-bien-tap/index.html",
        "van-ban/index.html",
        "thong-bao/index.html",
        "cong-khai/index.html",
        "lien-ket/index.html",
        "lien-he/index.html",
    ):
        page = (installed["current"] / path).read_text(encoding="utf-8")
        assert "Trường Tiểu học Lê Lợi" in page, path
    contact = (installed["current"] / "lien-he/index.html").read_text(encoding="utf-8")
    assert "Số 1 Lê Lợi, Hồng Bàng, Hải Phòng" in contact
    assert "Phòng GD&amp;ĐT quận Hồng Bàng" in home or "Phòng GD&ĐT quận Hồng Bàng" in home
    # Absolute addresses use the school's public address, not localhost.
    feed = (installed["current"] / "rss.xml").read_text(encoding="utf-8")
    assert "https://thll.edu.vn/" in feed and "127.0.0.1" not in feed
    assert "https://thll.edu.vn/sitemap.xml" in (installed["current"] / "robots.txt").read_text()
    assert installed["host"] == ["thll.edu.vn", 443]


def test_the_install_creates_roles_workflows_and_the_principal_and_is_idempotent(installed):
    assert installed["idempotent"]
    keys = dict(installed["keys"])
    assert {"home", "tin_tuc", "chuyen_mon", "doi_cong_doan", "goc_hoc_sinh", "van_ban", "thong_bao"} <= set(
        keys
    )
    assert {"hieu_truong", "pho_hieu_truong", "giao_vien", "hoc_sinh", "writer:goc-hoc-sinh"} <= set(
        installed["roles"]
    )
    assert "Duyệt bài Hoạt động chuyên môn" in installed["workflows"]
    assert {"Duyệt văn bản", "Duyệt thông báo"} <= set(installed["workflows"])
    assert installed["users"] == 1  # only the principal: no demo people
    assert "Hiệu trưởng" in installed["principal_groups"] and installed["principal_usable"]


@pytest.mark.django_db
def test_sections_are_found_by_key_after_the_school_renames_them():
    """Roles follow the section's key: a renamed "Góc học sinh" still gets the pupils' writer rights."""
    from editorial.roles import sections_for

    corner = school_page("goc_hoc_sinh")
    corner.slug = "goc-sang-tao-cua-em"
    corner.title = "Góc sáng tạo của em"
    corner.save_revision().publish()
    pupil = get_user_model().objects.get(username="hocsinh1a")
    assert "goc-sang-tao-cua-em" in sections_for(pupil)
    call_command("setup_school", verbosity=0)
    assert school_page("goc_hoc_sinh").pk == corner.pk  # not created again under the old slug


@pytest.mark.django_db
def test_apps_register_their_pages_through_the_hook():
    """A later app (library, albums) adds its index page through `register_school_pages`."""
    from wagtail import hooks

    from cms.core.school_pages import ensure_school_pages

    spec = SchoolPageSpec(
        "phong_truyen_thong", "pages.StandardPage", HOME, "Phòng truyền thống", "phong-tt", {}
    )
    with hooks.register_temporarily(HOOK_NAME, lambda: [spec]):
        assert "phong_truyen_thong" in [s.key for s in registered_specs()]
        pages = ensure_school_pages()
        room = school_page("phong_truyen_thong")
        assert pages["phong_truyen_thong"].pk == room.pk and room.live
        assert room.get_parent().pk == pages[HOME].pk
        assert ensure_school_pages()["phong_truyen_thong"].pk == room.pk  # once
