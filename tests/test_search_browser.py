"""Site search in Debian's Chromium: the Vietnamese matching rule, checked on what is found AND what is not.

The rule (clarifications #14, decision 0016): whole syllables after folding (tone marks, đ, i/y spellings),
every syllable present anywhere in the item (function syllables such as "đã", "của" only next to a
neighbouring query syllable), quoted phrases as adjacent syllables in order.
"""

import unicodedata

import pytest

# The matching rule checked over the demo's whole corpus (notices, documents, news, albums, the schedule):
# a demo test, on the demo site built once per session (conftest.py::demo_built_site_url).
pytestmark = pytest.mark.django_db

NOTICE_HFMD = "Hướng dẫn phòng, chống bệnh tay chân miệng trong trường học"
NOTICE_STORM = "Khẩn: Học sinh nghỉ học do ảnh hưởng của mưa bão"
LIFE_SKILLS = "Kỹ năng sống cho học sinh tiểu học"  # a library record
MATHS_TEST_3 = "Đề kiểm tra cuối học kỳ I môn Toán lớp 3"  # public learning material (some are staff-only)
DECISION_39 = "Quyết định số 39/QĐ-THNK"
REGULATION_39 = "Quy chế số 39/QC-THNK"
CIRCULAR_37 = "Thông tư số 37/2020/TT-BGDĐT"
HKPD = "Sôi nổi Hội khỏe Phù Đổng cấp trường năm học 2026–2027"
OPENING_2026 = "Khai giảng năm học 2026–2027"
OPENING_2025 = "Lễ khai giảng năm học 2025–2026"
BOOK_DAY = "Ngày hội đọc sách 2026"
BOOK_DAY_LETTER = "Công văn số 45/PGDĐT-TH"
TRAFFIC = "Học sinh hưởng ứng “Tháng an toàn giao thông” đầu năm học"
PARENTS_MEETING = "Thay đổi lịch họp cha mẹ học sinh học kỳ I"
NONE = None  # "Không tìm thấy kết quả", an empty list

