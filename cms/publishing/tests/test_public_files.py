"""A file the public site uses cannot be replaced in place: the public site changes only after approval."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from cms.documents.models import DocumentFile
from cms.news.models import ArticlePage
from cms.publishing import release
from cms.publishing.builder import build_site
from cms.publishing.forms import REPLACE_REFUSED

from .helpers import post_image_edit

pytestmark = pytest.mark.django_db

FAKE_PDF = b"%PDF-1.4\n% arbitrary bytes pretending to be the decision\n%%EOF\n"


def _published_document():
    attachment = DocumentFile.objects.filter(page__live=True).select_related("document").first()
    assert attachment is not None
    return attachment.document


def test_replacing_the_file_of_a_published_document_is_refused(built_site, client, login):
    document = _published_document()
    public_path = release.current_dir() / "media" / document.file.name
    approved = hashlib.sha256(public_path.read_bytes()).hexdigest()
    name = document.file.name

    login("vanthu")
    response = client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": document.title,
            "collection": document.collection_id,
            "file": SimpleUploadedFile("quyet-dinh.pdf", FAKE_PDF, content_type="application/pdf"),
            "tags": "",
        },
    )
    assert response.status_code == 200
    assert REPLACE_REFUSED in response.content.decode()
    document.refresh_from_db()
    assert document.file.name == name

    build_site(trigger="test: after a refused replacement")
    public_path = release.current_dir() / "media" / document.file.name
    assert hashlib.sha256(public_path.read_bytes()).hexdigest() == approved

    # No other path either: a save that swaps the file is refused on the server.
    document.file.save("khac.pdf", ContentFile(FAKE_PDF), save=False)
    with pytest.raises(ValidationError):
        document.save()


def test_a_document_nobody_publishes_can_still_be_replaced(client, login, site_dir):
    Document = get_document_model()
    draft = Document(title="Bản nháp", collection=Collection.get_first_root_node())
    draft.file.save("ban-nhap.pdf", ContentFile(FAKE_PDF), save=False)
    draft.save()
    login("vanthu")
    response = client.post(
        reverse("wagtaildocs:edit", args=[draft.pk]),
        {
            "title": "Bản nháp",
            "collection": draft.collection_id,
            "file": SimpleUploadedFile("ban-nhap-2.pdf", FAKE_PDF, content_type="application/pdf"),
            "tags": "",
        },
    )
    assert response.status_code == 302


def test_replacing_a_published_photo_is_refused(built_site, client, login):
    article = ArticlePage.objects.live().exclude(cover_image=None).first()
    image = get_image_model().objects.get(pk=article.cover_image_id)
    name = image.file.name
    login("hieutruong")
    response = post_image_edit(client, image)
    assert response.status_code == 200
    assert REPLACE_REFUSED in response.content.decode()
    image.refresh_from_db()
    assert image.file.name == name


def test_moving_the_focal_point_of_a_published_photo_is_refused(built_site, client, login):
    """The focal point decides the cropped renditions on the public site: held like the file itself."""
    from django.core.exceptions import ValidationError

    from cms.publishing.forms import FOCAL_REFUSED

    article = ArticlePage.objects.live().exclude(cover_image=None).first()
    image = get_image_model().objects.get(pk=article.cover_image_id)
    login("hieutruong")
    response = post_image_edit(
        client,
        image,
        new_file=False,
        focal_point_x="5",
        focal_point_y="5",
        focal_point_width="4",
        focal_point_height="4",
    )
    assert response.status_code == 200
    assert FOCAL_REFUSED in response.content.decode()
    image.refresh_from_db()
    assert image.focal_point_x is None
    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = 5, 5, 4, 4
    with pytest.raises(ValidationError):
        image.save()
