"""The upload gate through the real admin URLs: a corpus of bad files, each refused in Vietnamese, none a 500.

Paths: image and document "add" forms, the multiple uploaders (AJAX) and the choosers' upload tabs.
"""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from cms.core.files import check_upload
from tests.support import bad_files as bad

pytestmark = pytest.mark.django_db

BIG = 11 * 1024 * 1024

BAD_IMAGES = [
    ("script.svg", bad.SVG, "SVG không được chấp nhận"),
    ("svg-doi-ten.png", bad.SVG, "thực chất là ảnh SVG"),
    ("bom.png", bad.png_bomb(), "quá nhiều điểm ảnh"),
    ("trang.jpg", bad.HTML, "thực chất là: trang HTML"),
    ("chuong-trinh.jpg", bad.ELF, "chương trình chạy được (ELF)"),
    ("png-doi-ten.jpg", bad.image_bytes("PNG"), "không phải là ảnh .jpg hợp lệ"),
    ("bmp-doi-ten.png", bad.image_bytes("BMP"), "không phải là ảnh .png hợp lệ"),
    ("trong.jpg", b"", "trống (0 byte)"),
    ("qua-lon.jpg", bad.image_bytes("JPEG")[:200] + b"\x00" * BIG, "quá lớn"),
    ("dong.gif", bad.animated_gif(), "ảnh động"),
    ("cat-cut.jpg", bad.image_bytes("JPEG", size=(400, 300))[:300], "không phải là ảnh .jpg đọc được"),
    ("gif-polyglot.gif", b"GIF89a/*" + b"\x00" * 20 + b"*/=alert(1);", "không phải là ảnh .gif đọc được"),
    ("chuong-trinh.exe", bad.ELF, "chỉ nhận ảnh dạng"),
    ("khong-duoi", bad.image_bytes("JPEG"), "chỉ nhận ảnh dạng"),
]

BAD_DOCUMENTS = [
    ("chuong-trinh.pdf", bad.ELF, "thực chất là: chương trình chạy được (ELF)"),
    ("trang.pdf", bad.HTML, "thực chất là: trang HTML"),
    ("anh.pdf", bad.image_bytes("PNG"), "thực chất là: tệp .png"),
    ("script.pdf", bad.SVG, "thực chất là ảnh SVG"),
    ("chuong-trinh.exe", bad.ELF, "chỉ nhận tài liệu dạng"),
    ("trang.html", bad.HTML, "chỉ nhận tài liệu dạng"),
    ("co-ma.pdf", bad.pdf_with_javascript(), "chứa mã lệnh tự chạy"),
    ("macro.docx", bad.docx_bytes(macro=True), "chứa macro"),
    ("co-ma-an.pdf", bad.pdf_with_escaped_javascript(), "chứa mã lệnh tự chạy"),
    ("macro.odt", bad.odt_with_basic_macro(), "chứa macro"),
    ("macro.doc", bad.doc_with_vba(), "chứa macro"),
    ("zip-doi-ten.xlsx", bad.zip_package(["a.txt"]), "không phải là tệp .xlsx hợp lệ"),
    ("docx-doi-ten.xlsx", bad.docx_bytes(), "không phải là tệp .xlsx hợp lệ"),
    ("trong.pdf", b"", "trống (0 byte)"),
    ("qua-lon.pdf", b"%PDF-1.4\n" + b"0" * (21 * 1024 * 1024), "quá lớn"),
]


def _body(response):
    """The HTML a person sees: the page, or the modal's HTML inside a chooser's JSON answer."""
    if response["Content-Type"].startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode()


def _root_collection():
    return Collection.get_first_root_node().pk


def _upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def principal(login):
    return login("hieutruong")


