"""The public JSON list of documents (du-lieu/van-ban.json) for client-side search and other systems."""

import json

from cms.core.vietnamese import format_date_short

from .models import DocumentIndexPage

JSON_PATH = "du-lieu/van-ban.json"


def document_record(doc, site):
    """One document as a plain dict (Vietnamese keys mirror the metadata table)."""
    return {
        "id": doc.pk,
        "url": doc.get_url(current_site=site),
        "so_ky_hieu": doc.number_symbol,
        "tieu_de": doc.title,
        "loai": doc.doc_type,
        "ten_loai": doc.type_name,
        "co_quan": doc.issuer.abbreviation,
        "ten_co_quan": str(doc.issuer),
        "cua_truong": doc.is_issued_by_school,
        "ngay_ban_hanh": doc.issue_date.isoformat(),
        "ngay_ban_hanh_hien_thi": format_date_short(doc.issue_date),
        "nam": doc.issue_date.year,
        "linh_vuc": doc.field,
        "ten_linh_vuc": doc.get_field_display(),
        "trich_yeu": doc.summary,
        "nguoi_ky": doc.signer_name,
        "chuc_vu_nguoi_ky": doc.signer_position,
        "hieu_luc_tu": doc.effective_from.isoformat() if doc.effective_from else None,
        "hieu_luc_den": doc.effective_to.isoformat() if doc.effective_to else None,
        "tinh_trang": doc.status_label(),
        "tep": [{"ten": f.label or f.document.title, "url": f.document.file.url} for f in doc.public_files()],
        "tim_kiem": doc.search_folded,
    }


def documents_json(site):
    """Bytes of du-lieu/van-ban.json: every public document of ``site``, newest first."""
    index_page = DocumentIndexPage.objects.live().public().descendant_of(site.root_page).first()
    records = []
    if index_page is not None:
        # Files loaded with the documents: a constant number of queries at any size (issue 15).
        documents = index_page.documents().prefetch_related("files__document")
        records = [document_record(doc, site) for doc in documents]
    payload = {"van_ban": records}
    return json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def static_files(site):
    """Files for the ``register_static_files`` hook."""
    return {JSON_PATH: documents_json(site)}
