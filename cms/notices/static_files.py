"""The public JSON list of notices (du-lieu/thong-bao.json), current and archived."""

import json

from django.utils import timezone

from .models import NoticeIndexPage


def _iso(value):
    return timezone.localtime(value).isoformat() if value else None


def notices_json(site):
    """Bytes of du-lieu/thong-bao.json: every public notice of ``site``, newest first."""
    index_page = NoticeIndexPage.objects.live().public().descendant_of(site.root_page).first()
    records = []
    if index_page is not None:
        # Attachments loaded with the notices: a constant number of queries at any size (issue 15).
        for notice in index_page.notices().prefetch_related("attachments__document"):
            records.append(
                {
                    "id": notice.pk,
                    "url": notice.get_url(current_site=site),
                    "tieu_de": notice.title,
                    "ngay": notice.notice_date.isoformat(),
                    "doi_tuong": notice.audience,
                    "ten_doi_tuong": notice.get_audience_display(),
                    "muc_do": notice.priority,
                    "ghim": notice.pinned,
                    "hien_thi_tu": _iso(notice.valid_from),
                    "het_han_luc": _iso(notice.valid_to),
                    "tom_tat": notice.summary,
                    "tep": [
                        {"ten": a.label or a.document.title, "url": a.document.file.url}
                        for a in notice.public_attachments()
                    ],
                }
            )
    return json.dumps({"thong_bao": records}, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def static_files(site):
    """Files for the ``register_static_files`` hook."""
    return {"du-lieu/thong-bao.json": notices_json(site)}
