"""Template filters for Vietnamese dates: ``{% load vi_format %}{{ page.date|vi_date_long }}``."""

from django import template

from cms.core import vietnamese

register = template.Library()


def _safe(func, value):
    # Like Django's built-in |date: a missing or wrong-typed value renders as "" instead of
    # taking the whole page down with a 500.
    if value in (None, ""):
        return ""
    try:
        return func(value)
    except TypeError:
        return ""


@register.filter
def vi_date_long(value):
    """Render a date as "ngày 24 tháng 9 năm 2023"."""
    return _safe(vietnamese.format_date_long, value)


@register.filter
def vi_date_short(value):
    """Render a date as "24/09/2023"."""
    return _safe(vietnamese.format_date_short, value)


@register.filter
def vi_weekday_date(value):
    """Render a date as "Chủ Nhật, 24/9/2023"."""
    return _safe(vietnamese.format_weekday_date, value)


@register.filter
def vi_fold(value):
    """Fold text for search ("Bóng đá" -> "bong da"): used for the hidden copy the static search indexes."""
    return vietnamese.fold(value or "")


@register.simple_tag
def search_fold_iy():
    """The i/y rule of :func:`cms.core.vietnamese.search_fold` as a JavaScript regex source, for scripts that
    fold like the search (``data-fold-iy``), so kỹ/kĩ agree in the browser and on the server."""
    return vietnamese.SEARCH_IY_PATTERN


@register.filter
def vi_month_year(value):
    """Render a (year, month) pair as "Tháng 9/2023"."""
    try:
        year, month = value
        return vietnamese.format_month_year(int(year), int(month))
    except (TypeError, ValueError):
        return ""
