# ruff: noqa: E501 - long Vietnamese prose is kept one paragraph per line so it stays easy to edit.
"""Demo documents: the school's regulation (39/QĐ-THNK, 39/QC-THNK), the circulars it cites and công văn."""

from datetime import date

from cms.core.pdf import ensure_pdf_document

from .models import DocumentFile, DocumentRelation, Issuer, OfficialDocumentPage

ISSUERS = [
    # abbreviation, name, short name, is_school, order
    ("THNK", "Trường Tiểu học Nguyễn Khuyến", "Trường TH Nguyễn Khuyến", True, 0),
    ("PGDĐT", "Phòng Giáo dục và Đào tạo quận Ngô Quyền", "Phòng GD&ĐT Ngô Quyền", False, 10),
    ("UBND", "Ủy ban nhân dân quận Ngô Quyền", "UBND quận Ngô Quyền", False, 20),
    ("SGDĐT", "Sở Giáo dục và Đào tạo thành phố Hải Phòng", "Sở GD&ĐT Hải Phòng", False, 30),
    ("BGDĐT", "Bộ Giáo dục và Đào tạo", "Bộ GD&ĐT", False, 40),
]

PRINCIPAL = ("Phạm Văn Tuấn", "Hiệu trưởng")

DOCUMENTS = [
    {
        "number_symbol": "37/2020/TT-BGDĐT",
        "doc_type": "thong-tu",
        "issuer": "BGDĐT",
        "issue_date": date(2020, 10, 5),
        "effective_from": date(2020, 11, 19),
        "signer": ("Nguyễn Văn Phúc", "Thứ trưởng"),
        "field": "cntt",
        "title": "Thông tư quy định về tổ chức hoạt động, sử dụng thư điện tử và cổng thông tin điện tử",
        "summary": "Quy định về tổ chức hoạt động, sử dụng thư điện tử và cổng thông tin điện tử tại sở giáo dục "
        "và đào tạo, phòng giáo dục và đào tạo và các cơ sở giáo dục mầm non, giáo dục phổ thông và giáo dục "
        "thường xuyên.",
        "slug": "thong-tu-37-2020-tt-bgddt",
    },
    {
        "number_symbol": "28/2020/TT-BGDĐT",
        "doc_type": "thong-tu",
        "issuer": "BGDĐT",
        "issue_date": date(2020, 9, 4),
        "effective_from": date(2020, 10, 19),
        "signer": ("Phùng Xuân Nhạ", "Bộ trưởng"),
        "field": "chuyen-mon",
        "title": "Thông tư ban hành Điều lệ Trường tiểu học",
        "summary": "Ban hành Điều lệ Trường tiểu học.",
        "slug": "thong-tu-28-2020-tt-bgddt",
    },
    {
        "number_symbol": "39/QĐ-THNK",
        "doc_type": "quyet-dinh",
        "issuer": "THNK",
        "issue_date": date(2023, 9, 24),
        "effective_from": date(2023, 9, 24),
        "signer": PRINCIPAL,
        "field": "cntt",
        "title": "Quyết định ban hành quy chế quản lý, sử dụng hệ thống quản trị trong nhà trường",
        "summary": "Về việc ban hành quy chế quản lý, sử dụng hệ thống quản trị trong nhà trường năm học "
        "2023-2024 và những năm tiếp theo.",
        "slug": "quyet-dinh-39-qd-thnk",
        "relations": [("can-cu", "37/2020/TT-BGDĐT"), ("can-cu", "28/2020/TT-BGDĐT")],
    },
    {
        "number_symbol": "39/QC-THNK",
        "doc_type": "quy-che",
        "issuer": "THNK",
        "issue_date": date(2023, 9, 24),
        "effective_from": date(2023, 9, 24),
        "signer": PRINCIPAL,
        "field": "cntt",
        "title": "Quy chế quản lý, sử dụng hệ thống quản trị trong nhà trường",
        "summary": "Quy chế quản lý, sử dụng Hệ thống quản trị trong nhà trường (ban hành kèm theo Quyết định "
        "số 39/QĐ-THNK ngày 24/9/2023 của Hiệu trưởng Trường Tiểu học Nguyễn Khuyến).",
        "slug": "quy-che-39-qc-thnk",
        "relations": [("lien-quan", "39/QĐ-THNK"), ("can-cu", "37/2020/TT-BGDĐT")],
    },
    {
        "number_symbol": "45/PGDĐT-TH",
        "doc_type": "cong-van",
        "issuer": "PGDĐT",
        "issue_date": date(2025, 3, 10),
        "effective_to": date(2025, 5, 1),
        "signer": ("Trần Thị Thu Hà", "Phó Trưởng phòng"),
        "field": "chuyen-mon",
        "title": "Công văn về việc tổ chức Ngày hội đọc sách năm 2025",
        "summary": "V/v tổ chức Ngày sách và Văn hóa đọc Việt Nam năm 2025 tại các trường tiểu học.",
        "slug": "cong-van-45-pgddt-th-2025",
    },
    {
        "number_symbol": "2150/UBND-VP",
        "doc_type": "cong-van",
        "issuer": "UBND",
        "issue_date": date(2026, 8, 20),
        "signer": ("Lê Văn Hùng", "Phó Chủ tịch"),
        "field": "cntt",
        "title": "Công văn về việc bảo đảm an toàn thông tin trên cổng thông tin điện tử",
        "summary": "V/v tăng cường bảo đảm an toàn, an ninh thông tin trên cổng, trang thông tin điện tử của các "
        "cơ quan, đơn vị, trường học trên địa bàn quận.",
        "slug": "cong-van-2150-ubnd-vp-2026",
    },
    {
        "number_symbol": "139/PGDĐT-TH",
        "doc_type": "cong-van",
        "issuer": "PGDĐT",
        "issue_date": date(2026, 9, 5),
        "signer": ("Trần Thị Thu Hà", "Phó Trưởng phòng"),
        "field": "chuyen-mon",
        "title": "Công văn hướng dẫn thực hiện nhiệm vụ giáo dục tiểu học năm học 2026-2027",
        "summary": "V/v hướng dẫn thực hiện nhiệm vụ giáo dục tiểu học năm học 2026-2027.",
        "slug": "cong-van-139-pgddt-th-2026",
    },
    {
        "number_symbol": "156/PGDĐT-VP",
        "doc_type": "cong-van",
        "issuer": "PGDĐT",
        "issue_date": date(2026, 10, 12),
        "signer": ("Nguyễn Đức Thắng", "Trưởng phòng"),
        "field": "cntt",
        "title": "Công văn về việc cập nhật thông tin trên cổng thông tin điện tử các trường",
        "summary": "V/v triển khai chuyển đổi số, cập nhật thông tin công khai trên cổng thông tin điện tử của "
        "các trường mầm non, tiểu học, trung học cơ sở.",
        "slug": "cong-van-156-pgddt-vp-2026",
        "relations": [("can-cu", "37/2020/TT-BGDĐT")],
    },
    {
        "number_symbol": "12/KH-THNK",
        "doc_type": "ke-hoach",
        "issuer": "THNK",
        "issue_date": date(2026, 9, 8),
        "effective_from": date(2026, 9, 8),
        "effective_to": date(2027, 6, 1),
        "signer": PRINCIPAL,
        "field": "chuyen-mon",
        "title": "Kế hoạch thực hiện nhiệm vụ năm học 2026-2027",
        "summary": "Kế hoạch thực hiện nhiệm vụ năm học 2026-2027 của Trường Tiểu học Nguyễn Khuyến.",
        "slug": "ke-hoach-12-kh-thnk-2026",
        "relations": [("can-cu", "139/PGDĐT-TH")],
    },
]


