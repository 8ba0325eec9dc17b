"""Readers from the class lists (clarifications #10): imported each school year from a spreadsheet (most
pupils have no account); a new school year moves every pupil up one grade, grade-5 pupils leave (their loans
stay as history, the reader is closed).
"""

from django.db import transaction

from cms.core.vietnamese import fold, nfc

from .loans import today
from .models import SCHOOL_YEAR_VALIDATOR, Reader, ReaderKind
from .tabular import ImportFailed, _text, read_table

COLUMNS = [
    ("code", "Mã học sinh", True),
    ("full_name", "Họ và tên", True),
    ("class_name", "Lớp", True),
    ("school_year", "Năm học", False),
]
HEADINGS = {key: heading for key, heading, _ in COLUMNS}


def validate_class_list(name, data):
    """(rows, errors) of a class list upload; errors as [(row, column, message)]."""
    rows, errors, seen = [], [], {}
    for number, values in read_table(name, data, COLUMNS):
        code = _text(values.get("code")).upper()
        full_name = nfc(_text(values.get("full_name")))
        class_name = _text(values.get("class_name")).upper()
        year = _text(values.get("school_year")).replace("-", "–")
        problems = []
        if not code:
            problems.append((number, HEADINGS["code"], "Thiếu mã học sinh."))
        elif code in seen:
            problems.append((number, HEADINGS["code"], f"Mã {code} trùng với dòng {seen[code]}."))
        seen.setdefault(code, number)
        if not full_name:
            problems.append((number, HEADINGS["full_name"], "Thiếu họ và tên."))
        if not (len(class_name) >= 2 and class_name[0] in "12345"):
            problems.append((number, HEADINGS["class_name"], f"Lớp “{class_name}” không hợp lệ (ví dụ 3A)."))
        if year:
            try:
                SCHOOL_YEAR_VALIDATOR(year)
            except Exception:
                problems.append((number, HEADINGS["school_year"], "Năm học viết dạng 2025–2026."))
        errors += problems
        rows.append({"code": code, "full_name": full_name, "class_name": class_name, "school_year": year})
    if not rows:
        raise ImportFailed("Danh sách lớp không có dòng nào.")
    return rows, errors


@transaction.atomic
def save_class_list(rows):
    """Create or update the pupils (matched by code); returns (created, updated)."""
    created = updated = 0
    for row in rows:
        reader = Reader.objects.filter(code=row["code"]).first()
        if reader is None:
            reader = Reader(code=row["code"], kind=ReaderKind.PUPIL)
            created += 1
        else:
            updated += 1
        reader.full_name, reader.class_name = row["full_name"], row["class_name"]
        reader.school_year = row["school_year"] or reader.school_year
        reader.active, reader.left_on = True, None
        reader.save()
    return created, updated


@transaction.atomic
def move_up(new_school_year):
    """New school year: 1A → 2A … 4B → 5B; grade-5 pupils leave (closed, history kept).

    Idempotent per school year: a pupil already in ``new_school_year`` (or a later one) is not moved again,
    so a double click or a repeated POST moves nobody twice. Concurrent runs are serialised: the library
    row is locked first (PostgreSQL), and each pupil is moved by a conditional UPDATE that re-checks the
    pupil's year and class at write time (a run that lost the race updates no row and counts nothing).

    Returns (moved, left); ``ValidationError`` for a badly written year.
    """
    from .models import Library

    SCHOOL_YEAR_VALIDATOR(new_school_year)
    library = Library.default()
    Library.objects.select_for_update().filter(pk=library.pk).first()
    moved = left = 0
    pupils = Reader.objects.filter(kind=ReaderKind.PUPIL, active=True).exclude(
        school_year__gte=new_school_year
    )
    for reader in pupils:
        grade = reader.grade
        if grade is None:
            continue
        unchanged = Reader.objects.filter(
            pk=reader.pk, active=True, class_name=reader.class_name, school_year=reader.school_year
        )
        if grade >= 5:
            left += unchanged.update(active=False, left_on=today(), school_year=new_school_year)
        else:
            new_class = f"{grade + 1}{reader.class_name[1:]}"
            # The folded search text includes the class: keep it in step (``Reader.save`` is bypassed).
            folded = fold(f"{reader.full_name} {reader.code} {new_class}")[:300]
            moved += unchanged.update(class_name=new_class, school_year=new_school_year, search_folded=folded)
    return moved, left
