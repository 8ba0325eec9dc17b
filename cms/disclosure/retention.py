"""Công khai is kept at least five school years (TT 09/2024/TT-BGDĐT; clarifications #14).

A school year's công khai (a ``DisclosureYearPage`` and its items) is *protected* while its school year is
one of the last ``KEEP_YEARS`` school years, counting the current one: in 2026–2027 that is 2022–2023 up to
2026–2027 (and any later year prepared ahead). Protected công khai cannot be deleted or unpublished, and its
items cannot be removed, in the back office (``cms.disclosure.wagtail_hooks`` for the page actions,
``DisclosureYearForm`` for the items); each refusal says why in Vietnamese. Older years may be removed.

The current school year is the school structure's current year, else the calendar's (from August) on
today's date in Vietnam (``cms.core.school_years``, ``cms.core.vietnamese.today_vn``).
"""

from django.core.exceptions import ValidationError

from cms.core.school_years import current_school_year
from cms.core.vietnamese import today_vn

KEEP_YEARS = 5


def _start(school_year):
    """2025 for "2025–2026"; None for anything else."""
    head = (school_year or "")[:4]
    return int(head) if head.isdigit() else None


def current_start_year(today=None):
    """The first calendar year of the current school year (2026 in 2026–2027).

    The school structure's current year; without one, or when ``today`` (a date) is given, the calendar's:
    a school year starts in August.
    """
    year = current_school_year() if today is None else None
    if year is not None:
        return _start(year.name)
    day = today or today_vn()
    return day.year if day.month >= 8 else day.year - 1


def oldest_kept_start_year(today=None):
    """The first calendar year of the oldest school year still protected (2022 in 2026–2027)."""
    return current_start_year(today) - (KEEP_YEARS - 1)


def is_protected(school_year, today=None):
    """True while công khai of ``school_year`` ("2025–2026") must be kept (one of the last five years)."""
    start = _start(school_year)
    return start is not None and start >= oldest_kept_start_year(today)


def refusal_message(years, action):
    """The Vietnamese refusal for removing công khai of ``years`` (["2025–2026", …]); ``action``: a verb."""
    oldest = _start(min(years))
    return (
        f"Không thể {action} công khai năm học {', '.join(years)}: nội dung công khai phải được giữ trên "
        f"cổng ít nhất {KEEP_YEARS} năm học (Thông tư 09/2024/TT-BGDĐT). Năm học {min(years)} được giữ đến "
        f"hết năm học {oldest + KEEP_YEARS - 1}–{oldest + KEEP_YEARS}. Nếu nội dung sai, hãy sửa hoặc thay "
        "tệp rồi gửi duyệt."
    )


def protected_years_in(page):
    """School years of protected công khai at or under ``page`` (a year page, the index, or an ancestor)."""
    from .models import DisclosureYearPage

    specific = page.specific
    if isinstance(specific, DisclosureYearPage):
        candidates = [specific]
    else:
        candidates = DisclosureYearPage.objects.descendant_of(page)
    return sorted({p.school_year for p in candidates if p.live and is_protected(p.school_year)})


def check_removal(page, action):
    """Raise ``ValidationError`` (Vietnamese) if deleting/unpublishing ``page`` would remove kept công khai.

    ``action``: "xoá" or "ngừng đăng". Pages without công khai under them pass.
    """
    years = protected_years_in(page)
    if years:
        raise ValidationError(refusal_message(years, action))


def check_items_removed(year_page, removed_items):
    """Raise ``ValidationError`` if items of a protected school year are being removed from its page."""
    if removed_items and year_page.pk and is_protected(year_page.school_year):
        titles = "; ".join(item.title for item in removed_items)
        raise ValidationError(
            f"Không thể xoá nội dung công khai “{titles}” của năm học {year_page.school_year}: nội dung "
            f"công khai phải được giữ ít nhất {KEEP_YEARS} năm học (Thông tư 09/2024/TT-BGDĐT). Nếu nội dung "
            "sai, hãy sửa tên hoặc thay tệp."
        )
