"""Notice validation through the admin add form: Vietnamese messages and nothing saved."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model

from cms.notices.models import NoticeIndexPage, NoticePage

from .helpers import notice_form

pytestmark = pytest.mark.django_db


def _post(client, login, data):
    login("quantri")
    index_page = NoticeIndexPage.objects.get()
    url = reverse("wagtailadmin_pages:add", args=("notices", "noticepage", index_page.pk))
    before = NoticePage.objects.count()
    response = client.post(url, data)
    return response, NoticePage.objects.count() - before


def test_end_before_start_is_refused(client, login):
    data = notice_form(valid_from="2026-12-10 07:00", valid_to="2026-12-01 07:00")
    response, created = _post(client, login, data)
    assert response.status_code == 200 and created == 0
    assert "Thời điểm hết hạn phải sau thời điểm bắt đầu hiển thị." in response.content.decode()


def test_disguised_attachment_is_refused(client, login):
    fake = get_document_model()(title="Thực đơn tuần")
    fake.file.save("thuc-don.xlsx", ContentFile(b"MZ\x90\x00" + b"\x00" * 200), save=False)
    fake.save()
    data = notice_form()
    data.update(
        {
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-document": str(fake.pk),
            "attachments-0-label": "Thực đơn",
            "attachments-0-ORDER": "1",
            "attachments-0-DELETE": "",
            "attachments-0-id": "",
        }
    )
    response, created = _post(client, login, data)
    assert response.status_code == 200 and created == 0
    assert "không phải là tệp .xlsx hợp lệ" in response.content.decode()
