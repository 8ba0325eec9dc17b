"""A library change costs what it changes: counted builds, rendered outputs, written files and queries.

- saving a record with an author and a new copy in the admin gives ONE build, after the commit, and no
  build runs inside a database transaction (a long build must not hold SQLite's write lock);
- a loan and a return render only the record's own page (plus the few files every build renders), with the
  same number of queries whatever the size of the catalogue;
- a record edit renders its page, the catalogue page and its browse pages, not the other records' pages.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.library.factories import ReaderFactory, RecordFactory
from cms.library.loans import check_out, return_copy
from cms.library.models import BibliographicRecord
from cms.library.pages import LibraryCatalogPage
from cms.publishing import builder
from cms.publishing.builder import build_pending, build_site
from cms.publishing.manifest import is_manifest_path
from cms.publishing.models import SiteBuild
from cms.publishing.outputs import ALWAYS_SPECS

pytestmark = pytest.mark.django_db


@pytest.fixture
def rendered(monkeypatch):
    """The sources each build renders, with whether a database transaction was open at the time."""
    calls = []
    real = builder.render_source

    def counting(source, ctx):
        calls.append((source, connection.in_atomic_block))
        return real(source, ctx)

    monkeypatch.setattr(builder, "render_source", counting)
    return calls


def _catalogue():
    return LibraryCatalogPage.objects.live().get()


def _library_sources(calls):
    """Rendered sources of the library's catalogue page (its HTML and its routes)."""
    pk = _catalogue().pk
    return {s for s, _ in calls if s == f"page:{pk}" or s.startswith(f"route:{pk}:")}


def _settle(django_capture_on_commit_callbacks, make):
    """Run ``make()`` and the build its commit triggers."""
    with django_capture_on_commit_callbacks(execute=True):
        make()


def test_a_loan_and_a_return_render_only_the_record_page_with_constant_queries(
    site_dir, rendered, django_capture_on_commit_callbacks
):
    RecordFactory.create_batch(3)
    record = RecordFactory(title="Dế Mèn phiêu lưu ký", copies=1)
    build_site(trigger="test")
    route = f"route:{_catalogue().pk}:{record.public_route()}"

    def lend_and_count():
        rendered.clear()
        with django_capture_on_commit_callbacks(execute=False):
            check_out(record.copies.get().accession_number, ReaderFactory())
        with CaptureQueriesContext(connection) as queries:
            result = build_pending()
        assert _library_sources(rendered) == {route}
        assert {s for s, _ in rendered} == set(ALWAYS_SPECS) | {route}
        written = [p for p in result.written if p.startswith("thu-vien/") and not is_manifest_path(p)]
        assert written == [f"thu-vien/sach/{record.public_route()}index.html"]
        rendered.clear()
        with django_capture_on_commit_callbacks(execute=False):
            return_copy(record.copies.get().accession_number)
        result = build_pending()
        assert {s for s, _ in rendered} == set(ALWAYS_SPECS) | {route}
        assert [p for p in result.written if p.startswith("thu-vien/") and not is_manifest_path(p)] == written
        return len(queries.captured_queries)

    lend_and_count()  # warm-up: per-process caches (content types, site roots), whatever ran before
    small = lend_and_count()
    # Ten more records (each change built at once, incrementally), then the same loan: same query count.
    for _ in range(10):
        _settle(django_capture_on_commit_callbacks, RecordFactory)
    assert lend_and_count() == small


def test_a_record_edit_renders_its_page_and_browse_pages_only(
    site_dir, rendered, django_capture_on_commit_callbacks
):
    other = RecordFactory(title="Sách khác trong danh mục", subjects="Khoa học", reading_grade=5)
    record = RecordFactory(title="Tôi thấy hoa vàng", subjects="Truyện thiếu nhi", reading_grade=3)
    build_site(trigger="test")
    old_route = record.public_route()
    rendered.clear()
    record.title = "Tôi thấy hoa vàng trên cỏ xanh"
    record.subjects = "Truyện dài"
    builds = SiteBuild.objects.count()
    _settle(django_capture_on_commit_callbacks, record.save)
    assert SiteBuild.objects.count() == builds + 1
    pk = _catalogue().pk
    sources = _library_sources(rendered)
    assert f"page:{pk}" in sources
    assert {
        f"route:{pk}:{old_route}",  # the old address goes
        f"route:{pk}:{record.public_route()}",
        f"route:{pk}:chu-de/truyen-thieu-nhi/",  # the record leaves this browse page
        f"route:{pk}:chu-de/truyen-dai/",
    } <= sources
    assert f"route:{pk}:{other.public_route()}" not in sources
    assert f"route:{pk}:chu-de/khoa-hoc/" not in sources and f"route:{pk}:lop/5/" not in sources
    build = SiteBuild.objects.order_by("-pk").first()
    assert build.status == SiteBuild.Status.SUCCESS and not build.full


@pytest.mark.django_db(transaction=True)
def test_saving_a_record_with_an_author_and_a_copy_in_the_admin_runs_one_build_outside_a_transaction(
    client, login, site_dir, rendered
):
    """Autocommit as in `make run`: the record, its author and its copy commit together, then one build runs
    (inside the request in development), and no transaction is open while it renders."""
    from cms.library.tests.test_admin import _record_form

    RecordFactory(title="Sách có sẵn trong danh mục")
    build_site(trigger="test")
    login("thuthu")
    builds = SiteBuild.objects.count()
    rendered.clear()
    response = client.post(reverse("library_bibliographicrecord_modeladmin_create"), _record_form(["KT-001"]))
    assert response.status_code == 302
    record = BibliographicRecord.objects.get(title="Sách kiểm tra số ĐKCB")
    assert SiteBuild.objects.count() == builds + 1  # one build for the record, its author and its copy
    build = SiteBuild.objects.order_by("-pk").first()
    assert build.status == SiteBuild.Status.SUCCESS and not build.full
    assert rendered and not any(in_transaction for _, in_transaction in rendered)
    assert f"route:{_catalogue().pk}:{record.public_route()}" in _library_sources(rendered)
    # A loan from the circulation functions: one more build, outside a transaction too.
    rendered.clear()
    check_out("KT-001", ReaderFactory())
    assert SiteBuild.objects.count() == builds + 2
    assert rendered and not any(in_transaction for _, in_transaction in rendered)
