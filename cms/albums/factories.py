"""factory_boy factories for photo albums: ``AlbumPageFactory(photos=[photo(consent=False)])``."""

from datetime import date

import factory

from cms.core.factories import ImageFactory, SchoolPageFactory

from .models import AlbumPage, AlbumPhoto


def photo(shows_pupils=True, consent=True, **fields):
    """An unsaved ``AlbumPhoto`` with a new image (``ImageFactory``); consent given unless told."""
    fields.setdefault("image", ImageFactory())
    fields.setdefault("alt_text", "Học sinh xếp hàng trên sân trường")
    fields.setdefault("caption", "Lễ chào cờ đầu tuần.")
    return AlbumPhoto(shows_pupils=shows_pupils, consent=consent, **fields)


class AlbumPageFactory(SchoolPageFactory):
    """A published album under "Thư viện ảnh" with one consented photo and one without consent.

    Extra arguments: ``parent``, ``publish`` (default True), ``photos`` (a list of unsaved ``AlbumPhoto``).
    """

    _parent_key = "albums"

    class Meta:
        model = AlbumPage

    title = factory.Sequence(lambda n: f"Album thử nghiệm số {n}")
    slug = factory.Sequence(lambda n: f"album-thu-nghiem-{n}")
    event_date = date(2026, 11, 20)
    intro = "Ảnh hoạt động của nhà trường."
    photos = factory.LazyFunction(
        lambda: [
            photo(sort_order=0),
            photo(
                sort_order=1, consent=False, alt_text="Học sinh đánh trống", caption="Ảnh chưa được đồng ý."
            ),
        ]
    )
