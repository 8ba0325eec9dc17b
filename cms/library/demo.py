"""Demo library of a primary school: records with valid ISBNs (Vietnamese children's publishers), copies,
readers of every class, loans (some overdue) and learning material of two school years (some staff-only).

Idempotent and fast: rows are bulk-created once (no per-row signals, so no builds). The number of records is
``settings.LIBRARY_DEMO_RECORDS`` (default 300; the test settings use fewer so full test builds stay fast).
"""

import random
from datetime import date, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from cms.core.pdf import minimal_pdf
from cms.core.vietnamese import fold, nfc, short_given_name

from .isbn import isbn13_with_check_digit
from .loans import due_date, today
from .models import (
    BibliographicRecord,
    Copy,
    CopyStatus,
    LearningMaterial,
    Library,
    Loan,
    Reader,
    ReaderKind,
    RecordAuthor,
)
from .pages import LearningMaterialIndexPage, LibraryCatalogPage, LibraryIndexPage

# (publisher, place, ISBN prefix without check digit and item number: 978-604-<publisher>-)
PUBLISHERS = [
    ("NXB Kim Đồng", "Hà Nội", "9786042"),
    ("NXB Giáo dục Việt Nam", "Hà Nội", "9786040"),
    ("NXB Trẻ", "TP. Hồ Chí Minh", "9786041"),
    ("NXB Đại học Sư phạm", "Hà Nội", "9786045"),
    ("NXB Văn học", "Hà Nội", "9786046"),
]
# (title stem, author, DDC, subjects, grade, kind)
STEMS = [
    ("Dế Mèn phiêu lưu ký", "Tô Hoài", "895.9223", "Truyện thiếu nhi; Văn học Việt Nam", 3, "sach"),
    ("Góc sân và khoảng trời", "Trần Đăng Khoa", "895.9221", "Thơ thiếu nhi; Văn học Việt Nam", 4, "sach"),
    ("Tuổi thơ dữ dội", "Phùng Quán", "895.9223", "Truyện thiếu nhi; Lịch sử Việt Nam", 5, "sach"),
    ("Cho tôi xin một vé đi tuổi thơ", "Nguyễn Nhật Ánh", "895.9223", "Truyện thiếu nhi", 5, "sach"),
    (
        "Truyện cổ tích Việt Nam",
        "Nguyễn Đổng Chi",
        "398.209597",
        "Truyện cổ tích; Văn hoá dân gian",
        2,
        "sach",
    ),
    ("Thần đồng đất Việt", "Lê Linh", "741.59597", "Truyện tranh; Lịch sử Việt Nam", 3, "sach"),
    ("Lịch sử Việt Nam bằng tranh", "Trần Bạch Đằng", "959.7", "Lịch sử Việt Nam; Truyện tranh", 4, "sach"),
    ("Mười vạn câu hỏi vì sao", "Lê Quang Long", "500", "Khoa học; Hỏi đáp", 4, "tham_khao"),
    ("Em học toán", "Đỗ Đình Hoan", "372.7", "Toán học", 1, "tham_khao"),
    ("Tiếng Việt", "Bùi Mạnh Hùng", "495.922", "Tiếng Việt; Sách giáo khoa", 1, "sgk"),
    ("Toán", "Hà Huy Khoái", "510", "Toán học; Sách giáo khoa", 2, "sgk"),
    ("Tự nhiên và Xã hội", "Vũ Văn Hùng", "372.35", "Khoa học; Sách giáo khoa", 3, "sgk"),
    ("Đạo đức", "Nguyễn Thị Toan", "170", "Đạo đức; Kỹ năng sống", 2, "sgk"),
    ("Kỹ năng sống cho học sinh tiểu học", "Phan Thanh Hà", "646.7", "Kỹ năng sống", 3, "tham_khao"),
    ("Khám phá thế giới động vật", "Nguyễn Lân Dũng", "590", "Động vật; Khoa học", 2, "sach"),
    ("Âm nhạc và múa", "Hoàng Long", "780", "Âm nhạc; Nghệ thuật", 1, "sach"),
    ("Bác Hồ với thiếu nhi", "Sơn Tùng", "959.704", "Bác Hồ; Lịch sử Việt Nam", 4, "sach"),
    ("Đất rừng phương Nam", "Đoàn Giỏi", "895.9223", "Truyện thiếu nhi; Địa lý Việt Nam", 5, "sach"),
    (
        "Bộ tranh truyện Doraemon",
        "Fujiko F. Fujio",
        "741.5952",
        "Truyện tranh; Văn học nước ngoài",
        3,
        "sach",
    ),
    ("Hoàng tử bé", "Antoine de Saint-Exupéry", "843.912", "Văn học nước ngoài", 5, "sach"),
]
GIVEN = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Đức",
    "Giang",
    "Hà",
    "Hải",
    "Hân",
    "Khánh",
    "Linh",
    "Long",
    "Mai",
    "Minh",
    "Nam",
    "Ngân",
    "Ngọc",
    "Phúc",
    "Quân",
    "Quỳnh",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tú",
    "Vy",
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Đinh", "Phan"]
MIDDLE = ["Văn", "Thị", "Minh", "Gia", "Bảo", "Ngọc", "Đức", "Thu", "Hoài", "Khánh"]
CLASSES = [f"{grade}{letter}" for grade in range(1, 6) for letter in "AB"]
PUPILS_PER_CLASS = 6
SUBJECTS = ["Tiếng Việt", "Toán", "Tiếng Anh", "Khoa học", "Lịch sử và Địa lí"]
YEARS = ("2024–2025", "2025–2026")


