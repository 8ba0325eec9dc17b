"""Glue to the static publishing engine: which public page a library change re-renders.

Catalogue and loan changes re-render ``/thu-vien/sach/`` (record pages, browse pages) and its ancestors;
learning-material changes re-render ``/thu-vien/hoc-lieu/``. Both are below the top level, so the build stays
incremental; only files whose bytes changed are written (usually the one record page).
"""

from cms.publishing.builder import schedule_build


def schedule_catalogue_build(why):
    from .pages import LibraryCatalogPage

    pages = list(LibraryCatalogPage.objects.live().values_list("pk", flat=True))
    if pages:
        schedule_build(why, pages=pages)


def schedule_materials_build(why):
    from .pages import LearningMaterialIndexPage

    pages = list(LearningMaterialIndexPage.objects.live().values_list("pk", flat=True))
    if pages:
        schedule_build(why, pages=pages)
