"""Demo moderation: the section workflows, and a few articles waiting for their reviewers. Idempotent."""

from wagtail.models import Page
from wagtail.rich_text import RichText

from cms.news.models import ArticlePage, SectionPage

from .workflows import setup_workflows

WAITING = [
    {
        "section": "hoat-dong-chuyen-mon",
        "author": "giaovien1",
        "title": "Tổ 1 chia sẻ kinh nghiệm dạy đọc cho học sinh lớp 1",
        "slug": "to-1-chia-se-kinh-nghiem-day-doc-cho-hoc-sinh-lop-1",
        "lead": (
            "Buổi sinh hoạt chuyên môn của Tổ 1 tập trung vào các trò chơi giúp học sinh lớp 1 "
            "đọc trơn, đọc hiểu."
        ),
        "body": "Các thầy cô Tổ 1 đã cùng nhau xây dựng bộ thẻ chữ, trò chơi ghép vần và góc đọc trong lớp.",
        "author_name": "Lê Thị Phương Thảo",
        "author_position": "Giáo viên Tổ 1",
    },
    {
        "section": "goc-hoc-sinh",
        "author": "hocsinh1a",
        "title": "Bài thơ “Cô giáo em” của bạn Bảo Ngọc lớp 1A",
        "slug": "bai-tho-co-giao-em-cua-ban-bao-ngoc-lop-1a",
        "lead": "Bạn Hoàng Bảo Ngọc lớp 1A gửi tặng cô giáo chủ nhiệm bài thơ nhỏ nhân dịp cuối học kỳ.",
        "body": "Cô giáo em hiền lắm, giọng cô ấm như mùa xuân, em yêu cô nhiều lắm.",
        "author_name": "Hoàng Bảo Ngọc",
        "author_position": "Học sinh lớp 1A",
    },
]


def seed_moderation(home, users):
    """Set up the workflows, then submit the demo articles (once) so reviewers see items waiting."""
    setup_workflows(home)
    submitted = 0
    for data in WAITING:
        author = users.get(data["author"])
        section = SectionPage.objects.child_of(home).filter(slug=data["section"]).first()
        if author is None or section is None:
            continue
        if Page.objects.child_of(section).filter(slug=data["slug"]).exists():
            continue
        article = ArticlePage(
            title=data["title"],
            slug=data["slug"],
            lead=data["lead"],
            body=[("paragraph", RichText(f"<p>{data['body']}</p>"))],
            author_name=data["author_name"],
            author_position=data["author_position"],
            owner=author,
            live=False,
        )
        section.add_child(instance=article)
        article.save_revision(user=author)
        article.get_workflow().start(article, author)
        submitted += 1
    return submitted
