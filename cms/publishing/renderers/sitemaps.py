"""``sitemap.xml`` (a sitemap index) and its parts, per sitemaps.org 0.9.

One part per top-level section and month (group ``tin-tuc-su-kien-2026-11``, file
``sitemaps/tin-tuc-su-kien/2026/11.xml``), one for pages with no date (``sitemaps/<section>.xml``, rare) and
one for the other pages (``sitemaps/trang-khac.xml``: home and top-level leaf pages). The parts per section
and year of before (``sitemaps/tin-tuc-su-kien-2026.xml``) render empty, so the builder removes each when one
of its pages is next published (decision record 0015, section 3b). Which part lists a page is
``outputs.sitemap_group``; the queries here select the same pages in SQL, so rendering one part reads that
part's pages only.

The index lists every part with its last modification. A full build computes them all with a handful of
grouped queries (``groups``); an incremental build recomputes only the parts it re-renders (one indexed
query each, ``part_modified``) and copies the other parts' lines from the live release's index
(``previous_index``): only a re-rendered part can change (a page's part is in its dependencies, old and
new, see ``outputs.page_deps``), so the result is the same as the full computation at a cost that does
not grow with the site (issue 15, item 1; decision record 0015, section 3b).
"""

import re
from datetime import datetime
from xml.sax.saxutils import escape, unescape

from django.db.models import Count, Max, Q
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear, Substr
from wagtail.models import Page, get_page_models

from cms.core.vietnamese import VN_TZ, month_bounds, vn_date

from .. import release
from ..outputs import OTHER_SITEMAP, sitemap_group
from ..public import public_pages

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def group_path(group):
    """The file of the part ``group``: ``sitemaps/<section>/<yyyy>/<mm>.xml`` for a month's part, else
    ``sitemaps/<group>.xml``. Folders per section and year because a publish makes a new version of every
    folder on the path to the file it writes, linking each of its entries (decision 0015, section 1): in one
    flat folder that would be every part of the site (about 740 at 50,000 pages), here at most a section's
    years and a year's 12 months."""
    slug, year, month = split_group(group)
    if month is not None:
        return f"sitemaps/{slug}/{year}/{month:02d}.xml"
    return f"sitemaps/{group}.xml"


def path_group(name):
    """The part a file under ``sitemaps/`` belongs to, from its name without the folder and ``.xml``
    (``"tin-tuc-su-kien/2026/11"`` → ``"tin-tuc-su-kien-2026-11"``); None if no part has that file."""
    pieces = name.split("/")
    if len(pieces) == 1:
        return name or None
    if len(pieces) == 3 and len(pieces[1]) == 4 and pieces[1].isdigit() and len(pieces[2]) == 2:
        group = f"{pieces[0]}-{pieces[1]}-{pieces[2]}"
        if pieces[0] and split_group(group)[2] is not None and group_path(group) == f"sitemaps/{name}.xml":
            return group
    return None


def split_group(group):
    """``"tin-tuc-su-kien-2026-11"`` → ``("tin-tuc-su-kien", 2026, 11)``; a part per section and year of
    before the monthly split (``"tin-tuc-su-kien-2026"``) → ``("tin-tuc-su-kien", 2026, None)``; a part with
    no date → ``(group, None, None)``."""
    head, sep, tail = group.rpartition("-")
    if sep and len(tail) == 2 and tail.isdigit() and 1 <= int(tail) <= 12:
        slug, sep2, year = head.rpartition("-")
        if sep2 and len(year) == 4 and year.isdigit():
            return slug, int(year), int(tail)
    if sep and len(tail) == 4 and tail.isdigit():
        return head, int(tail), None
    return group, None, None


def _dated_models():
    """Page models that name the date their sitemap part follows (``sitemap_date_field``)."""
    return [m for m in get_page_models() if getattr(m, "sitemap_date_field", None)]


def _first_published(extract):
    return extract("first_published_at", tzinfo=VN_TZ)


def _in_month(month):
    """Pages whose part is ``month`` (``(year, month)``; None: pages with no date) among pages of models with
    no date field: by the Vietnam month of their first publication."""
    if month is None:
        return Q(first_published_at__isnull=True)
    start, end = (datetime(d.year, d.month, d.day, tzinfo=VN_TZ) for d in month_bounds(*month))
    return Q(first_published_at__gte=start, first_published_at__lt=end)


