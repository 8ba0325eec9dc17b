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

SLUG_MAX_LENGTH = 80  # characters; a hyphen-free head is cut hard


def nfc(text):
    """Return ``text`` NFC-normalised, without zero-width chars and with odd spaces as plain spaces.

    ``None`` becomes ``""``. Editors and keyboards (e.g. macOS, some Unikey modes) produce
    decomposed (NFD) text, which looks identical but does not compare equal to NFC.
    """
    if text is None:
        return ""
    return unicodedata.normalize("NFC", str(text).translate(_CLEAN))


class _CombiningMarks(dict):
    """A ``str.translate`` table that drops combining marks (``unicodedata.combining``), filled as characters
    are met: one C-level pass per text instead of a Python test per character (the search index folds
    every word of every page, issue 15)."""

    def __missing__(self, code):
        value = self[code] = None if unicodedata.combining(chr(code)) else code
        return value


_DROP_COMBINING = _CombiningMarks()


def fold(text):
    """Fold ``text`` for search: lowercase, no tone marks or diacritics, đ -> d.

    >>> fold("Bóng đá")
    'bong da'
    """
    text = nfc(text).lower().translate(_D_FOLD)
    return unicodedata.normalize("NFD", text).translate(_DROP_COMBINING)


# i/y spellings (both official: "kỹ năng"/"kĩ năng", "lý do"/"lí do", "quý"/"quí"): a syllable whose only
# vowel is y right after a consonant onset is the same syllable as with i. Syllables where y is not alone
# after an onset keep it: "y tế", "yêu", "uy tín", "huy", "tuyết", "quyết". The browser folds queries with
# the same pattern (rendered into the search page from this constant, so the two cannot differ).
SEARCH_IY_ONSETS = "b|ch|c|d|gh|g|h|kh|k|l|m|ngh|ng|nh|n|ph|p|qu|r|s|th|tr|t|v|x"
SEARCH_IY_PATTERN = rf"(?<![a-z0-9])({SEARCH_IY_ONSETS})y(?![a-z0-9])"
_SEARCH_IY = re.compile(SEARCH_IY_PATTERN)


def search_fold(text):
    """Fold ``text`` for the site search: :func:`fold`, then i/y spellings of one syllable made equal.

    The ONE folding of the public search (index and query, ``cms.publishing.search_index`` and
    ``static/js/search.js`` through :data:`SEARCH_IY_PATTERN`). Slugs and sorting keep :func:`fold`.

    >>> search_fold("Kỹ năng sống, kĩ năng; Quý, quí; yêu, tuyết, quyết")
    'ki nang song, ki nang; qui, qui; yeu, tuyet, quyet'
    """
    return _SEARCH_IY.sub(r"\1i", fold(text))


def slugify_vi(text, max_length=SLUG_MAX_LENGTH):
    """Return an ASCII URL slug for Vietnamese ``text``, at most ``max_length`` characters.

    Unlike Django's ``slugify`` this keeps đ as "d" instead of dropping it and never drops a letter: tone
    marks are removed (NFD input gives the same), ALL CAPS titles are lower-cased, and any run of other
    characters (spaces, ``/``, dashes, punctuation) becomes one hyphen, so numbers are never glued together
    (``9/3/2020`` → ``9-3-2020``). Over-long slugs are cut at a hyphen so no word is chopped, unless the
    first word alone is too long. The admin's slug field runs the same folding (:func:`slug_formatters`).

    >>> slugify_vi("Hoạt động Đội – Công đoàn")
    'hoat-dong-doi-cong-doan'
    """
    slug = _NON_ALNUM.sub("-", fold(text)).strip("-")
    if len(slug) > max_length:
        # Look one char past the limit: if it is a hyphen, the word before it fits whole.
        head, sep, _ = slug[: max_length + 1].rpartition("-")
        slug = (head if sep and head else slug[:max_length]).strip("-")
    return slug


def slug_formatters(max_length=SLUG_MAX_LENGTH):
    """The folding of :func:`slugify_vi` as (regex, replacement) pairs for Wagtail's slug input.

    Wagtail's ``SlugInput(formatters=…)`` runs these in the browser (``w-slug`` controller, every match
    replaced, flags ``gu``) before its own ``urlify``, which then only lower-cases ASCII. The letter table is
    generated from :func:`fold` itself, so the editor and the server cannot disagree: every Latin letter with
    diacritics (U+00C0–U+024F, U+1E00–U+1EFF, upper and lower case, đ/Đ/ð/Ð) becomes its ASCII base letter,
    combining marks (NFD input) are dropped, any other run of non-alphanumerics (spaces, ``/``, dashes,
    punctuation) becomes one hyphen, and an over-long slug is cut at a hyphen like ``slugify_vi``.
    """
    by_letter = {}
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        char = chr(code)
        folded = fold(char)
        if len(folded) == 1 and folded.isascii() and folded.isalpha():
            by_letter.setdefault(folded, []).append(char)
    zero_width = "".join(f"\\u{ord(c):04x}" for c in _ZERO_WIDTH)
    pairs = [(f"[{zero_width}]", "")]
    pairs += [(f"[{''.join(chars)}]", letter) for letter, chars in sorted(by_letter.items())]
    pairs += [
        ("[\\u0300-\\u036f]", ""),
        ("[^A-Za-z0-9]+", "-"),
        ("^-+|-+$", ""),
        # Cut like slugify_vi: the longest head up to max_length that ends at a word, else a hard cut.
        (f"^(?=.{{{max_length + 1}}})(.{{1,{max_length}}})-.*$", "$1"),
        (f"^(.{{{max_length}}}).+$", "$1"),
    ]
    return pairs


