"""Glue to the static publishing engine: which public outputs a library change re-renders.

A library change costs what it changes (decision 0012-library-build-cost):

- a loan, a return or a copy edit: only the record's own page under ``/thu-vien/sach/`` (its availability and
  copies); no listing shows availability;
- a record edit (or a new/deleted record): its page, the catalogue page and the browse pages it appears in
  (classification, subjects, grade) before and after the edit, and the catalogue's listings (``/thu-vien/``);
- learning material: ``/thu-vien/hoc-lieu/`` (a small page).

The builder renders only those routes (``schedule_build(..., routes=...)``), and the search shard of the
record pages is re-indexed only when a record page's bytes changed. Changes made in one transaction (a record
saved with its copies and authors) give one build, after the commit.
"""

from cms.core.vietnamese import slugify_vi
from cms.publishing.builder import PAGE_ITSELF, schedule_build


def _catalogue_pages():
    from .pages import LibraryCatalogPage

    return list(LibraryCatalogPage.objects.live().values_list("pk", flat=True))


def record_routes(record):
    """Sub-paths of the catalogue page that show ``record``: its page and its browse pages."""
    routes = {record.public_route()}
    if record.main_class():
        routes.add(f"phan-loai/{record.main_class()}/")
    routes |= {f"chu-de/{slug}/" for slug in map(slugify_vi, record.subject_list()) if slug}
    if record.reading_grade:
        routes.add(f"lop/{record.reading_grade}/")
    return routes


def schedule_record_build(why, routes):
    """A record changed: re-render ``routes`` (``record_routes`` before and after) and the catalogue page."""
    pages = _catalogue_pages()
    if pages:
        schedule_build(why, pages=pages, routes={PAGE_ITSELF, *routes})


def schedule_availability_build(why, record):
    """A copy of ``record`` changed (loan, return, copy edit): re-render only the record's page."""
    pages = _catalogue_pages()
    if pages:
        schedule_build(why, pages=pages, routes={record.public_route()})


def schedule_catalogue_build(why):
    """Many records changed (an import): the whole catalogue page with every route."""
    pages = _catalogue_pages()
    if pages:
        schedule_build(why, pages=pages)


def schedule_materials_build(why):
    from .pages import LearningMaterialIndexPage

    pages = list(LearningMaterialIndexPage.objects.live().values_list("pk", flat=True))
    if pages:
        schedule_build(why, pages=pages)