def _school_year_name(on):
    start = on.year if on.month >= 8 else on.year - 1
    return f"{start}–{start + 1}"


def ensure_pages(home):
    """``/thu-vien/`` with ``sach/`` and ``hoc-lieu/`` (published once; later edits are kept)."""
    index = LibraryIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=LibraryIndexPage(
                title="Thư viện",
                slug="thu-vien",
                intro="Tra cứu sách theo phân loại, chủ đề, lớp; học liệu đã được công khai.",
                show_in_menus=True,
            )
        )
        index.save_revision().publish()
    if not LibraryCatalogPage.objects.child_of(index).exists():
        page = index.add_child(
            instance=LibraryCatalogPage(
                title="Danh mục sách", slug="sach", intro="Sách, truyện, tài liệu tham khảo."
            )
        )
        page.save_revision().publish()
    if not LearningMaterialIndexPage.objects.child_of(index).exists():
        page = index.add_child(
            instance=LearningMaterialIndexPage(
                title="Học liệu",
                slug="hoc-lieu",
                intro="Đề kiểm tra và tài liệu đã được Ban Giám hiệu duyệt công khai.",
            )
        )
        page.save_revision().publish()
    return index


def ensure_readers(users):
    """Pupils of every class (class lists; one demo account linked) and the staff accounts."""
    if Reader.objects.exists():
        return
    rng = random.Random(1210)
    year = _school_year_name(today())
    readers = []
    for class_name in CLASSES:
        for n in range(PUPILS_PER_CLASS):
            name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            readers.append(
                Reader(
                    kind=ReaderKind.PUPIL,
                    code=f"HS{class_name}{n + 1:02d}",
                    full_name=name,
                    class_name=class_name,
                    school_year=year,
                )
            )
    from editorial.models import ClassMembership, StaffProfile

    for membership in ClassMembership.objects.select_related("school_class", "user"):
        from editorial.models.profiles import person_name

        readers.append(
            Reader(
                kind=ReaderKind.PUPIL,
                code=f"HS-{membership.user.username}",
                full_name=person_name(membership.user),
                class_name=membership.school_class.name,
                school_year=year,
                user=membership.user,
            )
        )
    for profile in StaffProfile.objects.exclude(position="hoc_sinh").select_related("user"):
        from editorial.models.profiles import person_name

        kind = ReaderKind.TEACHER if profile.position in ("giao_vien", "to_truong") else ReaderKind.STAFF
        readers.append(
            Reader(
                kind=kind,
                code=f"GV-{profile.user.username}",
                full_name=person_name(profile.user),
                user=profile.user,
            )
        )
    for reader in readers:
        reader.full_name = nfc(reader.full_name)
        reader.sort_key = f"{fold(short_given_name(reader.full_name))} {fold(reader.full_name)}"
        reader.search_folded = fold(f"{reader.full_name} {reader.code} {reader.class_name}")
    Reader.objects.bulk_create(readers)


