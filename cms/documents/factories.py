"""factory_boy factories for documents: ``OfficialDocumentPageFactory(number_symbol="501/QĐ-THNK")``."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from .models import DocumentIndexPage, Issuer, OfficialDocumentPage


class IssuerFactory(DjangoModelFactory):
    """An issuing body; reuses an existing one with the same abbreviation."""

    class Meta:
        model = Issuer
        django_get_or_create = ("abbreviation",)

    name = factory.Sequence(lambda n: f"Cơ quan thử nghiệm {n}")
    short_name = factory.Sequence(lambda n: f"CQ thử {n}")
    abbreviation = factory.Sequence(lambda n: f"CQTN{n}")


def school_issuer():
    """The school as issuer (THNK), as seeded."""
    return IssuerFactory(
        abbreviation="THNK",
        name="Trường Tiểu học Nguyễn Khuyến",
        short_name="Trường TH Nguyễn Khuyến",
        is_school=True,
    )


def issuer(abbreviation):
    """A superior body by abbreviation: ``BGDĐT`` (the Ministry), ``PGDĐT`` (district office), ``UBND``."""
    names = {
        "BGDĐT": ("Bộ Giáo dục và Đào tạo", "Bộ GD&ĐT"),
        "PGDĐT": ("Phòng Giáo dục và Đào tạo quận Ngô Quyền", "Phòng GD&ĐT"),
        "UBND": ("Ủy ban nhân dân quận Ngô Quyền", "UBND quận"),
    }
    name, short_name = names[abbreviation]
    return IssuerFactory(abbreviation=abbreviation, name=name, short_name=short_name)


class OfficialDocumentPageFactory(DjangoModelFactory):
    """A published school decision under the seeded "Văn bản" page unless told otherwise.

    Extra arguments: ``parent`` (index page), ``publish`` (default True).
    """

    class Meta:
        model = OfficialDocumentPage

    title = factory.Sequence(lambda n: f"Quyết định thử nghiệm số {n}")
    slug = factory.Sequence(lambda n: f"quyet-dinh-thu-nghiem-{n}")
    number_symbol = factory.Sequence(lambda n: f"{500 + n}/QĐ-THNK")
    doc_type = "quyet-dinh"
    issue_date = date(2026, 10, 1)
    issuer = factory.LazyFunction(school_issuer)
    signer_name = "Phạm Văn Tuấn"
    signer_position = "Hiệu trưởng"
    summary = "Về việc thử nghiệm."
    field = "hanh-chinh"

    @classmethod
    def _create(cls, model_class, *args, parent=None, publish=True, **kwargs):
        parent = parent or DocumentIndexPage.objects.get()
        page = model_class(live=publish, **kwargs)
        parent.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        return page


def small_register():
    """A small register beside the world's decision 39/QĐ-THNK (01/10/2026, with a PDF): two circulars of the
    Ministry, a school regulation, four công văn (one expired, one on IT in 2026). Returns {symbol: page}."""
    from datetime import date

    rows = [
        # symbol, type, issuer, issued, expires, field, title, signer
        (
            "28/2020/TT-BGDĐT",
            "thong-tu",
            "BGDĐT",
            date(2020, 9, 4),
            None,
            "chuyen-mon",
            "Thông tư ban hành Điều lệ Trường tiểu học",
            "Phùng Xuân Nhạ",
        ),
        (
            "37/2020/TT-BGDĐT",
            "thong-tu",
            "BGDĐT",
            date(2020, 10, 5),
            None,
            "cntt",
            "Thông tư về thư điện tử và cổng thông tin điện tử",
            "Nguyễn Văn Phúc",
        ),
        (
            "39/QC-THNK",
            "quy-che",
            "THNK",
            date(2023, 9, 24),
            None,
            "hanh-chinh",
            "Quy chế quản lý, sử dụng hệ thống quản trị",
            "Phạm Văn Tuấn",
        ),
        (
            "45/PGDĐT-TH",
            "cong-van",
            "PGDĐT",
            date(2025, 3, 10),
            date(2025, 5, 1),
            "chuyen-mon",
            "Công văn về Ngày hội đọc sách năm 2025",
            "Trần Văn Bình",
        ),
        (
            "2150/UBND-VP",
            "cong-van",
            "UBND",
            date(2026, 8, 20),
            None,
            "hanh-chinh",
            "Công văn về việc bảo đảm an toàn thông tin",
            "Lê Văn Cường",
        ),
        (
            "139/PGDĐT-TH",
            "cong-van",
            "PGDĐT",
            date(2026, 9, 5),
            None,
            "chuyen-mon",
            "Công văn hướng dẫn nhiệm vụ giáo dục tiểu học",
            "Trần Văn Bình",
        ),
        (
            "156/PGDĐT-VP",
            "cong-van",
            "PGDĐT",
            date(2026, 10, 2),
            None,
            "cntt",
            "Công văn về cơ sở dữ liệu ngành",
            "Trần Văn Bình",
        ),
    ]
    register = {}
    for symbol, doc_type, by, issued, expires, field, title, signer in rows:
        register[symbol] = OfficialDocumentPageFactory(
            title=title,
            number_symbol=symbol,
            doc_type=doc_type,
            issuer=school_issuer() if by == "THNK" else issuer(by),
            issue_date=issued,
            effective_to=expires,
            field=field,
            signer_name=signer,
            signer_position="Hiệu trưởng" if by == "THNK" else "Lãnh đạo",
        )
    return register
