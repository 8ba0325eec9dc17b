"""The public catalogue on the static site: ``/thu-vien/`` and its two sub-pages.

- ``LibraryIndexPage`` (``/thu-vien/``, top level): introduction and the ways in (classification, subject,
  grade, learning material, search).
- ``LibraryCatalogPage`` (``/thu-vien/sach/``): every record as a route ``<pk>-<slug>/`` with its copies'
  availability as of the build, and browse routes ``phan-loai/<class>/``, ``chu-de/<slug>/``, ``lop/<n>/``.
  It is not a top-level page, so a loan or a catalogue change schedules an *incremental* build of this page
  (and its ancestors) instead of a full one; only files whose bytes changed are written.
- ``LearningMaterialIndexPage`` (``/thu-vien/hoc-lieu/``): public learning material by school year
  (route ``<yyyy-yyyy>/``), grouped by grade and subject. It reads only ``models.public_materials()``:
  staff-only material never reaches a page, JSON, feed, search index or copied file.

Nothing here shows a reader or a loan: availability is a count per copy status.
"""

from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from cms.core import render_cache
from cms.core.pages import VietnamesePageMixin
from cms.core.vietnamese import fold, slugify_vi

from .isbn import isbn_search_forms
from .models import (
    DDC_CLASSES,
    LEARNING_MATERIAL_LABEL,
    BibliographicRecord,
    Copy,
    RecordAuthor,
    public_materials,
)

SEARCH_SHARD = "thu-vien"


def catalogue_records():
    """Records with their authors and copies prefetched (a constant number of queries)."""
    return BibliographicRecord.objects.prefetch_related(
        Prefetch("authors", queryset=RecordAuthor.objects.order_by("sort_order", "pk")),
        Prefetch("copies", queryset=Copy.objects.order_by("accession_number")),
    ).order_by("title", "pk")


def _catalogue():
    """Every record of ``catalogue_records()`` as a list: read once per static build (every browse and
    record page of the build shares it, ``cms.core.render_cache``), at every call otherwise."""
    return render_cache.cached("library.catalogue", lambda: list(catalogue_records()))


def _catalogue_record(pk):
    """The record ``pk`` with its authors and copies, or None: from the build's list while a build renders,
    else one lookup."""
    if render_cache.current("site") is None:
        return catalogue_records().filter(pk=pk).first()
    by_pk = render_cache.cached("library.catalogue_by_pk", lambda: {r.pk: r for r in _catalogue()})
    return by_pk.get(pk)


def _records_by_subject():
    """{subject slug: (label, records)} over the catalogue, label as first written; once per build."""

    def group():
        found = {}
        for record in _catalogue():
            for subject in record.subject_list():
                slug = slugify_vi(subject)
                if slug:
                    entry = found.setdefault(slug, (subject, []))
                    if not entry[1] or entry[1][-1] is not record:
                        entry[1].append(record)
        return found

    return render_cache.cached("library.by_subject", group)


def _class_label(record):
    code = record.main_class()
    if not code:
        return ""
    if record.scheme == "ddc":
        return f"{code}00 – {DDC_CLASSES.get(code, '')}"
    return f"Lớp {code}"