@pytest.mark.parametrize(("name", "content", "message"), BAD_IMAGES, ids=[c[0] for c in BAD_IMAGES])
def test_bad_image_refused_on_the_add_form(client, principal, name, content, message):
    before = get_image_model().objects.count()
    response = client.post(
        reverse("wagtailimages:add"),
        {"title": "Ảnh thử", "collection": _root_collection(), "file": _upload(name, content)},
    )
    assert response.status_code == 200
    assert message in _body(response)
    assert get_image_model().objects.count() == before


@pytest.mark.parametrize(("name", "content", "message"), BAD_IMAGES[:7], ids=[c[0] for c in BAD_IMAGES[:7]])
def test_bad_image_refused_by_the_multiple_uploader(client, principal, name, content, message):
    before = get_image_model().objects.count()
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {"title": name, "collection": _root_collection(), "files[]": _upload(name, content)},
    )
    assert response.status_code == 200
    data = response.json()
    assert data["success"] is False
    assert message in data["error_message"]
    assert get_image_model().objects.count() == before


@pytest.mark.parametrize(("name", "content", "message"), BAD_IMAGES[:5], ids=[c[0] for c in BAD_IMAGES[:5]])
def test_bad_image_refused_by_the_chooser_upload(client, principal, name, content, message):
    before = get_image_model().objects.count()
    response = client.post(
        reverse("wagtailimages_chooser:create"),
        {"image-chooser-upload-title": "x", "image-chooser-upload-file": _upload(name, content)},
    )
    assert response.status_code == 200
    assert message in _body(response)
    assert get_image_model().objects.count() == before


@pytest.mark.parametrize(("name", "content", "message"), BAD_DOCUMENTS, ids=[c[0] for c in BAD_DOCUMENTS])
def test_bad_document_refused_on_the_add_form(client, principal, name, content, message):
    before = get_document_model().objects.count()
    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": "Tài liệu thử", "collection": _root_collection(), "file": _upload(name, content)},
    )
    assert response.status_code == 200
    assert message in _body(response)
    assert get_document_model().objects.count() == before


@pytest.mark.parametrize(
    ("name", "content", "message"), BAD_DOCUMENTS[:7], ids=[c[0] for c in BAD_DOCUMENTS[:7]]
)
def test_bad_document_refused_by_the_multiple_uploader(client, principal, name, content, message):
    before = get_document_model().objects.count()
    response = client.post(
        reverse("wagtaildocs:add_multiple"),
        {"title": name, "collection": _root_collection(), "files[]": _upload(name, content)},
    )
    assert response.status_code == 200
    data = response.json()
    assert data["success"] is False
    assert message in data["error_message"]
    assert get_document_model().objects.count() == before


@pytest.mark.parametrize(
    ("name", "content", "message"), BAD_DOCUMENTS[:3], ids=[c[0] for c in BAD_DOCUMENTS[:3]]
)
def test_bad_document_refused_by_the_chooser_upload(client, principal, name, content, message):
    before = get_document_model().objects.count()
    response = client.post(
        reverse("wagtaildocs_chooser:create"),
        {"document-chooser-upload-title": "x", "document-chooser-upload-file": _upload(name, content)},
    )
    assert response.status_code == 200
    assert message in _body(response)
    assert get_document_model().objects.count() == before


def _exif_of(data):
    with Image.open(io.BytesIO(data)) as image:
        return dict(image.getexif()), image.size, image.format


# Every path that stores an image from a form: the add view and the upload tab of the image chooser (a
# prefixed form, used when a teacher inserts a photo into an article or the librarian picks a cover).
IMAGE_PATHS = [("wagtailimages:add", ""), ("wagtailimages_chooser:create", "image-chooser-upload-")]


def _post_image(client, path, title, name, content):
    url, prefix = path
    data = {
        f"{prefix}title": title,
        f"{prefix}file": _upload(name, content),
        f"{prefix}collection": _root_collection(),
    }
    response = client.post(reverse(url), data)
    assert response.status_code in (200, 302), response.status_code
    image = get_image_model().objects.filter(title=title).first()
    assert image is not None, _body(response)[:3000]
    return image


