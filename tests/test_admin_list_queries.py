"""Issue 15, item 4: admin lists cost the same number of queries whatever the number of rows.

Each list is loaded at two sizes (a few rows, then many more) and the query counts must be equal:
a per-row query (a foreign key read in a column, a permission check per page) would make them differ.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cms.documents.factories import OfficialDocumentPageFactory
from cms.notices.factories import NoticePageFactory
from editorial.factories import StaffProfileFactory

pytestmark = pytest.mark.django_db

MORE = 12


def _queries(client, url):
    client.get(url)  # warm the per-process caches (content types, settings, permissions)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _issuers(count):
    from cms.documents.factories import IssuerFactory

    return [IssuerFactory() for _ in range(count)]


@pytest.mark.parametrize("username", ["quantri", "vanthu"])
def test_documents_list_queries_do_not_grow_with_rows(client, login, username):
    login(username)
    url = reverse("documents_officialdocumentpage_modeladmin_index")
    before = _queries(client, url)
    for i, issuer in enumerate(_issuers(MORE)):
        OfficialDocumentPageFactory(
            issuer=issuer, number_symbol=f"{700 + i}/QĐ-{issuer.abbreviation}", publish=i % 2 == 0
        )
    assert _queries(client, url) == before


def test_notices_list_queries_do_not_grow_with_rows(client, login):
    login("quantri")
    url = reverse("notices_noticepage_modeladmin_index")
    before = _queries(client, url)
    now = timezone.now()
    for i in range(MORE):
        NoticePageFactory(valid_from=now - timedelta(days=i), publish=i % 3 != 0)
    assert _queries(client, url) == before


def test_accounts_list_queries_do_not_grow_with_rows(client, login):
    login("hieutruong")
    url = reverse("editorial_accounts:index")
    before = _queries(client, url)
    for _ in range(MORE):
        StaffProfileFactory()
    assert _queries(client, url) == before