# (query, titles that must be found (prefix match on the title), titles that must NOT be found)
CASES = [
    ("tay chân miệng", [NOTICE_HFMD], [HKPD]),
    ("tay chan mieng", [NOTICE_HFMD], []),
    (unicodedata.normalize("NFD", "tay chân miệng"), [NOTICE_HFMD], []),
    ("TAY CHÂN MIỆNG", [NOTICE_HFMD], []),
    ('"tay chân miệng"', [NOTICE_HFMD], []),
    ("chân tay", [NOTICE_HFMD], []),
    # Every syllable anywhere in the item: words need not stand together (issue 16, attacker's examples).
    ("nghỉ học bão", [NOTICE_STORM], []),
    ("nghỉ học mưa", [NOTICE_STORM], [NOTICE_HFMD]),
    ("tay miệng", [NOTICE_HFMD], [NOTICE_STORM]),
    ("thông báo tay chân miệng", [NOTICE_HFMD], [NOTICE_STORM]),
    ('"miệng chân"', NONE, []),
    # i/y spellings (kỹ/kĩ, lý/lí) are one syllable: both find the same.
    ("kĩ năng sống", [LIFE_SKILLS], []),
    ("kỹ năng sống", [LIFE_SKILLS], []),
    ("ki nang song", [LIFE_SKILLS], []),
    # Public learning material of the library (only the approved ones are on the site).
    ("đề kiểm tra Toán lớp 3", [MATHS_TEST_3], [LIFE_SKILLS]),
    ('"chân tay"', NONE, []),  # quoted: adjacent syllables in this order only
    ("tay chân miện", NONE, []),  # a completed word never matches as a prefix
    ("phòng chống bệnh", [NOTICE_HFMD], []),
    ("bong da", NONE, []),
    ("bóng đá", NONE, []),
    ("xyzabc", NONE, []),
    ("39/QĐ-THNK", [DECISION_39], [BOOK_DAY_LETTER]),
    ("39/QD-THNK", [DECISION_39], [BOOK_DAY_LETTER]),
    ("39/qđ-thnk", [DECISION_39], []),
    ("39/QC-THNK", [REGULATION_39], [BOOK_DAY_LETTER]),
    ("37/2020/TT-BGDĐT", [CIRCULAR_37], [BOOK_DAY_LETTER]),
    ("37/2020/TT-BGDDT", [CIRCULAR_37], []),
    ("156/PGDĐT-VP", ["Công văn số 156/PGDĐT-VP"], [BOOK_DAY_LETTER]),
    ("hội khỏe phù đổng", [HKPD], [BOOK_DAY]),
    ("hoi khoe phu dong", [HKPD], [BOOK_DAY]),
    ("Hội khoẻ Phù Đổng", [HKPD], []),  # old-style tone placement: khoẻ = khỏe
    ("khai giảng", [OPENING_2026, OPENING_2025], [HKPD]),
    ("khai giang 2026 2027", [OPENING_2026], [OPENING_2025]),
    ("ngày hội đọc sách", [BOOK_DAY, BOOK_DAY_LETTER], [HKPD]),
    ("an toàn giao thông", [TRAFFIC], [HKPD]),
    ("an toan giao thong", [TRAFFIC], []),
    ("mưa bão", [NOTICE_STORM], [NOTICE_HFMD]),
    ("mua bao nghi hoc", [NOTICE_STORM], []),
    ("họp cha mẹ học sinh", [PARENTS_MEETING], [NOTICE_STORM]),
    ("cơ cấu tổ chức", ["Cơ cấu tổ chức"], []),
    ("ban biên tập", ["Ban biên tập"], []),
    ("công khai năm học", ["Công khai năm học"], []),
    ("Đội TNTP", ["Liên đội kỷ niệm 85 năm"], []),
    ("doi tntp ho chi minh", ["Liên đội kỷ niệm 85 năm"], []),
    ("tiếng việt lớp 1 e-learning", ["Thiết kế bài giảng E-Learning"], [HKPD]),
    ("chào cờ đầu tuần", ["Lịch công tác Tuần"], [HKPD]),
    # An internal schedule entry is never public: its week is not found by it (an article that happens to
    # hold each of these syllables somewhere may be), and the phrase itself is nowhere.
    ("kiểm tra hồ sơ thu chi", [], ["Lịch công tác"]),
    ('"kiểm tra hồ sơ thu chi"', NONE, []),
    ("đội chạy tiếp sức", ["Hội khỏe Phù Đổng cấp trường năm học 2026–2027"], []),  # an album caption
    ("chung kết cờ vua", NONE, []),  # the caption of a photo without the parents' consent
]

TYPE_LABELS = {
    "tay chân miệng": "Thông báo",
    "39/QĐ-THNK": "Văn bản",
    "hội khỏe phù đổng": "Tin tức",
    "cơ cấu tổ chức": "Giới thiệu",
    "công khai năm học": "Công khai",
    "chào cờ đầu tuần": "Lịch công tác",
    "đội chạy tiếp sức": "Thư viện ảnh",
    "kĩ năng sống": "Sách",
    "đề kiểm tra Toán lớp 3": "Học liệu",
}


@pytest.fixture(scope="module")
def search_page(chromium_browser, demo_built_site_url):
    context = chromium_browser.new_context(viewport={"width": 375, "height": 812}, locale="vi-VN")
    page = context.new_page()
    page.goto(demo_built_site_url + "/tim-kiem/")
    page.wait_for_selector("form[data-ready]", state="attached")
    yield page
    context.close()


