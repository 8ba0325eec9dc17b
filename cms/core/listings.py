"""The one query shape of public listings: "live public pages of one model below a page", written so that
SQLite walks the model's date index instead of scanning the page tree and sorting (issue 15, item 2).

Every public listing (news sections and the home page, notices, documents, albums, the work schedule, the
disclosure years) reads its pages through :func:`pages_under` and orders them by the columns of an index of
its own table (``(date, page_ptr)``), so that ``ORDER BY date DESC, pk DESC [LIMIT n]`` is a walk of that
index from the newest end. ``EXPLAIN QUERY PLAN`` of each one is checked in
``cms/core/tests/test_listing_queries.py`` once SQLite has statistics (``ANALYZE``).
"""

from django.db import connections, models, router

from cms.core import render_cache


class NoIndex(models.Func):
    """``+column`` on SQLite: the same value, written so that SQLite does not use an index for a filter on
    it (the documented way to steer its planner, "Disqualifying WHERE clause terms using unary +").

    Other databases get the plain column. PostgreSQL costs the query on its own, and an expression
    there has no statistics: ``(+depth) = 4`` was estimated at 0.5% of the rows, so a section of 1,750
    articles looked like 9 and each listing walked the whole section through the path index instead of
    the date index (5–6 ms per home-page box at 10,000 pages, growing with the section)."""

    template = "(+%(expressions)s)"

    def as_postgresql(self, compiler, connection, **extra_context):
        return compiler.compile(self.get_source_expressions()[0])


def pages_under(model, page, children_only=False):
    """Live public ``model`` pages below ``page`` (its children only, or every descendant), unordered.

    ``model``: a concrete page model (``NoticePage``…); ``page``: any page (its ``path`` and ``depth`` are
    read). Returns a queryset of ``model``; the caller orders it, normally by ``("-<date>", "-pk")`` which
    an index ``(<date>, page_ptr)`` of ``model``'s table answers.

    Why this shape and not Wagtail's ``child_of``/``descendant_of`` (a range on ``path``, patched in
    ``cms.publishing.public``): with the path range the planner reads every page of the subtree through
    the path index and sorts them (a temporary B-tree), so even a 20-item feed costs the whole section.
    The tree filter here is a prefix ``LIKE`` instead, which SQLite cannot answer from the (binary) path
    index, and the depth is compared through :class:`NoIndex`: once SQLite has statistics (``ANALYZE``),
    an indexable depth makes it scan the whole page table and sort (measured at 50,000 pages: 45 ms
    instead of 0.1 ms per listing). What is left is a walk of the model's own date index from the wanted
    end, each row checked against its page by primary key, stopping after a listing's worth of rows.
    Paths only hold ``0-9A-Z``, so the case-insensitive ``LIKE`` selects exactly the subtree.

    An empty table gives an empty queryset without asking the tree (:func:`_has_rows`).
    """
    depth = {"tree_depth": page.depth + 1} if children_only else {"tree_depth__gt": page.depth}
    return _listing(model, page.path, depth)


def pages_beside(model, page):
    """Live public ``model`` pages that are siblings of ``page`` (``page`` included if it is one), unordered:
    :func:`pages_under` its parent, without reading the parent. For "previous/next" links ordered by the
    model's date index (``.filter(date__lt=d).order_by("-date").first()``: one step of that index)."""
    return _listing(model, page.path[: -page.steplen], {"tree_depth": page.depth})


def _listing(model, path, depth):
    if not _has_rows(model):
        return model.objects.none()
    return (
        model.objects.live()
        .public()
        .alias(tree_depth=NoIndex("depth", output_field=models.IntegerField()))
        .filter(path__startswith=path, **depth)
    )


def _has_rows(model):
    """True when ``model``'s own table holds a row (read once per static build, else every time).

    Why: ``ANALYZE`` writes no statistics for an empty table, and SQLite then assumes a large one and
    answers the listing by scanning the whole page table (9 ms at 50,000 pages for an empty "Thư viện ảnh"
    or "Lịch công tác"). Asked of the table alone, not through the page join, for the same reason.
    """

    def compute():
        connection = connections[router.db_for_read(model)]
        quote = connection.ops.quote_name
        table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
        # The first row by primary key (ids are positive): one primary-key lookup, not a table scan.
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {table} WHERE {pk} > 0 LIMIT 1")
            return cursor.fetchone() is not None

    return render_cache.cached(("listings.has_rows", model._meta.label), compute)
