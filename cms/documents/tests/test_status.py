"""The legal status (chưa / còn / hết hiệu lực) is derived from the dates in Vietnam's time zone."""

from datetime import UTC, date, datetime

import pytest

from cms.documents.factories import OfficialDocumentPageFactory
from cms.documents.models import OfficialDocumentPage

pytestmark = pytest.mark.django_db

S = OfficialDocumentPage.Status


def test_status_follows_the_dates():
    doc = OfficialDocumentPageFactory.build(
        issue_date=date(2026, 12, 1), effective_from=date(2027, 1, 1), effective_to=date(2027, 6, 1)
    )
    assert doc.status(date(2026, 12, 15)) == S.NOT_YET
    assert doc.status(date(2027, 1, 1)) == S.IN_FORCE
    assert doc.status(date(2027, 5, 31)) == S.IN_FORCE
    assert doc.status(date(2027, 6, 1)) == S.EXPIRED
    assert doc.status_label(date(2027, 6, 1)) == "Hết hiệu lực"


def test_without_effective_from_the_issue_date_counts():
    doc = OfficialDocumentPageFactory.build(issue_date=date(2026, 12, 1))
    assert doc.status(date(2026, 11, 30)) == S.NOT_YET
    assert doc.status(date(2026, 12, 1)) == S.IN_FORCE
    assert doc.status(date(2099, 1, 1)) == S.IN_FORCE  # no end date: in force for good


def test_status_uses_vietnam_time_not_utc():
    doc = OfficialDocumentPageFactory.build(issue_date=date(2026, 12, 1), effective_from=date(2027, 1, 1))
    # 31/12/2026 18:00 UTC is already 01/01/2027 01:00 in Hà Nội.
    assert doc.status(datetime(2026, 12, 31, 18, 0, tzinfo=UTC)) == S.IN_FORCE
    assert doc.status(datetime(2026, 12, 31, 16, 0, tzinfo=UTC)) == S.NOT_YET


def test_status_is_not_stored():
    field_names = {f.name for f in OfficialDocumentPage._meta.get_fields()}
    assert not {"status", "tinh_trang"} & field_names


def test_periodic_job_rebuilds_when_a_status_changes(django_capture_on_commit_callbacks):
    from cms.documents.jobs import document_status_job
    from cms.documents.models import StatusCheck

    StatusCheck.objects.all().delete()
    doc = OfficialDocumentPageFactory(issue_date=date(2026, 10, 1), effective_to=date(2027, 1, 1))
    day = datetime(2026, 12, 31, 12, 0, tzinfo=UTC)
    with django_capture_on_commit_callbacks() as callbacks:
        assert document_status_job(day) == []  # first run only records the day
        assert document_status_job(day) == []
        # 31/12/2026 17:30 UTC is 01/01/2027 in Hà Nội: the document has just expired.
        assert document_status_job(datetime(2026, 12, 31, 17, 30, tzinfo=UTC)) == [doc]
        assert document_status_job(datetime(2026, 12, 31, 18, 30, tzinfo=UTC)) == []
    assert len(callbacks) == 1


def test_document_dependents_are_the_index_and_related_documents():
    from cms.documents.factories import OfficialDocumentPageFactory, issuer
    from cms.documents.models import DocumentRelation

    circular = OfficialDocumentPageFactory(
        number_symbol="37/2020/TT-BGDĐT",
        doc_type="thong-tu",
        issuer=issuer("BGDĐT"),
        issue_date=date(2020, 10, 5),
    )
    qd = OfficialDocumentPageFactory(
        number_symbol="41/QĐ-THNK", relations=[DocumentRelation(kind="can-cu", target=circular)]
    )
    OfficialDocumentPageFactory(
        number_symbol="41/QC-THNK",
        doc_type="quy-che",
        relations=[DocumentRelation(kind="lien-quan", target=qd)],
    )
    names = {(type(p).__name__, getattr(p, "number_symbol", "")) for p in qd.static_dependents()}
    assert ("DocumentIndexPage", "") in names
    assert ("OfficialDocumentPage", "37/2020/TT-BGDĐT") in names  # listed on its page as related
    assert ("OfficialDocumentPage", "41/QC-THNK") in names


def test_a_full_build_lists_relations_both_ways_and_asks_nothing_for_documents_without(site_dir):
    # A full build answers "no relation" from one query per build; related documents still list each
    # other on their static pages, in both directions.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Site

    from cms.core import render_cache
    from cms.documents.factories import OfficialDocumentPageFactory, issuer
    from cms.documents.models import DocumentRelation
    from cms.publishing.builder import build_site
    from cms.publishing.outputs import load_index
    from cms.publishing.public import public_pages
    from cms.publishing.release import current_dir

    circular = OfficialDocumentPageFactory(
        number_symbol="37/2020/TT-BGDĐT",
        doc_type="thong-tu",
        issuer=issuer("BGDĐT"),
        issue_date=date(2020, 10, 5),
    )
    decision = OfficialDocumentPageFactory(
        number_symbol="41/QĐ-THNK", relations=[DocumentRelation(kind="can-cu", target=circular)]
    )
    alone = OfficialDocumentPageFactory(number_symbol="42/QĐ-THNK")
    build_site(trigger="test: relations")

    def page(doc):
        return (current_dir() / doc.url.strip("/") / "index.html").read_text(encoding="utf-8")

    assert "Căn cứ văn bản" in page(decision) and "37/2020/TT-BGDĐT" in page(decision)
    assert "Được dùng làm căn cứ cho" in page(circular) and "41/QĐ-THNK" in page(circular)
    assert "Căn cứ văn bản" not in page(alone) and "Được dùng làm căn cứ cho" not in page(alone)

    site = Site.objects.get(is_default_site=True)
    with render_cache.active({"page_index": load_index(public_pages(site, specific=False))}):
        assert [label for label, _ in decision.relation_list()] == ["Căn cứ văn bản"]
        with CaptureQueriesContext(connection) as queries:
            assert alone.relation_list() == []
        assert len(queries) == 0
