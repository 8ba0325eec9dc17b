"""The demo data: the regulation, the circulars it cites, công văn, notices; seeding twice changes nothing."""

from datetime import UTC, datetime

import pytest
from wagtail.models import Workflow, WorkflowPage

from cms.demo.seed import seed_demo
from cms.documents.models import Issuer, OfficialDocumentPage
from cms.notices.models import NoticePage

# About the demo itself: the module gets the demo school (conftest.py::demo_school).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_school")]


def _counts():
    return (
        OfficialDocumentPage.objects.count(),
        NoticePage.objects.count(),
        Issuer.objects.count(),
        Workflow.objects.count(),
        WorkflowPage.objects.count(),
    )


def test_regulation_and_cited_circulars_are_seeded():
    qd = OfficialDocumentPage.objects.get(number_symbol="39/QĐ-THNK")
    qc = OfficialDocumentPage.objects.get(number_symbol="39/QC-THNK")
    for doc in (qd, qc):
        assert doc.live and doc.issue_date.isoformat() == "2023-09-24"
        assert (doc.signer_name, doc.signer_position) == ("Phạm Văn Tuấn", "Hiệu trưởng")
        assert doc.files.get().document.file.read(5) == b"%PDF-"
    cited = {rel.target.number_symbol for rel in qd.relations.all()}
    assert cited == {"37/2020/TT-BGDĐT", "28/2020/TT-BGDĐT"}
    assert OfficialDocumentPage.objects.filter(doc_type="cong-van", issuer__abbreviation="PGDĐT").count() >= 2
    assert NoticePage.objects.filter(valid_to__lt=datetime(2026, 10, 1, tzinfo=UTC)).exists()  # some expired


def test_seeding_twice_changes_nothing():
    before = _counts()
    seed_demo()
    assert _counts() == before
