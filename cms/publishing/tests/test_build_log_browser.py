"""In Debian Chromium: the portal administrator sees that only the search index is behind after a publish
whose search follow-up failed (dashboard notice), opens "Lịch sử xuất bản" from the menu, and reads the
search time of each build and its times in Vietnam time; a clerk cannot open the build log at all.

The failed follow-up is made the way a real one fails (``search.build_shard`` raises while the builder
re-indexes, as in ``test_search_follow_up.py``), not by writing the build row by hand.
"""

import re
from datetime import UTC

import pytest
from playwright.sync_api import expect

from cms.core.vietnamese import vn_datetime
from cms.publishing import release, search
from cms.publishing.builder import build_pending
from cms.publishing.models import SiteBuild
from tests.support.live_admin import log_in

from .helpers import new_article, publish

pytestmark = pytest.mark.django_db

BUILD_LOG = "/admin/publishing/sitebuild/"


def _broken_shard(*args, **kwargs):
    raise OSError("Ổ đĩa đầy")


@pytest.fixture
def search_follow_up_failed(built_site, monkeypatch):
    """Two incremental publishes: the first indexed for search in its follow-up, the second's follow-up
    failing. Returns (indexed build, build whose search is behind)."""
    monkeypatch.setattr(release, "prune_in_background", lambda **_: None)  # no thread on the shared DB
    publish(new_article("Hội giảng mùa xuân của tổ Ngữ văn", "hoi-giang-mua-xuan"))
    build_pending()
    indexed = SiteBuild.objects.order_by("-pk").first()
    monkeypatch.setattr(search, "build_shard", _broken_shard)
    publish(new_article("Ngày hội đọc sách của khối ba", "ngay-hoi-doc-sach-khoi-ba"))
    build_pending()
    behind = SiteBuild.objects.order_by("-pk").first()
    assert indexed.status == SiteBuild.Status.SUCCESS and indexed.search_ms > 0
    assert behind.only_search_behind
    return indexed, behind


def _in_sight(locator):
    """True when ``locator``, scrolled into view, is what a person sees at its centre (not covered, e.g.
    by the filter panel beside a wide table)."""
    locator.scroll_into_view_if_needed()
    return locator.evaluate(
        """el => { const r = el.getBoundingClientRect();
                   const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                   return r.width > 0 && el.contains(top); }"""
    )


def _vn(moment, fmt):
    return vn_datetime(moment).strftime(fmt)


def test_administrator_sees_search_behind_and_reads_search_times_in_vietnam_time(
    search_follow_up_failed, admin_page, admin_server
):
    indexed, behind = search_follow_up_failed
    page = admin_page
    log_in(page, admin_server, "quantri")

    page.goto(admin_server.url("/admin/"))
    notice = page.locator("[data-build-problem]")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("riêng chỉ mục tìm kiếm chưa cập nhật theo")
    expect(notice).to_contain_text("Chỉ mục tìm kiếm chưa cập nhật: OSError: Ổ đĩa đầy")
    expect(notice).not_to_contain_text("không dựng được")  # not the "pages not published" wording
    expect(notice).to_contain_text(f"Lần xuất bản lúc {_vn(behind.started_at, '%H:%M %d/%m/%Y')}")

    # From the menu, as a person finds it.
    page.get_by_role("link", name="Lịch sử xuất bản").click()
    page.wait_for_url(re.compile(re.escape(BUILD_LOG)))
    table = page.locator("table.listing")
    expect(table.locator("thead")).to_contain_text("Thời gian cập nhật chỉ mục tìm kiếm (ms)")
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    search_column = next(i for i, h in enumerate(headers) if "chỉ mục tìm kiếm" in h)
    started_column = next(i for i, h in enumerate(headers) if h.startswith("Bắt đầu"))

    rows = table.locator("tbody tr")
    expect(rows).to_have_count(SiteBuild.objects.count())
    by_pk = {b.pk: b for b in SiteBuild.objects.all()}
    ordered = list(SiteBuild.objects.order_by("-started_at", "-pk"))
    assert [b.pk for b in ordered][:2] == [behind.pk, indexed.pk]
    assert set(by_pk) == {b.pk for b in ordered}

    indexed_cells = rows.nth(1).locator("td")
    assert indexed_cells.nth(search_column).inner_text().strip() == str(indexed.search_ms)
    # Every heading and every value readable, none under the filter panel beside the wide table (it hid
    # the file counts before the table scrolled in its own column).
    hidden = [h for i, h in enumerate(headers) if not _in_sight(table.locator("thead th").nth(i))]
    for row in (0, 1):
        cells = rows.nth(row).locator("td")
        hidden += [
            f"{headers[i]} (dòng {row + 1})" for i in range(len(headers)) if not _in_sight(cells.nth(i))
        ]
    assert not hidden, hidden
    behind_row = rows.nth(0)
    expect(behind_row).to_contain_text("Thành công một phần")
    expect(behind_row).to_contain_text("Chỉ mục tìm kiếm chưa cập nhật")
    # No bare 0 that reads "indexed instantly": the failed follow-up says so, a full build had none.
    assert behind_row.locator("td").nth(search_column).inner_text().strip() == "Chưa cập nhật"
    full_row = rows.nth(2)
    assert ordered[2].full and not ordered[2].search_release
    assert full_row.locator("td").nth(search_column).inner_text().strip() == "-"

    # Times in Vietnam time (UTC+7, Django's Vietnamese date format), whatever the server clock's zone.
    local, utc = vn_datetime(behind.started_at), behind.started_at.astimezone(UTC)
    started_text = behind_row.locator("td").nth(started_column).inner_text()
    assert f"{local:%H:%M} Ngày {local:%d} tháng {local.month} năm {local.year}" in started_text, started_text
    assert f"{utc:%H:%M} " not in started_text, started_text


def test_a_clerk_cannot_open_the_build_log(search_follow_up_failed, admin_page, admin_server):
    page = admin_page
    log_in(page, admin_server, "vanthu")
    page.goto(admin_server.url("/admin/"))
    expect(page.get_by_role("link", name="Lịch sử xuất bản")).to_have_count(0)
    expect(page.locator("[data-build-problem]")).to_have_count(0)  # the notice is for those who act on it

    # Typing the address: refused by the server, not just hidden from the menu.
    response = page.goto(admin_server.url(BUILD_LOG))
    assert response.status == 403 or "/publishing/sitebuild/" not in page.url, (response.status, page.url)
    expect(page.locator("table.listing")).to_have_count(0)
    expect(page.get_by_text("Ổ đĩa đầy")).to_have_count(0)
    inspect = page.goto(admin_server.url(f"{BUILD_LOG}inspect/{search_follow_up_failed[1].pk}/"))
    assert inspect.status == 403 or "/inspect/" not in page.url, (inspect.status, page.url)
    expect(page.get_by_text("Ổ đĩa đầy")).to_have_count(0)
