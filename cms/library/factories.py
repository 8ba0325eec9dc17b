"""factory_boy factories for the library: ``RecordFactory(copies=2)``, ``ReaderFactory(class_name="3A")``."""

import factory
from factory.django import DjangoModelFactory

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