def ensure_issuers():
    """Create the issuing bodies once; returns {abbreviation: Issuer}."""
    issuers = {}
    for abbr, name, short_name, is_school, order in ISSUERS:
        issuer, _ = Issuer.objects.get_or_create(
            abbreviation=abbr,
            defaults={"name": name, "short_name": short_name, "is_school": is_school, "sort_order": order},
        )
        issuers[abbr] = issuer
    return issuers


def ensure_index():
    """The "Văn bản" page: made by the install (``setup_school``, page key ``van_ban``), found by key."""
    from cms.core.school_pages import school_page

    return school_page("van_ban")


def seed_documents(users=None):
    """Seed issuers and documents under the "Văn bản" page; idempotent. Returns the index page."""
    issuers = ensure_issuers()
    index_page = ensure_index()
    owner = (users or {}).get("vanthu")
    created = {}
    for data in DOCUMENTS:
        issuer = issuers[data["issuer"]]
        existing = OfficialDocumentPage.objects.filter(
            issuer=issuer, issue_year=data["issue_date"].year, number_symbol=data["number_symbol"]
        ).first()
        if existing:
            created[data["number_symbol"]] = existing
            continue
        page = OfficialDocumentPage(
            title=data["title"],
            slug=data["slug"],
            number_symbol=data["number_symbol"],
            doc_type=data["doc_type"],
            issuer=issuer,
            issue_date=data["issue_date"],
            effective_from=data.get("effective_from"),
            effective_to=data.get("effective_to"),
            signer_name=data["signer"][0],
            signer_position=data["signer"][1],
            summary=data["summary"],
            field=data["field"],
            owner=owner,
        )
        file_doc = ensure_pdf_document(
            f"Văn bản {data['number_symbol']}",
            f"{data['slug']}.pdf",
            [
                issuer.name,
                f"So: {data['number_symbol']}",
                f"Ngay {data['issue_date']:%d/%m/%Y}",
                data["title"],
                data["summary"][:90],
                f"{data['signer'][1]}: {data['signer'][0]}",
            ],
        )
        page.files.add(DocumentFile(document=file_doc, label="Bản điện tử (PDF)"))
        for kind, target_symbol in data.get("relations", []):
            page.relations.add(DocumentRelation(kind=kind, target=created[target_symbol]))
        index_page.add_child(instance=page)
        page.save_revision(user=owner).publish()
        created[data["number_symbol"]] = page
    return index_page
