"""Article bylines (student corner privacy) and the body blocks' validation."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from wagtail.blocks import StructBlockValidationError
from wagtail.models import Site

from cms.core.models import SchoolSettings
from cms.core.school_pages import SectionKey, school_page
from cms.news.blocks import ImageBlock, VideoBlock, youtube_id
from cms.news.factories import ArticlePageFactory, every_block_body
from cms.news.models import ArticlePage
from cms.publishing.render import render_page


def user(username):
    return get_user_model().objects.get(username=username)


def _corner_article(**fields):
    return ArticlePageFactory(parent=school_page(SectionKey.STUDENTS), **fields)


@pytest.mark.django_db
def test_pupil_is_shown_by_given_name_and_class_unless_the_school_allows_full_names():
    article = _corner_article(
        author_name="Trần Minh Khang", author_position="Học sinh lớp 3A", author_class="3A"
    )
    site = Site.objects.get(is_default_site=True)
    html = render_page(article, site).decode()
    assert "Em Khang, lớp 3A" in html
    assert "Trần Minh Khang" not in html  # not in the byline, JSON-LD or meta tags

    school = SchoolSettings.for_site(site)
    school.show_student_full_name = True
    school.save()
    html = render_page(ArticlePage.objects.get(pk=article.pk), site).decode()
    assert "Em Trần Minh Khang, lớp 3A" in html


@pytest.mark.django_db
def test_student_kind_comes_from_position_or_student_corner_but_teachers_there_keep_their_names():
    pupil = _corner_article(author_name="Hoàng Bảo Ngọc", author_position="Học sinh lớp 1A")  # no kind set
    assert pupil.author_kind == ""
    assert pupil.byline(full_student_names=False) == "Em Ngọc, lớp 1A"
    teacher_in_corner = _corner_article(
        author_name="Vũ Thị Lan Anh", author_position="Giáo viên chủ nhiệm lớp 1A", owner=user("gvcn1a")
    )
    assert teacher_in_corner.byline(full_student_names=False) == "Vũ Thị Lan Anh – Giáo viên chủ nhiệm lớp 1A"
    unnamed = ArticlePage(author_name="Lê Gia Bảo", author_position="", author_class="2B")
    assert unnamed.byline(full_student_names=False) == "Lê Gia Bảo"  # no section: a teacher by default
    unnamed.author_kind = ArticlePage.AuthorKind.STUDENT
    assert unnamed.byline(full_student_names=False) == "Em Bảo, lớp 2B"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.youtube.com/watch?v=aqz-KE-bpKQ", "aqz-KE-bpKQ"),
        ("https://youtu.be/aqz-KE-bpKQ?t=30", "aqz-KE-bpKQ"),
        ("https://m.youtube.com/shorts/aqz-KE-bpKQ", "aqz-KE-bpKQ"),
        ("https://www.youtube.com/embed/aqz-KE-bpKQ", "aqz-KE-bpKQ"),
        ("https://vimeo.com/123456", None),
        ("https://www.youtube.com/watch?v=short", None),
        ("https://evil.example/watch?v=aqz-KE-bpKQ", None),
        ("", None),
    ],
)
def test_youtube_id(url, expected):
    assert youtube_id(url) == expected


def test_video_block_refuses_a_non_youtube_address_in_vietnamese():
    block = VideoBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(
            block.to_python({"url": "https://vimeo.com/123456", "title": "Lễ khai giảng", "duration": ""})
        )
    assert "không phải địa chỉ video YouTube" in str(error.value.block_errors["url"])


@pytest.mark.django_db
def test_image_block_requires_a_description():
    from wagtail.images import get_image_model

    image = get_image_model().objects.first()
    with pytest.raises(ValidationError):
        ImageBlock().clean({"image": image, "alt_text": "   ", "caption": ""})


@pytest.mark.django_db
def test_earlier_articles_box_and_the_pages_a_publish_must_rerender():
    for day in range(1, 16):
        _corner_article(publication_date=date(2026, 10, day))
    section_articles = list(
        ArticlePage.objects.live()
        .child_of(school_page(SectionKey.STUDENTS))
        .order_by("publication_date", "pk")
    )
    middle = section_articles[len(section_articles) // 2]
    index = section_articles.index(middle)
    earlier = list(middle.earlier_articles())
    assert earlier == list(reversed(section_articles[max(0, index - 6) : index]))
    dependents = middle.static_dependents()
    assert [p.specific_class.__name__ for p in dependents[:2]] == ["HomePage", "SectionPage"]
    assert dependents[2:] == section_articles[index + 1 : index + 7]
    # Every page that lists the article is among its dependents.
    for later in section_articles[index + 1 :]:
        assert (middle in list(later.earlier_articles())) == (later in dependents)


@pytest.mark.django_db
def test_admin_editor_opens_an_article_with_every_block_and_the_home_page(client, django_user_model):
    from django.urls import reverse

    from cms.home.models import HomePage

    admin = django_user_model.objects.create_superuser("bgh-test", "bgh@example.com", "mat-khau-thu-nghiem")
    client.force_login(admin)
    article = ArticlePageFactory(body=every_block_body())
    kinds = {block.block_type for block in article.body}
    assert kinds >= {"gallery", "table", "video", "attachment", "quote"}
    for page in (article, HomePage.objects.get()):
        response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
        assert response.status_code == 200
    assert "Liên kết nhanh" in response.content.decode()