def _part_ids(month):
    """The ids of the pages of one month's part (``(year, month)``, or None for the part with no date), in
    every section, whatever their model: their own date's month, else the first publication's
    (``outputs.sitemap_month``). A subquery to use as ``pk__in``.

    One ``UNION ALL`` of index lookups, each reading that month's rows only: pages of the few models with no
    date field by their first publication, and each dated model's pages by its date index (a range over
    the month; if the date may be empty, ``IS NULL`` then the first publication). As a compound subquery,
    ``pk IN (…)`` makes SQLite fetch those pages by primary key. Written as an OR of the same lookups in
    the page query, its planner preferred the section's path range once it had statistics: every page of
    the section (8,750 at 50,000 pages) for a part of 73.
    """
    dated = _dated_models()
    undated_types = _content_types(_undated_models(dated))
    branches = [
        Page.objects.order_by().filter(Q(content_type__in=undated_types) & _in_month(month)).values("pk")
    ]
    for model in dated:
        field = model.sitemap_date_field
        rows = model.objects.order_by()
        if model._meta.get_field(field).null:  # none today: a required date needs no second lookup
            branches.append(rows.filter(Q(**{f"{field}__isnull": True}) & _in_month(month)).values("pk"))
        if month is not None:
            start, end = month_bounds(*month)
            branches.append(rows.filter(**{f"{field}__gte": start, f"{field}__lt": end}).values("pk"))
    return branches[0].union(*branches[1:], all=True) if len(branches) > 1 else branches[0]


def _undated_models(dated):
    """Page models with no date field of their own (sections, introduction pages, indexes)."""
    return [m for m in get_page_models() if m not in dated]


def _content_types(models):
    from django.contrib.contenttypes.models import ContentType

    return [ct.pk for ct in ContentType.objects.get_for_models(*models, for_concrete_models=False).values()]


def _top_level(site):
    home = site.root_page
    return list(public_pages(site, specific=False).filter(depth=home.depth + 1))


def _other_pages(site):
    """The pages of the part for other pages (home and top-level leaf pages): a few, chosen in Python."""
    near = public_pages(site, specific=False).filter(depth__lte=site.root_page.depth + 1)
    return [p for p in near if sitemap_group(p, site) == OTHER_SITEMAP]


def _section_part(group, site):
    """The public pages of the section part ``group`` as a queryset, or None if no top-level section
    has its slug, or if ``group`` is a part per section and year of before the monthly split (its pages are
    in the monthly parts now: it renders empty and goes). Indexed: the month's pages by the date indexes
    (``_part_ids``), each then fetched by primary key and checked against the section's path."""
    pages = public_pages(site, specific=False)
    slug, year, month = split_group(group)
    tops = pages.filter(depth=site.root_page.depth + 1)
    if year is not None and month is None:
        # "<slug>-<yyyy>": an old yearly part, unless a section is itself named so (its part with no date).
        slug, year = group, None
    top = tops.filter(slug=slug).first()
    if top is None or sitemap_group(top, site) == OTHER_SITEMAP:
        return None
    # The section as a prefix ``LIKE`` (the section and its descendants, as ``descendant_of(top,
    # inclusive=True)``; paths hold only 0-9A-Z), which SQLite's path index cannot answer: its planner then
    # never prefers reading the whole section by path over the month's pages by primary key.
    month_ids = _part_ids((year, month) if year else None)
    return pages.filter(path__startswith=top.path, pk__in=month_ids)


def _group_pages(group, site):
    if group == OTHER_SITEMAP:
        return _other_pages(site)
    part = _section_part(group, site)
    # Only what a line needs (``get_url`` reads ``url_path``; ``<lastmod>``): about a third of the cost of
    # a full page object for each of a month's pages.
    return [] if part is None else list(part.only("id", "url_path", "last_published_at"))


def _lastmod(value):
    return vn_date(value).isoformat() if value else None  # the Vietnam date, not the UTC one


def _indexed_parts(site, index):
    """{group: pages in tree order} of every public page of ``index`` (``outputs.PageIndex``), by the same
    rule as the queries (``outputs.sitemap_group``): once per full build instead of a few queries per part
    (734 parts at 10,000 pages, 3.7 ms each)."""

    def build():
        parts = {}
        for page in index.pages():
            parts.setdefault(sitemap_group(page, site, index), []).append(page)
        return parts

    return index.memo("sitemap_parts", build)


