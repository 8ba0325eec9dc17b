"""The public catalogue on the static site: record pages and availability, incremental rebuilds after loans,
search, browse pages, and staff-only learning material / pupils' data absent from every file of a release."""

import json
import os
from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from cms.core.pdf import minimal_pdf
from cms.core.vietnamese import fold
from cms.library.factories import ReaderFactory, RecordFactory
from cms.library.loans import check_out, return_copy
from cms.library.models import LearningMaterial, Loan, Reader
from cms.publishing import release
from cms.publishing.builder import build_pending, build_site
from cms.publishing.manifest import is_manifest_path
from cms.publishing.search_index import syllables

pytestmark = pytest.mark.django_db


def _read(rel):
    return (release.current_dir() / rel).read_text(encoding="utf-8")


def _record_path(record):
    return f"thu-vien/sach/{record.public_route()}index.html"


def test_loan_and_return_change_the_record_page_after_the_next_incremental_build(
    site_dir, django_capture_on_commit_callbacks
):
    record = RecordFactory(title="Chuyện con mèo dạy hải âu bay", copies=1)
    build_site(trigger="test")
    assert "Có sẵn 1/1 bản" in _read(_record_path(record))

    with django_capture_on_commit_callbacks(execute=False):
        check_out(record.copies.get().accession_number, ReaderFactory())
    result = build_pending()
    assert result is not None and not result.full  # incremental
    assert _record_path(record) in result.written
    other_records = [
        p
        for p in result.written
        if p.startswith("thu-vien/sach/") and p != _record_path(record) and not is_manifest_path(p)
    ]
    assert other_records == []  # only the changed record page is rewritten
    html = _read(_record_path(record))
    assert "Có sẵn 0/1 bản" in html and "Đang cho mượn" in html

    with django_capture_on_commit_callbacks(execute=False):
        return_copy(record.copies.get().accession_number)
    result = build_pending()
    assert not result.full
    assert "Có sẵn 1/1 bản" in _read(_record_path(record))


def test_browse_pages_and_search_index_hold_the_records(site_dir):
    record = RecordFactory(
        title="Đội thiếu niên tình báo Bát Sắt",
        classification="895.9223",
        subjects="Lịch sử Việt Nam",
        reading_grade=5,
    )
    build_site(trigger="test")
    assert record.title in _read("thu-vien/sach/phan-loai/8/index.html")
    assert record.title in _read("thu-vien/sach/chu-de/lich-su-viet-nam/index.html")
    assert record.title in _read("thu-vien/sach/lop/5/index.html")
    assert "thu-vien/sach/" in _read("thu-vien/index.html")
    # The site search (cms.publishing.search_index, chi-muc/): the record's title in the result rows, and
    # every folded syllable of it among the terms ("doi" finds "Đội").
    rows, terms = "", set()
    for folder, _, names in os.walk(release.current_dir() / "chi-muc", followlinks=True):
        for name in names:
            data = (Path(folder) / name).read_text(encoding="utf-8")
            if name.startswith("m") and name.endswith(".json"):
                rows += data
            elif name.startswith("b") and name.endswith(".json"):
                terms |= set(json.loads(data))
    assert record.title in rows
    assert set(syllables(record.title)) <= terms


def _material(title, public, principal=None, name="de.pdf"):
    material = LearningMaterial(
        kind="de_kiem_tra",
        title=title,
        school_year="2025–2026",
        grade=4,
        subject="Toán",
        public_requested=public,
    )
    material.file.save(name, ContentFile(minimal_pdf([title])), save=False)
    material.save()
    if principal is not None:
        material.approved_by = principal
        material.save()
    return material


def test_staff_only_material_and_pupils_are_absent_from_every_file_of_a_release(site_dir, django_user_model):
    principal = django_user_model.objects.get(username="hieutruong")
    public = _material("Đề công khai môn Toán lớp 4 thử", True, principal, name="de-cong-khai-thu.pdf")
    secret = _material("Đề nội bộ tuyệt mật lớp 4 thử", False, name="de-noi-bo-tuyet-mat.pdf")
    pending = _material(
        "Đề chờ duyệt lớp 4 thử", True, name="de-cho-duyet-thu.pdf"
    )  # requested, not approved
    pupil = ReaderFactory(full_name="Lê Thị Bí Mật Học Trò", class_name="3A")
    check_out(RecordFactory().copies.get().accession_number, pupil)
    result = build_site(trigger="test")

    root = release.current_dir()
    assert any(public.file.name.rsplit("/", 1)[-1] in path for path in result.files)
    forbidden = []
    for item in (secret, pending):
        forbidden += [item.title, fold(item.title), item.file.name.rsplit("/", 1)[-1]]
    for material in LearningMaterial.objects.exclude(pk=public.pk).filter(approved_by__isnull=True):
        forbidden.append(material.file.name.rsplit("/", 1)[-1])
    forbidden += [pupil.full_name, fold(pupil.full_name), pupil.code]
    # Every pupil reader's code and class-list entry ("name – class" as the desk shows it); names alone can
    # legitimately appear in articles the board approved (a prize-winner), which is not library data.
    for reader in Reader.objects.filter(kind="hoc_sinh"):
        forbidden += [
            reader.code,
            f"{reader.full_name} – {reader.class_name}",
            f"{reader.full_name} ({reader.class_name})",
        ]
    leaks = []
    files = release.walk_files(root)  # through the release's shared folders
    assert files
    for path in (root / rel for rel in files):
        data = path.read_bytes()  # the search index (chi-muc/) is plain JSON: scanned as it is
        text = data.decode("utf-8", "replace")
        leaks += [(path.relative_to(root).as_posix(), word) for word in forbidden if word and word in text]
        rel = path.relative_to(root).as_posix()
        leaks += [(rel, "file") for word in forbidden if word.endswith(".pdf") and rel.endswith(word)]
    assert leaks == []
    assert Loan.objects.filter(reader=pupil).exists()


