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
