"""factory_boy factories for the library: ``RecordFactory(copies=2)``, ``ReaderFactory(class_name="3A")``,
``public_material(approver)``."""

import factory
from factory.django import DjangoModelFactory

from cms.core.vietnamese import slugify_vi

from .models import BibliographicRecord, Copy, Reader, RecordAuthor


class RecordFactory(DjangoModelFactory):
    """A record with one author and ``copies`` copies (default 1) numbered ``T<n>-<i>``."""

    class Meta:
        model = BibliographicRecord
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Sách thử nghiệm số {n}")
    publisher = "NXB Kim Đồng"
    place = "Hà Nội"
    year = 2024
    classification = "895.9223"
    subjects = "Truyện thiếu nhi"
    reading_grade = 3

    @factory.post_generation
    def author(obj, create, extracted, **kwargs):
        if create:
            RecordAuthor.objects.create(record=obj, name=extracted or "Tô Hoài", sort_order=0)

    @factory.post_generation
    def copies(obj, create, extracted, **kwargs):
        if create:
            for i in range(1 if extracted is None else extracted):
                Copy.objects.create(record=obj, accession_number=f"T{obj.pk}-{i + 1}", sort_order=i)


class ReaderFactory(DjangoModelFactory):
    class Meta:
        model = Reader

    kind = "hoc_sinh"
    code = factory.Sequence(lambda n: f"TEST{n:05d}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    class_name = "3A"
    school_year = "2025–2026"


def public_material(approver, title="Đề kiểm tra cuối học kỳ I môn Toán lớp 3", school_year="2026–2027"):
    """A learning material (a test paper, PDF) requested public and approved by ``approver`` (a vice principal
    or the principal, Điều 4.7): it is on ``/thu-vien/hoc-lieu/<year>/`` and in the site search."""
    from django.core.files.base import ContentFile

    from cms.core.pdf import minimal_pdf

    from .models import LearningMaterial

    material = LearningMaterial(
        kind="de_kiem_tra",
        title=title,
        school_year=school_year,
        grade=3,
        subject="Toán",
        public_requested=True,
    )
    material.file.save(f"{slugify_vi(title)}.pdf", ContentFile(minimal_pdf([title])), save=False)
    material.save()
    material.approved_by = approver
    material.save()
    return material
