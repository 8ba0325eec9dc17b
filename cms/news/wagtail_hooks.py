"""Static JSON for the school app and other systems: ``/api/v1/tin-moi.json`` (latest news)."""

import json

from wagtail import hooks

from cms.core.people import student_full_names_allowed
from cms.core.school_pages import HOME, SchoolPageSpec, SectionKey
from cms.core.vietnamese import format_date_short

from .models import articles_under

LATEST_COUNT = 20


@hooks.register("register_static_files")
def latest_news_json(site):
    """The newest public articles as JSON, rewritten by the static engine only when it changes."""
    # articles_under: the date index walked from the newest end, not every article sorted.
    articles = articles_under(site.root_page).order_by("-publication_date", "-pk")[:LATEST_COUNT]
    full_names = student_full_names_allowed(site)
    items = [
        {
            "id": article.pk,
            "tieu_de": article.title,
            "tom_tat": article.lead,
            "ngay_dang": article.publication_date.isoformat(),
            "ngay_dang_hien_thi": format_date_short(article.publication_date),
            "tac_gia": article.public_author_name(full_names),
            "chuyen_muc": article.get_parent().title,
            "duong_dan": article.get_url(current_site=site),
        }
        for article in articles
    ]
    body = json.dumps({"phien_ban": 1, "bai_viet": items}, ensure_ascii=False, indent=1)
    return {"api/v1/tin-moi.json": body.encode()}


# Rebuilt only when an article or a section changes (a byline rule change is a settings change, which
# rebuilds everything): a notice's publish keeps the file (cms.publishing.builder.hook_page_types).
latest_news_json.static_files_page_types = ("news.ArticlePage", "news.SectionPage")


SECTION_INTROS = {
    SectionKey.NEWS: "Tin về các sự kiện nổi bật của nhà trường.",
    SectionKey.PROFESSIONAL: "Sinh hoạt chuyên môn, chuyên đề, hội giảng của các tổ chuyên môn.",
    SectionKey.UNIONS: "Hoạt động của Công đoàn, Liên đội và Chi đoàn nhà trường.",
    SectionKey.STUDENTS: "Bài viết, bài thơ, tranh vẽ của học sinh, được thầy cô hướng dẫn.",
}
SECTION_SLUGS = {
    SectionKey.NEWS: "tin-tuc-su-kien",
    SectionKey.PROFESSIONAL: "hoat-dong-chuyen-mon",
    SectionKey.UNIONS: "hoat-dong-doi-cong-doan",
    SectionKey.STUDENTS: "goc-hoc-sinh",
}


@hooks.register("register_school_pages")
def news_sections():
    """The four news sections of a new school (``cms.core.school_pages``)."""
    return [
        SchoolPageSpec(
            key.value,
            "news.SectionPage",
            HOME,
            key.label,
            SECTION_SLUGS[key],
            {"intro": SECTION_INTROS[key], "is_student_corner": key == SectionKey.STUDENTS},
            order=20 + number,
        )
        for number, key in enumerate(SectionKey)
    ]
