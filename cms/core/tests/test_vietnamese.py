import unicodedata
from datetime import UTC, date, datetime

import pytest

from cms.core import vietnamese as vi


def nfd(text):
    return unicodedata.normalize("NFD", text)


# --- nfc -----------------------------------------------------------------------------------------


def test_nfc_none_is_empty():
    assert vi.nfc(None) == ""


def test_nfc_composes_nfd_input():
    decomposed = nfd("Trường Tiểu học")
    assert decomposed != "Trường Tiểu học"
    assert vi.nfc(decomposed) == "Trường Tiểu học"


def test_nfc_strips_zero_width_and_normalises_spaces():
    assert vi.nfc("Tin\u200b tức\ufeff") == "Tin tức"
    assert vi.nfc("Lớp\u00a01A\u202f–\u2009Khối\u00a01") == "Lớp 1A – Khối 1"


# --- fold ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bóng đá", "bong da"),
        ("ĐỘI", "doi"),
        ("Hoạt động ngoại khoá", "hoat dong ngoai khoa"),
        ("Tiếng Việt: ả ã ạ ấ ầ ẩ ẫ ậ ắ ằ ẳ ẵ ặ ơ ư", "tieng viet: a a a a a a a a a a a a a o u"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold(text, expected):
    assert vi.fold(text) == expected


def test_fold_old_and_new_tone_placement_match():
    # "khoá" (new style) and "khóa" (old style) are the same word.
    assert vi.fold("khoá") == vi.fold("khóa") == "khoa"
    assert vi.fold("Thuỷ") == vi.fold("Thủy") == "thuy"


def test_fold_nfd_input():
    assert vi.fold(nfd("Bóng đá ĐỘI Tuyển")) == "bong da doi tuyen"


def test_fold_d_with_stroke_and_eth_lookalike():
    assert vi.fold("\u0110\u0111") == "dd"  # Đđ
    assert vi.fold("\u00d0\u00f0") == "dd"  # Ðð, eth lookalikes
    assert vi.fold("\u00d0ội") == vi.fold("Đội") == "doi"


# --- slugify_vi ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hoạt động Đội – Công đoàn", "hoat-dong-doi-cong-doan"),
        ("Tin tức – Sự kiện", "tin-tuc-su-kien"),
        ("Góc học sinh", "goc-hoc-sinh"),
        ("  Thời khoá biểu (HK I, 2023–2024)!  ", "thoi-khoa-bieu-hk-i-2023-2024"),
        ("--Đề   thi--", "de-thi"),
        ("– … !", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_slugify_vi(text, expected):
    assert vi.slugify_vi(text) == expected


def test_slugify_vi_never_dj():
    for text in ("Đội", "đồng phục", "\u00d0ội", nfd("Đoàn Đội")):
        assert "dj" not in vi.slugify_vi(text)
    assert vi.slugify_vi("Đoàn Đội") == "doan-doi"


def test_slugify_vi_nfd_input():
    assert vi.slugify_vi(nfd("Góc học sinh")) == "goc-hoc-sinh"


def test_slugify_vi_cuts_on_word_boundary():
    text = "Kế hoạch tổ chức ngày hội đọc sách"  # ke-hoach-to-chuc-ngay-hoi-doc-sach
    assert vi.slugify_vi(text, max_length=20) == "ke-hoach-to-chuc"
    assert vi.slugify_vi(text, max_length=16) == "ke-hoach-to-chuc"  # limit lands exactly on a word end
    assert vi.slugify_vi(text, max_length=17) == "ke-hoach-to-chuc"  # limit lands on the hyphen
    assert vi.slugify_vi(text, max_length=100) == "ke-hoach-to-chuc-ngay-hoi-doc-sach"


def test_slugify_vi_hard_cut_when_first_word_too_long():
    assert vi.slugify_vi("Nghiêngnghiêng abc", max_length=5) == "nghie"


def test_slugify_vi_default_max_length():
    slug = vi.slugify_vi("Thông báo " * 30)
    assert len(slug) <= 80
    assert slug.endswith(("thong", "bao"))


# --- dates ---------------------------------------------------------------------------------------

SUNDAY = date(2023, 9, 24)


def test_format_date_long():
    assert vi.format_date_long(SUNDAY) == "ngày 24 tháng 9 năm 2023"
    assert vi.format_date_long(date(2024, 1, 5)) == "ngày 5 tháng 1 năm 2024"


def test_format_date_short():
    assert vi.format_date_short(SUNDAY) == "24/09/2023"
    assert vi.format_date_short(date(2024, 1, 5)) == "05/01/2024"


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2023, 9, 25), "Thứ Hai, 25/9/2023"),
        (date(2023, 9, 26), "Thứ Ba, 26/9/2023"),
        (date(2023, 9, 27), "Thứ Tư, 27/9/2023"),
        (date(2023, 9, 28), "Thứ Năm, 28/9/2023"),
        (date(2023, 9, 29), "Thứ Sáu, 29/9/2023"),
        (date(2023, 9, 30), "Thứ Bảy, 30/9/2023"),
        (date(2023, 10, 1), "Chủ Nhật, 1/10/2023"),
        (SUNDAY, "Chủ Nhật, 24/9/2023"),
    ],
)
def test_format_weekday_date(d, expected):
    assert vi.format_weekday_date(d) == expected


