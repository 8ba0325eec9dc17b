"""A pupil's article is limited on the server, through the real admin form (issue 10 item 6)."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield

from cms.core.vietnamese import slugify_vi
from cms.news.models import ArticlePage, SectionPage
from editorial.class_images import class_collection_ids

pytestmark = pytest.mark.django_db

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul", "h2", "h3"]


@pytest.fixture
def pupil(client):
    user = get_user_model().objects.get(username="hocsinh1a")
    client.force_login(user)
    return user


def _post_article(client, section, title, blocks, **fields):
    """Open the add form as the signed-in person, fill it like they would, and post it."""
    url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", section.pk))
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    for key in [k for k in data if k.startswith("body-")]:
        del data[key]
    # The slug is what the editor's slug field fills in while the title is typed.
    values = {"title": title, "slug": slugify_vi(title), "lead": "Tóm tắt bài của em.", **fields}
    data.update(nested_form_data(values))
    data.update(nested_form_data({"body": streamfield(blocks)}))
    return client.post(url, data)


def _paragraph(html):
    return ("paragraph", rich_text(html, features=PARAGRAPH_FEATURES))


def _errors(response):
    """The form's errors as text (what the editor shows next to the fields), or the page if none."""
    form = response.context and response.context.get("form")
    if form is not None and form.errors:
        return " ".join(
            " ".join(str(m) for e in errors.as_data() for m in getattr(e, "messages", [str(e)]))
            + str(getattr(errors.as_data()[0], "non_block_errors", ""))
            for errors in form.errors.values()
        ) + repr(form.errors.as_data())
    return response.content.decode()


@pytest.fixture
def corner():
    return SectionPage.objects.get(slug="goc-hoc-sinh")


def test_pupil_may_write_bold_italic_lists_and_web_links(pupil, client, corner):
    html = '<p><b>Đậm</b>, <i>nghiêng</i>, <a href="https://vi.wikipedia.org/wiki/Hà_Nội">Hà Nội</a></p>'
    response = _post_article(client, corner, "Chuyến tham quan của lớp em", [_paragraph(html)])
    assert response.status_code == 302, _errors(response)[:3000]
    article = ArticlePage.objects.child_of(corner).get(title="Chuyến tham quan của lớp em")
    assert "https://vi.wikipedia.org" in article.body[0].value.source


@pytest.mark.parametrize(
    ("block", "message"),
    [
        (("table", json.dumps({"data": [["a", "b"]], "first_row_is_table_header": False})), "chèn bảng"),
        (("video", {"url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "title": "V", "duration": ""}),
         "không được chèn video"),
        (_paragraph('<p><a href="mailto:ban@example.com">thư</a></p>'), "mailto:ban@example.com"),
        (_paragraph('<p><a href="https://example.com/tro-choi.exe">tải</a></p>'), "tệp chương trình"),
        (_paragraph('<p><a href="https://evil.example/setup.EXE/">tải</a></p>'), "tệp chương trình"),
        (_paragraph('<p><a href="https://evil.example/tai-lieu%2Epdf">đọc</a></p>'), "tài liệu"),
        (_paragraph("<h2>Tiêu đề</h2><p>Chữ</p>"), "tiêu đề (H2)"),
    ],
)  # fmt: skip
def test_pupil_article_with_forbidden_content_is_refused_with_a_message(
    pupil, client, corner, block, message
):
    response = _post_article(
        client, corner, "Bài có nội dung không được phép", [_paragraph("<p>Chữ</p>"), block]
    )
    assert response.status_code == 200
    assert message in _errors(response)
    assert not ArticlePage.objects.filter(title="Bài có nội dung không được phép").exists()


def test_pupil_attachment_is_refused(pupil, client, corner):
    document = get_document_model().objects.create(
        title="Tài liệu", file=SimpleUploadedFile("tai-lieu.pdf", b"%PDF-1.4 demo")
    )
    response = _post_article(
        client,
        corner,
        "Bài có tệp",
        [_paragraph("<p>Chữ</p>"), ("attachment", {"document": document.pk, "title": ""})],
    )
    assert "không được đính kèm tệp" in _errors(response)
    assert not ArticlePage.objects.filter(title="Bài có tệp").exists()


def test_document_link_typed_by_a_pupil_never_reaches_the_page(pupil, client, corner):
    document = get_document_model().objects.create(
        title="Tài liệu", file=SimpleUploadedFile("tai-lieu.pdf", b"%PDF-1.4 demo")
    )
    # Crafted editor data with a document link, which the pupils' toolbar does not offer.
    raw = json.loads(rich_text('<p><a href="https://example.com/">x</a></p>', features=PARAGRAPH_FEATURES))
    raw["entityMap"]["0"] = {"type": "DOCUMENT", "mutability": "MUTABLE", "data": {"id": document.pk}}
    response = _post_article(client, corner, "Bài có liên kết tài liệu", [("paragraph", json.dumps(raw))])
    article = ArticlePage.objects.filter(title="Bài có liên kết tài liệu").first()
    if article is None:
        assert "tài liệu" in _errors(response)
    else:
        assert 'linktype="document"' not in article.body[0].value.source


def test_staff_keep_the_full_editor(client, corner):
    client.force_login(get_user_model().objects.get(username="giaovien1"))
    section = SectionPage.objects.get(slug="hoat-dong-chuyen-mon")
    table = ("table", json.dumps({"data": [["a", "b"]], "first_row_is_table_header": False}))
    response = _post_article(client, section, "Bảng điểm thi đua", [_paragraph("<h2>Kết quả</h2>"), table])
    assert response.status_code == 302, _errors(response)[:2000]


def _png():
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    return SimpleUploadedFile("anh.png", buffer.getvalue(), content_type="image/png")


def test_pupil_uploads_images_only_into_the_class_collection(pupil, client):
    allowed = class_collection_ids(pupil)
    assert len(allowed) == 1
    class_collection = Collection.objects.get(pk=allowed.pop())
    root = Collection.get_first_root_node()
    url = reverse("wagtailimages:add")
    assert client.get(url).status_code == 200
    # A crafted post naming the root collection: the only collection the pupil may use is theirs.
    client.post(url, {"title": "Ảnh ngoài lớp", "file": _png(), "collection": root.pk})
    assert not get_image_model().objects.filter(title="Ảnh ngoài lớp", collection=root).exists()
    assert get_image_model().objects.get(title="Ảnh ngoài lớp").collection == class_collection
    client.post(url, {"title": "Ảnh của lớp", "file": _png(), "collection": class_collection.pk})
    assert get_image_model().objects.get(title="Ảnh của lớp").collection == class_collection


def test_pupil_article_with_an_image_outside_the_class_is_refused(pupil, client, corner):
    other = get_image_model().objects.exclude(collection_id__in=class_collection_ids(pupil)).first()
    block = ("image", {"image": other.pk, "alt_text": "Ảnh", "caption": ""})
    response = _post_article(client, corner, "Bài có ảnh", [_paragraph("<p>Chữ</p>"), block])
    assert "không thuộc thư mục ảnh của lớp em" in _errors(response)
    assert not ArticlePage.objects.filter(title="Bài có ảnh").exists()