def test_public_material_by_year_grade_and_subject(site_dir, django_user_model):
    principal = django_user_model.objects.get(username="hieutruong")
    material = _material("Đề kiểm tra Toán lớp 4 công khai", True, principal, name="de-toan-4.pdf")
    build_site(trigger="test")
    html = _read("thu-vien/hoc-lieu/2025-2026/index.html")
    assert material.title in html and "Khối 4" in html and "Toán" in html
    assert (release.current_dir() / material.file.url.lstrip("/")).exists()  # the file is copied
    # Replacing the file makes it staff-only again until approved again.
    material.file.save("de-toan-4-moi.pdf", ContentFile(minimal_pdf(["moi"])), save=True)
    material.refresh_from_db()
    assert material.approved_by is None


def test_withdrawn_material_and_deleted_records_leave_the_site_on_the_next_incremental_build(
    site_dir, django_user_model, django_capture_on_commit_callbacks
):
    principal = django_user_model.objects.get(username="hieutruong")
    material = _material("Đề một năm cũ công khai", True, principal, name="de-nam-cu.pdf")
    material.school_year = "2019–2020"
    material.save()
    record = RecordFactory(title="Sách sắp bị xoá khỏi danh mục")
    build_site(trigger="test")
    root = release.current_dir()
    assert (root / "thu-vien/hoc-lieu/2019-2020/index.html").exists()
    record_path = _record_path(record)
    assert (root / record_path).exists()
    assert (root / material.file.url.lstrip("/")).exists()

    with django_capture_on_commit_callbacks(execute=False):
        material.public_requested = False  # back to staff-only
        material.save()
        record.delete()
    result = build_pending()
    assert not result.full
    root = release.current_dir()
    assert not (root / "thu-vien/hoc-lieu/2019-2020/index.html").exists()
    assert not (root / record_path).exists()
    assert not (root / material.file.url.lstrip("/")).exists()


def _search_rows_and_terms():
    rows, terms = [], set()
    for folder, _, names in os.walk(release.current_dir() / "chi-muc", followlinks=True):
        for name in names:
            data = (Path(folder) / name).read_text(encoding="utf-8")
            if name.startswith("m") and name.endswith(".json"):
                rows += json.loads(data)
            elif name.startswith("b") and name.endswith(".json"):
                terms |= set(json.loads(data))
    return rows, terms


def test_public_learning_material_is_in_the_site_search_and_staff_only_material_never(
    site_dir, django_user_model
):
    principal = django_user_model.objects.get(username="hieutruong")
    public = _material("Đề kiểm tra giữa kỳ Toán lớp 4 xuanthuy", True, principal, name="de-xuanthuy.pdf")
    secret = _material("Đề kiểm tra nội bộ Toán lớp 4 quynhluu", False, name="de-quynhluu.pdf")
    pending = _material("Đề kiểm tra chờ duyệt Toán lớp 4 haucloc", True, name="de-haucloc.pdf")
    book = RecordFactory(title="Truyện cổ tích Việt Nam thachsanh")
    build_site(trigger="test")
    rows, terms = _search_rows_and_terms()
    by_title = {row[1]: row for row in rows}
    url, _, kind, _, summary = by_title[public.title]
    assert kind == "Học liệu"
    assert url == f"/thu-vien/hoc-lieu/2025-2026/#hoc-lieu-{public.pk}"
    assert "Toán" in summary and "Lớp 4" in summary  # "đề kiểm tra Toán lớp 4" finds it
    assert {"xuanthuy", "toan", "lop 4", "de kiem"} <= terms
    html = _read("thu-vien/hoc-lieu/2025-2026/index.html")
    assert f'id="hoc-lieu-{public.pk}"' in html  # the result's address leads to the item
    # Staff-only and not-yet-approved material: not a row, not a syllable.
    assert secret.title not in by_title and pending.title not in by_title
    assert "quynhluu" not in terms and "haucloc" not in terms
    # A library record is labelled by its kind, never the generic "Trang".
    assert by_title[book.title][2] == "Sách"
    assert "Trang" not in {row[2] for row in rows}
