"""Vietnamese text handling: normalisation, search folding, slugs and date formatting."""

import re
import unicodedata
from datetime import date, datetime
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# Monday first, matching date.weekday().
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")

# Pasted text (Word, Zalo, Facebook) often carries invisible characters and odd spaces
# that break search matching and slugs.
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_ODD_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_CLEAN = {**dict.fromkeys(map(ord, _ZERO_WIDTH)), **dict.fromkeys(map(ord, _ODD_SPACES), " ")}

# đ has no NFD decomposition, so stripping combining marks would leave it untouched.
# Ð/ð (Icelandic eth) look identical to Đ/đ and turn up in typed-in text.
_D_FOLD = str.maketrans({"đ": "d", "ð": "d"})

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def nfc(text):
    """Return ``text`` NFC-normalised, without zero-width chars and with odd spaces as plain spaces.

    ``None`` becomes ``""``. Editors and keyboards (e.g. macOS, some Unikey modes) produce
    decomposed (NFD) text, which looks identical but does not compare equal to NFC.
    """
    if text is None:
        return ""
    return unicodedata.normalize("NFC", str(text).translate(_CLEAN))


def fold(text):
    """Fold ``text`` for search: lowercase, no tone marks or diacritics, đ -> d.

    >>> fold("Bóng đá")
    'bong da'
    """
    text = nfc(text).lower().translate(_D_FOLD)
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify_vi(text, max_length=80):
    """Return an ASCII URL slug for Vietnamese ``text``, at most ``max_length`` characters.

    Unlike Django's ``slugify`` this keeps đ as "d" instead of dropping it. Over-long slugs
    are cut at a hyphen so no word is chopped, unless the first word alone is too long.

    >>> slugify_vi("Hoạt động Đội – Công đoàn")
    'hoat-dong-doi-cong-doan'
    """
    slug = _NON_ALNUM.sub("-", fold(text)).strip("-")
    if len(slug) > max_length:
        # Look one char past the limit: if it is a hyphen, the word before it fits whole.
        head, sep, _ = slug[: max_length + 1].rpartition("-")
        slug = (head if sep and head else slug[:max_length]).strip("-")
    return slug


def vn_datetime(value):
    """``value`` (an aware datetime) in Vietnam time (Asia/Ho_Chi_Minh); a naive one is taken as local."""
    if value.tzinfo is not None and value.utcoffset() is not None:
        return value.astimezone(VN_TZ)
    return value.replace(tzinfo=VN_TZ)


def vn_date(d):
    """The Vietnam calendar date of a date or datetime: THE way to turn a timestamp into a date.

    Django with USE_TZ stores UTC: 23:30 UTC on 30/11 is already 1/12 in Hà Nội, so ``value.date()`` on a
    stored timestamp is wrong for seven hours a day. Dates pass through unchanged; None raises TypeError.
    """
    if isinstance(d, datetime):
        return vn_datetime(d).date()
    if isinstance(d, date):
        return d
    raise TypeError(f"expected date or datetime, got {type(d).__name__}")


def today_vn(now=None):
    """Today's date in Vietnam (``now``: an aware datetime, default the current time)."""
    from django.utils import timezone

    return vn_date(now or timezone.now())


def format_date_long(d):
    """Format a date/datetime as "ngày 24 tháng 9 năm 2023"."""
    d = vn_date(d)
    return f"ngày {d.day} tháng {d.month} năm {d.year}"


def format_date_short(d):
    """Format a date/datetime as "24/09/2023" (dd/mm/yyyy)."""
    d = vn_date(d)
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def format_weekday_date(d):
    """Format a date/datetime as "Chủ Nhật, 24/9/2023" (weekday name, no leading zeros)."""
    d = vn_date(d)
    return f"{WEEKDAYS[d.weekday()]}, {d.day}/{d.month}/{d.year}"


def format_month_year(year, month):
    """Format a month as "Tháng 9/2023"."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be in 1..12, got {month}")
    return f"Tháng {month}/{year}"


def short_given_name(full_name):
    """Return the given name, i.e. the last word: "Nguyễn Thị Mai Anh" -> "Anh".

    Vietnamese names are written family name first, so the last word is what people are called by.
    """
    words = nfc(full_name).split()
    return words[-1] if words else ""