@pytest.mark.parametrize("path", IMAGE_PATHS, ids=["add", "chooser"])
def test_gps_removed_from_the_original_and_every_rendition(client, principal, path):
    image = _post_image(client, path, "Ảnh có GPS", "gps.jpg", bad.jpeg_with_gps())
    with image.file.open("rb") as stored:
        exif, size, _ = _exif_of(stored.read())
    assert exif == {}
    assert size == (30, 40)  # the orientation tag (rotate 90°) was applied before it was removed
    for spec in ("width-20", "fill-10x10|format-jpeg", "max-30x30|format-webp", "original"):
        rendition = image.get_rendition(spec)
        with rendition.file.open("rb") as stored:
            assert _exif_of(stored.read())[0] == {}, spec


@pytest.mark.parametrize("path", IMAGE_PATHS, ids=["add", "chooser"])
def test_appended_payload_of_a_polyglot_jpeg_is_dropped(client, principal, path):
    polyglot = bad.image_bytes("JPEG") + b"<script>alert(1)</script>" + bad.zip_package(["x.html"])
    image = _post_image(client, path, "Polyglot", "poly.jpg", polyglot)
    with image.file.open("rb") as stored:
        data = stored.read()
    assert b"<script>" not in data and b"PK\x03\x04" not in data


def test_heic_photo_is_stored_as_jpeg(client, principal):
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Ảnh iPhone",
            "collection": _root_collection(),
            "file": _upload("IMG_0001.HEIC", bad.heic_bytes()),
        },
    )
    assert response.status_code == 302
    image = get_image_model().objects.get(title="Ảnh iPhone")
    assert image.file.name.endswith(".jpg")
    with image.file.open("rb") as stored:
        assert _exif_of(stored.read())[2] == "JPEG"
    assert image.get_rendition("width-20").file.name.endswith((".jpg", ".jpeg"))


def test_file_input_does_not_list_heic_in_accept(client, principal):
    body = client.get(reverse("wagtailimages:add")).content.decode()
    assert 'accept="image/*"' in body
    assert "image/heic" not in body


def test_xss_in_a_title_is_shown_as_text(client, principal):
    title = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": title, "collection": _root_collection(), "file": _upload("vb.pdf", bad.pdf_bytes())},
    )
    assert response.status_code == 302
    listing = client.get(reverse("wagtaildocs:index")).content.decode()
    assert "<script>alert(" not in listing and "<img src=x" not in listing
    assert "&lt;script&gt;" in listing


def test_documents_are_served_as_downloads_except_pdf(client, principal):
    Document = get_document_model()
    pdf = Document.objects.create(title="PDF", file=_upload("a.pdf", bad.pdf_bytes()))
    docx = Document.objects.create(title="DOCX", file=_upload("b.docx", bad.docx_bytes()))
    response = client.get(pdf.url)
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    response = client.get(docx.url)
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_check_upload_for_other_apps_accepts_good_and_refuses_bad():
    check_upload(_upload("a.pdf", bad.pdf_bytes()), "document")
    check_upload(_upload("a.png", bad.image_bytes("PNG")), "image")
    with pytest.raises(Exception, match="ELF"):
        check_upload(_upload("a.pdf", bad.ELF), "document")


def test_multiple_uploader_holding_area_keeps_no_gps(client, principal):
    """A title the form refuses makes Wagtail hold the raw file as an UploadedFile: it is stripped too."""
    from wagtail.models import UploadedFile

    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {
            "title": "x" * 300,
            "collection": _root_collection(),
            "files[]": _upload("gps.jpg", bad.jpeg_with_gps()),
        },
    )
    assert response.status_code == 200
    held = UploadedFile.objects.latest("pk")
    with held.file.open("rb") as stored:
        assert _exif_of(stored.read())[0] == {}
