"""The public document list on the static build: JSON for search, and filters checked in Chromium."""

import json
from datetime import UTC, datetime

import pytest
from wagtail import hooks
from wagtail.models import Site

from cms.core.vietnamese import fold
from cms.documents.factories import small_register
from cms.documents.models import OfficialDocumentPage
from cms.notices.factories import NoticePageFactory
from cms.publishing.builder import build_site
from cms.publishing.release import current_dir
from tests.support.static_server import StaticSiteServer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def register():
    """``small_register()`` beside the world's decision 39/QĐ-THNK; an expired notice (kept in the JSON)."""
    small_register()
    NoticePageFactory(
        title="Thông báo nghỉ Tết Dương lịch năm 2026",
        valid_from=datetime(2025, 12, 20, tzinfo=UTC),
        valid_to=datetime(2026, 1, 2, tzinfo=UTC),
    )


def _write_registered_static_files():
    """Write what the ``register_static_files`` hooks return into the live release.

    The publishing engine does this itself once its hook support is on main; writing the same bytes
    again is harmless.
    """
    site = Site.objects.get(is_default_site=True)
    for fn in hooks.get_hooks("register_static_files"):
        for rel, content in fn(site).items():
            target = current_dir() / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)


@pytest.fixture
def documents_site_url(site_dir):
    build_site(trigger="test: documents")
    _write_registered_static_files()
    with StaticSiteServer() as base_url:
        yield base_url


def _symbols(queryset):
    return sorted(queryset.values_list("number_symbol", flat=True))


def _visible_symbols(page):
    return sorted(page.locator("tr.doc-row:visible td:first-child a").all_inner_texts())


def _assert_symbols(page, expected, seconds=10):
    """The list shows exactly ``expected`` once the filter script has applied the change (it may debounce)."""
    import time

    deadline = time.monotonic() + seconds
    while _visible_symbols(page) != expected and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert _visible_symbols(page) == expected


def test_json_lists_public_documents_with_files(site_dir):
    site = Site.objects.get(is_default_site=True)
    files = {}
    for fn in hooks.get_hooks("register_static_files"):
        files.update(fn(site))
    data = json.loads(files["du-lieu/van-ban.json"])
    records = {r["so_ky_hieu"]: r for r in data["van_ban"]}
    assert sorted(records) == _symbols(OfficialDocumentPage.objects.live())
    qd = records["39/QĐ-THNK"]
    assert qd["ten_loai"] == "Quyết định" and qd["co_quan"] == "THNK" and qd["nam"] == 2026
    assert qd["tep"][0]["url"].startswith("/media/documents/")
    assert qd["tim_kiem"] == fold(qd["tim_kiem"])
    notices = json.loads(files["du-lieu/thong-bao.json"])["thong_bao"]
    assert any(n["tieu_de"] == "Thông báo nghỉ Tết Dương lịch năm 2026" for n in notices)  # archive kept


def test_document_files_are_in_the_static_output(site_dir):
    build_site(trigger="test")
    html = (current_dir() / "van-ban" / "quyet-dinh-39-qd-thnk" / "index.html").read_text(encoding="utf-8")
    assert 'href="/media/documents/quyet-dinh-39-qd-thnk' in html
    pdf = next((current_dir() / "media" / "documents").glob("quyet-dinh-39-qd-thnk*.pdf"))
    assert pdf.read_bytes().startswith(b"%PDF-")


def test_public_filters_give_the_right_lists(chromium_browser, documents_site_url):
    live = OfficialDocumentPage.objects.live()
    page = chromium_browser.new_page()
    try:
        page.goto(documents_site_url + "/van-ban/")
        form = page.locator("#loc-van-ban")
        form.wait_for(state="visible")  # the script reveals the filters
        _assert_symbols(page, _symbols(live))

        page.select_option("#loc-loai", "thong-tu")
        _assert_symbols(page, _symbols(live.filter(doc_type="thong-tu")))

        page.select_option("#loc-loai", "")
        page.select_option("#loc-co-quan", "PGDĐT")
        _assert_symbols(page, _symbols(live.filter(issuer__abbreviation="PGDĐT")))

        page.select_option("#loc-nam", "2026")
        _assert_symbols(page, _symbols(live.filter(issuer__abbreviation="PGDĐT", issue_year=2026)))

        page.select_option("#loc-linh-vuc", "cntt")
        expected = _symbols(live.filter(issuer__abbreviation="PGDĐT", issue_year=2026, field="cntt"))
        assert expected == ["156/PGDĐT-VP"]
        _assert_symbols(page, expected)
        assert "Hiển thị 1 /" in page.locator("#so-van-ban").inner_text()

        page.click("button[type=reset]")
        _assert_symbols(page, _symbols(live))
        # Search without tone marks and with d for đ.
        page.fill("#loc-tu-khoa", "bao dam an toan thong tin")
        _assert_symbols(page, ["2150/UBND-VP"])
        # The signer is only in the JSON file, not in the table: the search uses the JSON.
        page.fill("#loc-tu-khoa", "phung xuan nha")
        _assert_symbols(page, ["28/2020/TT-BGDĐT"])
        page.fill("#loc-tu-khoa", "khong co van ban nao nhu vay")
        _assert_symbols(page, [])
        assert page.locator("#khong-co-van-ban").is_visible()
    finally:
        page.close()


def test_list_works_without_javascript(chromium_browser, documents_site_url):
    context = chromium_browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(documents_site_url + "/van-ban/")
        assert not page.locator("#loc-van-ban").is_visible()
        assert _visible_symbols(page) == _symbols(OfficialDocumentPage.objects.live())
        page.get_by_role("link", name="39/QĐ-THNK").click()
        assert page.locator("h1").inner_text() == "Quyết định số 39/QĐ-THNK"
        assert "ngày 1 tháng 10 năm 2026" in page.locator("table.doc-meta").inner_text()
    finally:
        context.close()