def _search(page, query):
    """Type ``query`` and press Enter; return [(type label, title)] of the results and the status text."""
    box = page.get_by_label("Nhập từ khoá")
    box.fill(query)
    box.press("Enter")
    page.wait_for_function(
        "q => document.getElementById('search-status').getAttribute('data-done') === q", arg=query
    )
    rows = page.locator("#search-results > li").evaluate_all(
        "items => items.map(li => [li.querySelector('.result-type').textContent,"
        " li.querySelector('h2').textContent])"
    )
    return rows, page.locator("#search-status").inner_text()


def test_at_least_thirty_queries():
    assert len(CASES) >= 30


@pytest.mark.parametrize(("query", "found", "absent"), CASES, ids=[c[0] for c in CASES])
def test_search_finds_what_matches_and_nothing_else(search_page, query, found, absent):
    rows, status = _search(search_page, query)
    titles = [title for _, title in rows]
    if found is NONE:
        assert rows == [], f"{query!r} listed {titles}"
        assert status.startswith("Không tìm thấy kết quả"), status
        return
    if found:
        assert status.startswith(f"Tìm thấy {len(rows)} kết quả") or len(rows) == 20, status
    for wanted in found:
        assert any(t.startswith(wanted) for t in titles), f"{query!r} missed {wanted!r}: {titles}"
    for unwanted in absent:
        assert not any(t.startswith(unwanted) for t in titles), f"{query!r} listed {unwanted!r}"
    if query in TYPE_LABELS:
        first = next(kind for kind, title in rows if title.startswith(found[0]))
        assert first == TYPE_LABELS[query]


def test_results_follow_the_typing_and_mark_the_matched_syllables(search_page):
    box = search_page.get_by_label("Nhập từ khoá")
    box.fill("")
    box.press_sequentially("tay chân miệng", delay=10)  # no Enter: the list follows what is typed
    search_page.wait_for_function(
        "() => document.getElementById('search-status').getAttribute('data-done') === 'tay chân miệng'"
    )
    titles = search_page.locator("#search-results h2").all_inner_texts()
    assert NOTICE_HFMD in titles
    assert search_page.locator("#search-results mark").count() >= 3


def test_no_result_is_labelled_with_the_generic_page_label(search_page):
    """Every type of result says what it is (Tin tức, Thông báo, Văn bản, Sách, Học liệu …), never "Trang"."""
    for query in ("học sinh", "năm học", "sách", "lớp 3"):
        rows, _ = _search(search_page, query)
        assert rows, query
        assert "Trang" not in {kind for kind, _ in rows}, (query, rows)


@pytest.mark.parametrize("query", ["!!!", "  ?? … ", "“”"])
def test_a_query_of_only_punctuation_asks_for_a_word(search_page, query):
    rows, status = _search(search_page, query)
    assert rows == []
    assert status.startswith("Hãy nhập từ cần tìm"), status


def test_both_i_y_spellings_find_the_same_results(search_page):
    with_y, _ = _search(search_page, "kỹ năng sống")
    with_i, _ = _search(search_page, "kĩ năng sống")
    assert with_y and with_i == with_y


def test_a_search_address_can_be_shared(chromium_browser, demo_built_site_url):
    page = chromium_browser.new_page()
    try:
        page.goto(demo_built_site_url + "/tim-kiem/?q=39%2FQD-THNK")
        page.wait_for_function("() => document.getElementById('search-status').hasAttribute('data-done')")
        assert page.locator("#search-results h2").first.inner_text().startswith(DECISION_39)
        assert page.get_by_label("Nhập từ khoá").input_value() == "39/QD-THNK"
    finally:
        page.close()


def test_everything_on_the_search_page_is_in_a_landmark(search_page):
    """axe ``region`` (moderate): the top bar (managing bodies, display tools) is a named region."""
    from tests.support.axe import rule_violations

    _search(search_page, "tay chân miệng")
    assert rule_violations(search_page, ["region"]) == []
    assert search_page.get_by_role("region", name="Cơ quan chủ quản và tùy chọn hiển thị").count() == 1