def render_group(group, site, base_url, index=None):
    """The sitemap of one part, or None if the part has no public page (its old file then goes: this is
    also how a section's whole-section sitemap of before the split, ``sitemaps/<section>.xml``, is
    removed by the first publish in that section).

    ``index``: the full build's ``outputs.PageIndex`` of every public page; the part's pages then come from
    it (the same pages, in the same tree order, as the indexed queries of an incremental build).
    """
    pages = _group_pages(group, site) if index is None else _indexed_parts(site, index).get(group, [])
    if not pages:
        return None
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{NS}">']
    for page in pages:
        loc = escape(base_url + (page.get_url(current_site=site) or "/"))
        lastmod = _lastmod(page.last_published_at)
        modified = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
        lines.append(f"<url><loc>{loc}</loc>{modified}</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode()


def groups(site):
    """Sitemap parts with their last modification: {group: datetime or None}.

    One grouped query for the pages of models without a date field and one per dated model: the
    top-level section is the first ``(depth of home + 1)`` steps of the tree path.
    """
    home = site.root_page
    pages = public_pages(site, specific=False)
    sections, other = {}, [home.pk]
    for top in _top_level(site):
        if sitemap_group(top, site) == OTHER_SITEMAP:
            other.append(top.pk)
        else:
            sections[top.path] = top.slug
    top_path = Substr("path", 1, Page.steplen * (home.depth + 1))
    below = pages.filter(depth__gt=home.depth).order_by()
    dated = _dated_models()
    rows = list(
        below.filter(content_type__in=_content_types(_undated_models(dated)))
        .annotate(top=top_path, year=_first_published(ExtractYear), month=_first_published(ExtractMonth))
        .values("top", "year", "month")
        .annotate(modified=Max("last_published_at"))
    )
    for model in dated:
        field = model.sitemap_date_field
        year = Coalesce(ExtractYear(field), _first_published(ExtractYear))
        month = Coalesce(ExtractMonth(field), _first_published(ExtractMonth))
        rows += list(
            model.objects.filter(pk__in=below.values("pk"))
            .order_by()
            .annotate(top=top_path, year=year, month=month)
            .values("top", "year", "month")
            .annotate(modified=Max("last_published_at"))
        )
    result = {}
    for row in rows:
        slug = sections.get(row["top"])
        if slug is None:
            continue  # under a top-level leaf page (none today) or not public
        group = f"{slug}-{row['year']}-{row['month']:02d}" if row["year"] else slug
        if row["modified"] is not None:
            previous = result.get(group)
            result[group] = row["modified"] if previous is None else max(previous, row["modified"])
        else:
            result.setdefault(group, None)
    result[OTHER_SITEMAP] = pages.filter(pk__in=other).aggregate(m=Max("last_published_at"))["m"]
    return result


def part_modified(group, site):
    """``(has pages, last modification or None)`` of the part ``group``, read from that part's pages only
    (one aggregate over the section's path range and the month's date indexes; never the whole site)."""
    if group == OTHER_SITEMAP:
        pages = _other_pages(site)
        dates = [p.last_published_at for p in pages if p.last_published_at]
        return bool(pages), max(dates, default=None)
    part = _section_part(group, site)
    if part is None:
        return False, None
    found = part.order_by().aggregate(n=Count("pk"), m=Max("last_published_at"))
    return found["n"] > 0, found["m"]


# The index is written by ``render_index`` only, one part per line: read back by this exact shape.
_INDEX_LINE = re.compile(r"<sitemap><loc>([^<>]*)</loc>(?:<lastmod>(\d{4}-\d{2}-\d{2})</lastmod>)?</sitemap>")
# A live index is about 100 bytes per section and month (0.2 MB for 20 sections over 10 years); anything
# far larger is not ours.
_INDEX_MAX_BYTES = 4 * 1024 * 1024


def previous_index(base_url):
    """The parts the live release's ``sitemap.xml`` lists: {group: lastmod ("2026-11-30") or None}, or
    None if there is no live index or it is not exactly what ``render_index`` writes for ``base_url``
    (unreadable, another shape, another address): the caller then computes every part.

    Parsed line by line against the one shape this module writes, never by an XML parser, so a damaged or
    foreign file can only be rejected.
    """
    path = release.current_dir() / "sitemap.xml"
    try:
        with open(path, "rb") as handle:
            data = handle.read(_INDEX_MAX_BYTES + 1)
        lines = data.decode("utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    head = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{NS}">']
    if len(data) > _INDEX_MAX_BYTES or lines[:2] != head or lines[-2:] != ["</sitemapindex>", ""]:
        return None
    prefix = f"{base_url}/sitemaps/"
    parts = {}
    for line in lines[2:-2]:
        match = _INDEX_LINE.fullmatch(line)
        if match is None:
            return None
        loc = unescape(match.group(1))
        if not (loc.startswith(prefix) and loc.endswith(".xml")):
            return None
        group = path_group(loc[len(prefix) : -len(".xml")])
        if group is None:
            return None
        parts[group] = match.group(2)
    return parts


def index_parts(site, base_url, rendered=None):
    """Every part the index lists: {group: lastmod ("2026-11-30", Vietnam date) or None}.

    ``rendered``: the parts this build re-renders (an incremental build), or None (a full build: every
    part is computed, ``groups``). With it, only those parts are computed (``part_modified``: present or
    dropped, new ones added) and the others are the live index's lines (``previous_index``); without a
    usable live index every part is computed. Both ways give the same result.
    """
    previous = None if rendered is None else previous_index(base_url)
    if previous is None:
        return {group: _lastmod(modified) for group, modified in groups(site).items()}
    for group in sorted(rendered):
        present, modified = part_modified(group, site)
        if present:
            previous[group] = _lastmod(modified)
        else:
            previous.pop(group, None)
    return previous


def render_index(site, base_url, rendered=None):
    """The sitemap index listing every part with its last modification date (``index_parts``;
    ``rendered``: the parts this build re-renders, None in a full build)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{NS}">']
    for group, lastmod in sorted(index_parts(site, base_url, rendered).items()):
        loc = escape(f"{base_url}/{group_path(group)}")
        lines.append(
            f"<sitemap><loc>{loc}</loc>" + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "") + "</sitemap>"
        )
    lines.append("</sitemapindex>")
    return ("\n".join(lines) + "\n").encode()
