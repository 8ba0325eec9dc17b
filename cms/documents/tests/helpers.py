"""Helpers for driving the Wagtail admin's add form for documents."""

import html

from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cms.documents.models import DocumentIndexPage, Issuer


def document_form(**overrides):
    """POST data of the admin add form for a valid school decision; override any field."""
    files = overrides.pop("files", [])
    relations = overrides.pop("relations", [])
    data = {
        "title": "Quyết định thành lập Tổ kiểm tra nội bộ năm học 2026-2027",
        "slug": "quyet-dinh-thanh-lap-to-kiem-tra-noi-bo",
        "number_symbol": "58/QĐ-THNK",
        "doc_type": "quyet-dinh",
        "issue_date": "2026-11-20",
        "issuer": Issuer.objects.get(abbreviation="THNK").pk,
        "signer_name": "Phạm Văn Tuấn",
        "signer_position": "Hiệu trưởng",
        "summary": "Về việc thành lập Tổ kiểm tra nội bộ trường học năm học 2026-2027.",
        "field": "to-chuc-can-bo",
        "effective_from": "2026-11-20",
        "effective_to": "",
        "files": inline_formset(files),
        "relations": inline_formset(relations),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url():
    """Admin URL that adds a document under the "Văn bản" page."""
    index_page = DocumentIndexPage.objects.get()
    return reverse("wagtailadmin_pages:add", args=("documents", "officialdocumentpage", index_page.pk))


def text(response):
    """The response body as text with HTML entities decoded (GD&amp;ĐT → GD&ĐT)."""
    return html.unescape(response.content.decode())
