"""Issue 14: media is never public — a private bucket (moto's S3 server on loopback) or local files, read by
staff through the back office; the builder copies into the public site only what public pages use."""

from datetime import date
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from cms.demo.images import make_image
from tests.support.s3 import make_bucket

pytestmark = pytest.mark.django_db

BUCKET = "so-gd-media"


@pytest.fixture
def media_bucket(s3_server, settings, monkeypatch):
    client = make_bucket(s3_server, BUCKET, monkeypatch)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "cms.core.media.PrivateMediaStorage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_server,
                "access_key": "test",
                "secret_key": "test",
                "region_name": "us-east-1",
                "location": "thll/media",
            },
        },
    }
    yield client
    for obj in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=obj["Key"])
    client.delete_bucket(Bucket=BUCKET)


def _new_image(title="Hội giảng mùa xuân"):
    image = get_image_model()(title=title)
    image.file = ImageFile(BytesIO(make_image(title, "school", 11)), name="hoi-giang.jpg")
    image.save()
    return image


def test_uploaded_media_is_private_in_the_bucket_with_the_right_headers(media_bucket):
    image = _new_image()
    key = "thll/media/" + image.file.name
    head = media_bucket.head_object(Bucket=BUCKET, Key=key)
    assert head["ContentType"] == "image/jpeg"
    assert head["CacheControl"].startswith("private")
    grants = media_bucket.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
    assert not [g for g in grants if "AllUsers" in g["Grantee"].get("URI", "")]  # not public-read
    # Pages render the back office's /media/ address, never a bucket URL or a signed link.
    assert image.file.url == "/media/" + image.file.name


def test_staff_read_media_through_the_back_office_and_visitors_cannot(client, media_bucket, login):
    image = _new_image()
    url = image.file.url
    response = client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]

    nobody = get_user_model().objects.create_user("khach", password="mat-khau-dai-12345")
    client.force_login(nobody)
    assert client.get(url).status_code == 403

    login("giaovien1")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("inline")
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"  # the JPEG itself, from the bucket
    assert client.get("/media/../settings.py").status_code == 404


def test_documents_open_only_for_staff_pdf_inline_others_downloaded(client, login):
    pdf = get_document_model().objects.filter(file__endswith=".pdf").first()
    response = client.get(pdf.url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    media = client.get("/media/" + pdf.file.name)
    assert media.status_code == 302

    login("vanthu")
    media = client.get("/media/" + pdf.file.name)
    assert media.status_code == 200 and media["Content-Disposition"].startswith("inline")
    sheet = get_document_model().objects.create(title="Danh sách lớp 3A")
    sheet.file.save("danh-sach-3a.xlsx", ContentFile(b"PK\x03\x04 not really"), save=True)
    media = client.get("/media/" + sheet.file.name)
    assert media["Content-Disposition"].startswith("attachment")


def test_the_builder_copies_what_public_pages_use_from_the_private_bucket(media_bucket, site_dir):
    from cms.core.school_pages import school_page
    from cms.news.models import ArticlePage
    from cms.publishing.builder import build_site
    from cms.publishing.release import current_dir, walk_files

    used, unused = _new_image("Ảnh dùng trên trang"), _new_image("Ảnh chưa dùng")
    article = ArticlePage(
        title="Hội giảng mùa xuân 2027",
        slug="hoi-giang-mua-xuan-2027",
        lead="Tổ 2 tổ chức hội giảng.",
        cover_image=used,
        cover_alt="Giờ dạy mẫu",
        publication_date=date(2027, 2, 20),
        body=[("paragraph", RichText("<p>Hội giảng.</p>"))],
    )
    school_page("chuyen_mon").add_child(instance=article)
    article.save_revision().publish()
    build_site(trigger="test: private media")
    # walk_files follows the release's shared folders (Path.rglob does not enter symlinked folders on 3.11).
    copied = {name for name in walk_files(current_dir()) if name.startswith("media/")}
    renditions = [
        name for name in copied if name.startswith("media/images/") and "hoi-giang" in name.split("/")[-1]
    ]
    assert renditions, "the cover's renditions, read from the private bucket, are on the public site"
    assert "media/" + unused.file.name not in copied


def test_a_pupil_reads_images_but_no_staff_file(client, login):
    """A pupil's back-office account (Điều 7) may open the images they put in articles, never staff files:
    documents, and learning material that is staff-only (a test paper before the exam)."""
    from cms.library.models import LearningMaterial

    paper = LearningMaterial(title="Đề kiểm tra cuối kỳ I Tiếng Anh 3", school_year="2026-2027", grade=3)
    paper.file.save("de-kt-tieng-anh-3.pdf", ContentFile(b"%PDF-1.4 de thi"), save=True)
    pdf = get_document_model().objects.filter(file__endswith=".pdf").first()
    image = get_image_model().objects.first()

    login("hocsinh1a")
    assert client.get("/media/" + paper.file.name).status_code == 403
    assert client.get("/media/" + pdf.file.name).status_code == 403
    assert client.get(pdf.url).status_code in (302, 403)  # Wagtail's document address: not served either
    assert client.get("/media/" + image.file.name).status_code == 200

    login("giaovien1")
    assert client.get("/media/" + paper.file.name).status_code == 200


def test_a_refused_file_explains_itself_in_vietnamese(client, login):
    login("hocsinh1a")
    pdf = get_document_model().objects.filter(file__endswith=".pdf").first()
    response = client.get("/media/" + pdf.file.name)
    assert response.status_code == 403
    assert "Không được phép truy cập" in response.content.decode()
