"""Files of pages that will go public without another approval cannot be replaced in place (issue 11, item 2;
clarification #9): a page approved with a go-live time ahead, and a page whose revision is under review."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from cms.demo.images import make_image
from cms.publishing.forms import REPLACE_REFUSED
from cms.publishing.media import in_public_use

from .helpers import new_article, post_image_edit, section

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% quyet dinh da duyet\n%%EOF\n"
FAKE_PDF = b"%PDF-1.4\n% arbitrary bytes pretending to be the decision\n%%EOF\n"


def _document(title, name):
    document = get_document_model()(title=title, collection=Collection.get_first_root_node())
    document.file.save(name, ContentFile(PDF), save=False)
    document.save()
    return document


def _image(title):
    image = get_image_model()(title=title, collection=Collection.get_first_root_node())
    image.file = ImageFile(BytesIO(make_image(title, "school", 11)), name="anh-cho-duyet.jpg")
    image.save()
    return image


def _replace_document(client, document):
    return client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": document.title,
            "collection": document.collection_id,
            "file": SimpleUploadedFile("quyet-dinh.pdf", FAKE_PDF, content_type="application/pdf"),
            "tags": "",
        },
    )


def test_the_file_of_a_page_approved_for_a_later_go_live_cannot_be_replaced(client, login, site_dir):
    document = _document("Quyết định khen thưởng học kỳ I", "quyet-dinh-khen-thuong.pdf")
    name = document.file.name
    article = new_article("Khen thưởng học sinh học kỳ I", "khen-thuong-hoc-ky-1")
    article.body = [("attachment", {"document": document, "title": "Quyết định"})]
    article.go_live_at = timezone.now() + timedelta(minutes=12)
    revision = article.save_revision()
    assert not in_public_use(document)  # a draft nobody approved holds nothing back
    principal = login("hieutruong")
    revision.publish(user=principal)
    article.refresh_from_db()
    assert not article.live and article.approved_schedule

    login("vanthu")
    response = _replace_document(client, document)
    assert response.status_code == 200
    assert REPLACE_REFUSED in response.content.decode()
    document.refresh_from_db()
    assert document.file.name == name
    # No other path either: a model save that swaps the file is refused.
    document.file.save("khac.pdf", ContentFile(FAKE_PDF), save=False)
    with pytest.raises(ValidationError):
        document.save()


def test_the_photo_of_a_page_under_review_cannot_be_replaced(client, login, site_dir):
    image = _image("Lễ khai giảng năm học mới")
    name = image.file.name
    article = new_article("Lễ khai giảng năm học mới", "le-khai-giang-nam-hoc-moi")
    article.cover_image = None
    article.save()
    article.cover_image = image
    article.cover_alt = "Học sinh dự lễ khai giảng"
    article.save_revision(user=login("giaovien1"))
    workflow = section().get_workflow()
    assert workflow is not None
    workflow.start(article, login("giaovien1"))
    assert in_public_use(image)

    login("hieutruong")
    response = post_image_edit(client, image)
    assert response.status_code == 200
    assert REPLACE_REFUSED in response.content.decode()
    image.refresh_from_db()
    assert image.file.name == name

    # Once the review ends without publishing (the author withdraws it), the photo is free again.
    article.current_workflow_state.cancel(user=login("giaovien1"))
    assert not in_public_use(image)
