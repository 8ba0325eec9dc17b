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
