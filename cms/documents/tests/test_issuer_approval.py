"""An issuer's name is shown on public document pages: an edit goes live only after the principal approves."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from cms.documents.models import Issuer, OfficialDocumentPage
from cms.publishing import release
from cms.publishing.builder import build_pending, build_site

pytestmark = pytest.mark.django_db


def _form(issuer, **changes):
    data = {
        "name": issuer.name,
        "short_name": issuer.short_name,
        "abbreviation": issuer.abbreviation,
        "is_school": "on" if issuer.is_school else "",
        "sort_order": issuer.sort_order,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def test_an_issuer_edit_is_a_draft_until_the_principal_approves(site_dir, client, login):
    document = OfficialDocumentPage.objects.live().select_related("issuer").first()
    issuer = document.issuer
    old_name = issuer.name
    build_site(trigger="test: issuer")
    page_path = release.current_dir() / document.url.strip("/") / "index.html"
    assert old_name in page_path.read_text(encoding="utf-8")

    login("vanthu")
    response = client.post(
        reverse("wagtailsnippets_documents_issuer:edit", args=[issuer.pk]),
        {**_form(issuer, name="Cơ quan đã bị sửa tên"), "action-submit": "Gửi duyệt"},
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    issuer.refresh_from_db()
    assert issuer.name == old_name and issuer.has_unpublished_changes  # the row is still the approved one
    build_pending()
    assert "Cơ quan đã bị sửa tên" not in page_path.read_text(encoding="utf-8")

    state = WorkflowState.objects.get(base_content_type__model="issuer", object_id=str(issuer.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    login("hieutruong")
    client.post(
        reverse(
            "wagtailsnippets_documents_issuer:workflow_action",
            args=[issuer.pk, "approve", state.current_task_state.pk],
        ),
        {"comment": ""},
    )
    issuer.refresh_from_db()
    assert issuer.name == "Cơ quan đã bị sửa tên"
    build_pending()
    page_path = release.current_dir() / document.url.strip("/") / "index.html"
    assert "Cơ quan đã bị sửa tên" in page_path.read_text(encoding="utf-8")


def test_the_principal_needs_no_second_approval(site_dir, client, login):
    issuer = Issuer.objects.get(abbreviation="THNK")
    login("hieutruong")
    response = client.post(
        reverse("wagtailsnippets_documents_issuer:edit", args=[issuer.pk]),
        {**_form(issuer, short_name="THNK mới"), "action-publish": "Xuất bản"},
    )
    assert response.status_code == 302
    issuer.refresh_from_db()
    assert issuer.short_name == "THNK mới" and issuer.live