def test_aware_utc_datetime_is_shown_in_vietnam_time():
    # 20:00 UTC on 23/9 is 03:00 on 24/9 in Vietnam (UTC+7).
    evening_utc = datetime(2023, 9, 23, 20, 0, tzinfo=UTC)
    assert vi.format_date_long(evening_utc) == "ngày 24 tháng 9 năm 2023"
    assert vi.format_date_short(evening_utc) == "24/09/2023"
    assert vi.format_weekday_date(evening_utc) == "Chủ Nhật, 24/9/2023"


def test_naive_datetime_is_taken_as_local():
    assert vi.format_date_short(datetime(2023, 9, 23, 20, 0)) == "23/09/2023"


def test_format_date_rejects_non_dates():
    with pytest.raises(TypeError):
        vi.format_date_long("2023-09-24")


def test_format_month_year():
    assert vi.format_month_year(2023, 9) == "Tháng 9/2023"
    assert vi.format_month_year(2024, 12) == "Tháng 12/2024"
    with pytest.raises(ValueError):
        vi.format_month_year(2023, 13)


# --- names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("full_name", "expected"),
    [
        ("Nguyễn Thị Mai Anh", "Anh"),
        ("  Trần   Văn  Bình ", "Bình"),
        ("Lan", "Lan"),
        (nfd("Lê Thị Thuỷ"), "Thuỷ"),
        ("", ""),
        (None, ""),
    ],
)
def test_short_given_name(full_name, expected):
    assert vi.short_given_name(full_name) == expected


# --- template filters ----------------------------------------------------------------------------


def test_filters_directly():
    from cms.core.templatetags import vi_format

    assert vi_format.vi_date_long(SUNDAY) == "ngày 24 tháng 9 năm 2023"
    assert vi_format.vi_date_short(SUNDAY) == "24/09/2023"
    assert vi_format.vi_weekday_date(SUNDAY) == "Chủ Nhật, 24/9/2023"
    for f in (vi_format.vi_date_long, vi_format.vi_date_short, vi_format.vi_weekday_date):
        assert f(None) == ""
        assert f("") == ""
        assert f("not a date") == ""


def test_filters_in_template():
    from django.template import Context, Engine

    engine = Engine(libraries={"vi_format": "cms.core.templatetags.vi_format"})
    template = engine.from_string(
        "{% load vi_format %}"
        "{{ d|vi_date_long }}|{{ d|vi_date_short }}|{{ d|vi_weekday_date }}|{{ x|vi_date_long }}"
    )
    rendered = template.render(Context({"d": datetime(2023, 9, 23, 20, 0, tzinfo=UTC), "x": None}))
    assert rendered == "ngày 24 tháng 9 năm 2023|24/09/2023|Chủ Nhật, 24/9/2023|"