# Vietnamese has no j, f, w or z: "dj" in a slug of a title with "đ" is the Serbian table of Django's and
# Wagtail's stock slug scripts, not something an editor typed.
_STOCK_DJ = re.compile(r"dj")


def is_mangled_slug(slug, title):
    """True if ``slug`` looks produced from ``title`` by a stock slug script that does not know Vietnamese.

    Such scripts turn đ into "dj" and drop letters outside their tables ("Đội tuyển" → "dji-tuyn"), or drop
    đ altogether (Django's ``slugify``: "oi-tuyen"). The test: after "dj" → "d", each word of the slug is a
    subsequence of a later word of ``slugify_vi(title)``, in order, and at least one word lost letters or
    carried "dj". A slug the editor chose (other words, whole words left out, an abbreviation) is not
    mangled and is kept.
    """
    good = slugify_vi(title, max_length=255)
    slug = (slug or "").strip().lower()
    if not slug or not good or slug == good:
        return False
    good_words = good.split("-")
    damaged = False
    position = 0
    for word in slug.split("-"):
        if not word:
            continue
        repaired = _STOCK_DJ.sub("d", word)
        damaged |= repaired != word
        while position < len(good_words) and not _is_subsequence(repaired, good_words[position]):
            position += 1
        if position == len(good_words):
            return False
        damaged |= repaired != good_words[position]
        position += 1
    return damaged


def _is_subsequence(short, long):
    chars = iter(long)
    return all(ch in chars for ch in short)


def name_sort_key(family_and_middle, given=""):
    """Sort key for people the Vietnamese way: by given name, then family and middle names.

    Letters compare in the order of the Vietnamese alphabet (a ă â b c d đ e ê …, so "Dũng" < "Đức" and
    "An" < "Ân"); tone marks only break ties (ngang, huyền, hỏi, ngã, sắc, nặng), as in a dictionary.
    Case and NFC/NFD form do not matter. ``family_and_middle`` may also be a full name ("Nguyễn Thị Mai
    Anh") when ``given`` is empty; the last word is then taken as the given name.
    """
    family_and_middle = nfc(family_and_middle).strip()
    given = nfc(given).strip()
    if not given:
        words = family_and_middle.split()
        given, family_and_middle = (words[-1], " ".join(words[:-1])) if words else ("", "")
    given_letters, given_tones = _alphabet_key(given)
    family_letters, family_tones = _alphabet_key(family_and_middle)
    return (given_letters, family_letters, given_tones, family_tones)


def name_sort_string(family_and_middle, given=""):
    """:func:`name_sort_key` as a plain string for a database column (``ORDER BY`` gives the same order).

    Only lower-case ASCII letters and digits, so the order is the same under SQLite's binary collation and
    any PostgreSQL collation: each letter is two letters (its place in the alphabet), "0" separates the
    given name, the family names and the tones (one digit per letter).
    """
    given_letters, family_letters, given_tones, family_tones = name_sort_key(family_and_middle, given)

    def letters(codes):
        return "".join(chr(97 + min(code, 675) // 26) + chr(97 + min(code, 675) % 26) for code in codes)

    def tones(codes):
        return "".join(str(code + 1) for code in codes)

    return "0".join(
        (letters(given_letters), letters(family_letters), tones(given_tones), tones(family_tones))
    )


# The Vietnamese alphabet (with the foreign letters f j w z in Latin order), then the tones in dictionary
# order: ngang, huyền, hỏi, ngã, sắc, nặng.
_ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z"
_LETTER_ORDER = {letter: index for index, letter in enumerate(_ALPHABET.split())}
_TONE_ORDER = {"": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_TONES = set(_TONE_ORDER) - {""}


def _alphabet_key(text):
    """(letters, tones) of ``text``: letters as alphabet positions (space first), tones per letter."""
    letters, tones = [], []
    for char in nfc(text).lower():
        decomposed = unicodedata.normalize("NFD", char)
        tone = "".join(c for c in decomposed if c in _TONES)
        letter = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        if letter in _LETTER_ORDER:
            letters.append(1 + _LETTER_ORDER[letter])
        elif letter.isspace():
            letters.append(0)
        else:
            letters.append(100 + ord(fold(letter)[:1] or " "))
        tones.append(_TONE_ORDER.get(tone, 6))
    return tuple(letters), tuple(tones)


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


def month_bounds(year, month):
    """``(first day of the month, first day of the next month)`` as dates: a half-open range a date index
    answers (archives and sitemap parts per month)."""
    return date(year, month, 1), date(year + (month == 12), month % 12 + 1, 1)


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
