"""factory_boy factories for news: ``ArticlePageFactory(parent=school_page(SectionKey.STUDENTS))``."""

import factory
from wagtail.rich_text import RichText

from cms.core.factories import SchoolPageFactory
from cms.core.school_pages import SectionKey

from .models import ArticlePage


class ArticlePageFactory(SchoolPageFactory):
    """A published article in "Tin tức – Sự kiện" (``SectionKey.NEWS``) with one paragraph and no cover.

    Extra arguments: ``parent`` (another section), ``publish`` (default True).
    """

    _parent_key = SectionKey.NEWS

    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"Bài viết thử nghiệm số {n}")
    slug = factory.Sequence(lambda n: f"bai-viet-thu-nghiem-{n}")
    lead = "Tóm tắt bài viết thử nghiệm."
    body = factory.LazyFunction(lambda: [("paragraph", RichText("<p>Nội dung bài viết thử nghiệm.</p>"))])
    author_name = "Nguyễn Thị Hoa"
    author_position = "Giáo viên"
