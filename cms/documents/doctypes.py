"""Document types of Nghị định 30/2020/NĐ-CP (Phụ lục III) with abbreviations, plus received legal types."""

# code -> (name, abbreviation used in the symbol; "" when the symbol carries none)
DOCUMENT_TYPES = {
    "nghi-quyet": ("Nghị quyết", "NQ"),
    "quyet-dinh": ("Quyết định", "QĐ"),
    "chi-thi": ("Chỉ thị", "CT"),
    "quy-che": ("Quy chế", "QC"),
    "quy-dinh": ("Quy định", "QYĐ"),
    "thong-cao": ("Thông cáo", "TC"),
    "thong-bao": ("Thông báo", "TB"),
    "huong-dan": ("Hướng dẫn", "HD"),
    "chuong-trinh": ("Chương trình", "CTr"),
    "ke-hoach": ("Kế hoạch", "KH"),
    "phuong-an": ("Phương án", "PA"),
    "de-an": ("Đề án", "ĐA"),
    "du-an": ("Dự án", "DA"),
    "bao-cao": ("Báo cáo", "BC"),
    "bien-ban": ("Biên bản", "BB"),
    "to-trinh": ("Tờ trình", "TTr"),
    "hop-dong": ("Hợp đồng", "HĐ"),
    "cong-van": ("Công văn", ""),
    "cong-dien": ("Công điện", "CĐ"),
    "ban-ghi-nho": ("Bản ghi nhớ", "BGN"),
    "ban-thoa-thuan": ("Bản thỏa thuận", "BTT"),
    "giay-uy-quyen": ("Giấy ủy quyền", "GUQ"),
    "giay-moi": ("Giấy mời", "GM"),
    "giay-gioi-thieu": ("Giấy giới thiệu", "GGT"),
    "giay-nghi-phep": ("Giấy nghỉ phép", "GNP"),
    "phieu-gui": ("Phiếu gửi", "PG"),
    "phieu-chuyen": ("Phiếu chuyển", "PC"),
    "phieu-bao": ("Phiếu báo", "PB"),
    "thu-cong": ("Thư công", "TC"),
    # Legal normative documents received from superiors (Luật Ban hành văn bản QPPL).
    "thong-tu": ("Thông tư", "TT"),
    "nghi-dinh": ("Nghị định", "NĐ"),
    "luat": ("Luật", ""),
}

# Types whose symbol must carry the year: 37/2020/TT-BGDĐT, 30/2020/NĐ-CP, 45/2019/QH14.
LEGAL_YEAR_TYPES = frozenset({"thong-tu", "nghi-dinh", "luat"})

# Abbreviations from the symbol shown in the choice label so that writers see the expected form.
DOCUMENT_TYPE_CHOICES = [
    (code, f"{name} ({abbr})" if abbr else name) for code, (name, abbr) in DOCUMENT_TYPES.items()
]


def type_name(code):
    """Plain Vietnamese name of a type code, without the abbreviation."""
    return DOCUMENT_TYPES.get(code, (code, ""))[0]