def ensure_records(count):
    """``count`` records (a few hundred by default) with 1–3 copies each; returns the new copies."""
    if BibliographicRecord.objects.exists():
        return []
    rng = random.Random(1212)
    library = Library.default()
    records, authors = [], []
    for n in range(count):
        stem, author, ddc, subjects, grade, kind = STEMS[n % len(STEMS)]
        volume = n // len(STEMS) + 1
        publisher, place, prefix = PUBLISHERS[
            0 if kind == "sach" and n % 3 else (1 if kind == "sgk" else n % 5)
        ]
        title = f"{stem} – Tập {volume}" if volume > 1 else stem
        if kind == "sgk":
            title = f"{stem} {grade}" + (f" – Tập {volume}" if volume > 1 else "")
        isbn = isbn13_with_check_digit(prefix + f"{(n * 37 + 11) % 100000:05d}")
        record = BibliographicRecord(
            kind=kind,
            title=title,
            publisher=publisher,
            place=place,
            year=2015 + n % 11,
            isbn=isbn,
            pages=40 + (n * 13) % 260,
            classification=ddc,
            subjects=subjects,
            reading_grade=grade,
            summary=f"{stem}: sách dành cho học sinh lớp {grade}.",
            language="vie",
        )
        record.author_mark = "".join(ch for ch in fold(short_given_name(author)) if ch.isalnum())[:3].upper()
        record.call_number = f"{ddc} {record.author_mark}"
        record.search_folded = fold(" ".join([title, author, publisher, isbn, subjects, record.call_number]))
        records.append(record)
    now = timezone.now()
    for record in records:
        record.created_at = record.updated_at = now
    BibliographicRecord.objects.bulk_create(records)
    records = list(BibliographicRecord.objects.order_by("pk"))
    copies, number = [], 0
    for n, record in enumerate(records):
        stem, author = STEMS[n % len(STEMS)][:2]
        authors.append(RecordAuthor(record=record, name=author, role="tac_gia", sort_order=0))
        if n % 7 == 0:
            authors.append(RecordAuthor(record=record, name="Nhóm biên soạn", role="bien_soan", sort_order=1))
        for _ in range(1 + n % 3):
            number += 1
            copies.append(
                Copy(
                    record=record,
                    library=library,
                    accession_number=f"{number:06d}",
                    barcode=f"TV{number:08d}",
                    acquired_on=date(2020, 9, 5) + timedelta(days=(number * 17) % 1800),
                    source=rng.choice(["Mua", "Mua", "Tặng", "Phụ huynh tặng"]),
                    invoice=f"HĐ-{number // 40 + 1:03d}",
                    price=rng.choice([25000, 32000, 45000, 60000, 85000]),
                    location=f"Kho mở – giá {n % 12 + 1}",
                    sort_order=_,
                    status=CopyStatus.AVAILABLE,
                )
            )
    RecordAuthor.objects.bulk_create(authors)
    Copy.objects.bulk_create(copies)
    return list(Copy.objects.select_related("record").order_by("pk"))


def ensure_loans(copies, users):
    """Loans of the last weeks: returned ones, open ones and some overdue (a few per class)."""
    if not copies or Loan.objects.exists():
        return
    librarian = users.get("thuthu")
    readers = list(Reader.objects.order_by("pk"))
    on = today()
    loans = []
    lendable = [c for c in copies if c.record.kind != "sgk"]
    for n, reader in enumerate(readers):
        copy = lendable[(n * 5) % len(lendable)]
        loaned = on - timedelta(days=3 + (n * 3) % 25)
        due = due_date(reader, copy.record, loaned)
        returned = loaned + timedelta(days=5) if n % 3 == 0 else None
        loans.append(
            Loan(
                copy=copy,
                reader=reader,
                loaned_on=loaned,
                due_on=due,
                returned_on=returned,
                lent_by=librarian,
            )
        )
    seen = set()
    unique = []
    for loan in loans:  # one open loan per copy
        if loan.returned_on is None and loan.copy_id in seen:
            continue
        if loan.returned_on is None:
            seen.add(loan.copy_id)
        unique.append(loan)
    Loan.objects.bulk_create(unique)
    Copy.objects.filter(pk__in=seen).update(status=CopyStatus.ON_LOAN)


def ensure_materials():
    """Test papers and other material of two school years; the public ones approved by the principal."""
    if LearningMaterial.objects.exists():
        return
    from django.contrib.auth import get_user_model

    principal = get_user_model().objects.filter(username="hieutruong").first()
    n = 0
    for year in YEARS:
        for grade in (3, 4, 5):
            for subject in SUBJECTS[:3]:
                n += 1
                public = n % 3 != 0 and principal is not None
                title = f"Đề kiểm tra cuối học kỳ I môn {subject} lớp {grade}"
                material = LearningMaterial(
                    kind="de_kiem_tra",
                    title=title,
                    school_year=year,
                    grade=grade,
                    subject=subject,
                    term="cuoi_hk1",
                    public_requested=public,
                    handed_over_by="Phó hiệu trưởng",
                )
                material.file.save(
                    f"de-kt-{year[:4]}-{grade}-{n}.pdf",
                    ContentFile(minimal_pdf([title, f"Nam hoc {year}"], title=title)),
                    save=False,
                )
                material.save()
                if public:
                    LearningMaterial.objects.filter(pk=material.pk).update(
                        approved_by=principal, approved_at=timezone.now()
                    )
        title = f"Sáng kiến kinh nghiệm: dạy đọc hiểu cho học sinh lớp 3 ({year})"
        material = LearningMaterial(
            kind="sang_kien", title=title, school_year=year, grade=3, subject="Tiếng Việt"
        )
        material.file.save(f"skkn-{year[:4]}.pdf", ContentFile(minimal_pdf([title], title=title)), save=False)
        material.save()  # staff-only (never requested public)


@transaction.atomic
def seed_library(home, users):
    """Seed the demo library (idempotent); the caller suspends builds."""
    ensure_pages(home)
    ensure_readers(users)
    copies = ensure_records(getattr(settings, "LIBRARY_DEMO_RECORDS", 300))
    ensure_loans(copies, users)
    ensure_materials()
