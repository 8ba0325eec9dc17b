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


def every_block_body(images=3):
    """An article body using every block of ``ArticleBodyBlock``: paragraph, gallery of ``images`` photos
    (large enough for every rendition width), table with a caption, quote, YouTube video and a PDF attachment
    (new images and a document)."""
    from wagtail.contrib.table_block.blocks import TableBlock

    from cms.core.factories import DocumentFactory, ImageFactory

    gallery = [
        {
            "image": ImageFactory(file__width=1280, file__height=853),
            "alt_text": f"Học sinh thi đấu, ảnh {n}",
            "caption": f"Ảnh {n}.",
        }
        for n in range(1, images + 1)
    ]
    table = TableBlock().to_python(
        {
            "first_row_is_table_header": True,
            "first_col_is_header": True,
            "table_caption": "Kết quả toàn đoàn",
            "data": [["Khối", "Giải Nhất"], ["Khối 1", "2"], ["Khối 2", "3"]],
        }
    )
    return [
        ("paragraph", RichText("<p>Hội khỏe Phù Đổng là hoạt động thường niên của nhà trường.</p>")),
        ("gallery", {"title": "Một số hình ảnh", "images": gallery}),
        ("table", table),
        ("quote", {"text": "Mỗi em được vận động là chiến thắng lớn nhất.", "attribution": "Hiệu trưởng"}),
        (
            "video",
            {
                "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
                "title": "Toàn cảnh Hội khỏe Phù Đổng",
                "duration": "3:25",
            },
        ),
        ("attachment", {"document": DocumentFactory(title="Kế hoạch tổ chức"), "title": "Kế hoạch (PDF)"}),
    ]


def bulk_articles(section, count, start, name="Bài thêm"):
    """Add ``count`` published articles to ``section`` in one bulk insert, one a day from ``start`` (tests
    that grow a site to compare counts at two sizes; ``bench.generate.bulk_add_children`` writes the rows
    Wagtail would store for published pages, without revisions)."""
    from datetime import timedelta

    from django.utils.text import slugify

    from bench.generate import bulk_add_children

    prefix = slugify(name.replace("đ", "d").replace("Đ", "D")) or "bai"
    articles = [
        ArticlePage(
            title=f"{name} số {i} của {section.slug}",
            slug=f"{prefix}-{section.slug}-{i}",
            lead="Tóm tắt.",
            body=[("paragraph", RichText("<p>Nội dung.</p>"))],
            publication_date=start + timedelta(days=i),
            author_name="Nguyễn Văn An",
        )
        for i in range(count)
    ]
    bulk_add_children(section, articles, [section.first_published_at] * count)
    return articles