class LibraryIndexPage(VietnamesePageMixin, Page):
    """``/thu-vien/``: the library's public home."""

    intro = models.TextField("Giới thiệu", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["library.LibraryCatalogPage", "library.LearningMaterialIndexPage"]
    max_count = 1
    show_in_menus_default = True  # the public main menu lists "Thư viện"
    template = "library/public/index_page.html"

    class Meta:
        verbose_name = "Thư viện (trang công khai)"
        verbose_name_plural = "Thư viện (trang công khai)"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["catalogue"] = LibraryCatalogPage.objects.live().public().child_of(self).first()
        context["materials_page"] = LearningMaterialIndexPage.objects.live().public().child_of(self).first()
        if context["catalogue"]:
            context.update(context["catalogue"].browse_facets())
        return context


class LibraryCatalogPage(VietnamesePageMixin, RoutablePageMixin, Page):
    """``/thu-vien/sach/``: the catalogue, one route per record and browse routes."""

    intro = models.TextField("Giới thiệu", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["library.LibraryIndexPage"]
    subpage_types = []
    max_count = 1
    template = "library/public/catalog_page.html"

    class Meta:
        verbose_name = "Danh mục sách (trang công khai)"
        verbose_name_plural = "Danh mục sách (trang công khai)"

    def static_media_objects(self):
        """Cover images of the catalogued records (their record pages show them): the builder publishes
        their renditions (``cms.publishing.media``)."""
        records = BibliographicRecord.objects.filter(cover_image__isnull=False).select_related("cover_image")
        return [record.cover_image for record in records]

    def browse_facets(self, records=None):
        """Classes, subjects and grades with their record counts, for the browse links."""
        records = records if records is not None else _catalogue()
        classes, subjects, grades = {}, {}, {}
        for record in records:
            if record.main_class():
                key = record.main_class()
                classes.setdefault(key, [_class_label(record), 0])[1] += 1
            for subject in record.subject_list():
                slug = slugify_vi(subject)
                if slug:
                    subjects.setdefault(slug, [subject, 0])[1] += 1
            if record.reading_grade:
                grades[record.reading_grade] = grades.get(record.reading_grade, 0) + 1
        return {
            "classes": [(k, v[0], v[1]) for k, v in sorted(classes.items())],
            "subjects": sorted(((k, v[0], v[1]) for k, v in subjects.items()), key=lambda s: fold(s[1])),
            "grades": sorted(grades.items()),
        }

    def _listing(self, request, heading, records):
        return self.render(
            request,
            context_overrides={"heading": heading, "records": records},
            template="library/public/record_list.html",
        )

    @path("")
    def catalogue(self, request):
        records = list(_catalogue())
        return self.render(request, context_overrides={"records": records, **self.browse_facets(records)})

    @path("phan-loai/<str:code>/")
    def by_class(self, request, code):
        records = [r for r in _catalogue() if r.main_class() == code]
        if not records:
            raise Http404
        return self._listing(request, f"Phân loại: {_class_label(records[0])}", records)

    @path("chu-de/<slug:slug>/")
    def by_subject(self, request, slug):
        label, records = _records_by_subject().get(slug, ("", []))
        if not records:
            raise Http404
        return self._listing(request, f"Chủ đề: {label}", records)

    @path("lop/<int:grade>/")
    def by_grade(self, request, grade):
        records = [r for r in _catalogue() if r.reading_grade == grade]
        if not records:
            raise Http404
        return self._listing(request, f"Sách dành cho lớp {grade}", records)

    @path("<int:pk>-<slug:slug>/")
    def record(self, request, pk, slug):
        record = _catalogue_record(pk)
        if record is None or record.slug() != slug:
            raise Http404
        available, total = record.availability()
        return self.render(
            request,
            context_overrides={
                "record": record,
                "available": available,
                "total": total,
                "class_label": _class_label(record),
                # Every written form of the ISBN (compact, hyphenated, ISBN-10), so the site search finds the
                # record by the number as typed.
                "isbn_forms": " ".join(isbn_search_forms(record.isbn)),
            },
            template="library/public/record_page.html",
        )

    def static_routes(self):
        """Every record page and every non-empty browse page (see ``cms.publishing.outputs``)."""
        records = _catalogue()
        facets = self.browse_facets(records)
        routes = [r.public_route() for r in records]
        routes += [f"phan-loai/{code}/" for code, _, _ in facets["classes"]]
        routes += [f"chu-de/{slug}/" for slug, _, _ in facets["subjects"]]
        routes += [f"lop/{grade}/" for grade, _ in facets["grades"]]
        return routes

    def search_shard(self):
        """Record pages form their own search shard (``cms.publishing.search``)."""
        return SEARCH_SHARD


class LearningMaterialIndexPage(VietnamesePageMixin, RoutablePageMixin, Page):
    """``/thu-vien/hoc-lieu/``: public learning material by school year, grade and subject."""

    intro = models.TextField("Giới thiệu", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["library.LibraryIndexPage"]
    subpage_types = []
    max_count = 1
    template = "library/public/materials_page.html"

    class Meta:
        verbose_name = "Học liệu (trang công khai)"
        verbose_name_plural = "Học liệu (trang công khai)"

    def static_media_files(self):
        """Storage names of the public material's files (linked from the year pages); staff-only material
        is never among them, so its files never reach the public site."""
        return [name for name in public_materials().values_list("file", flat=True) if name]

    @staticmethod
    def years():
        years = set(public_materials().values_list("school_year", flat=True))
        return sorted(years, reverse=True)

    @path("")
    def overview(self, request):
        return self.render(
            request, context_overrides={"years": [(y, y.replace("–", "-")) for y in self.years()]}
        )

    @path("<str:year>/")
    def year(self, request, year):
        school_year = year.replace("-", "–")
        items = list(
            public_materials().filter(school_year=school_year).order_by("grade", "subject", "title", "pk")
        )
        if not items:
            raise Http404
        groups = {}
        for item in items:
            groups.setdefault(item.grade, {}).setdefault(item.subject or "Chung", []).append(item)
        grouped = [
            (grade, sorted(subjects.items(), key=lambda s: fold(s[0]))) for grade, subjects in groups.items()
        ]
        return self.render(
            request,
            context_overrides={
                "school_year": school_year,
                "grouped": grouped,
                "material_label": LEARNING_MATERIAL_LABEL,
            },
            template="library/public/materials_year.html",
        )

    def static_routes(self):
        return [f"{y.replace('–', '-')}/" for y in self.years()]

    def search_shard(self):
        """Each public material of a year page is a search result of its own (``data-search-item``), in the
        library's shard; staff-only material is never on the page, so never in the index."""
        return SEARCH_SHARD
