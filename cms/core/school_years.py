"""The school year as the public site sees it, read from ``editorial``'s ``SchoolYear`` (its one owner).

Read through the app registry, so content apps (công khai, work schedule, albums) do not import the school
structure and still work (returning None) before it is migrated.
"""

from django.apps import apps


def _model():
    try:
        return apps.get_model("editorial", "SchoolYear")
    except LookupError:
        return None


def current_school_year():
    """The current ``SchoolYear`` (``name``, ``start_date``, ``end_date``) or None."""
    model = _model()
    return model.objects.filter(is_current=True).first() if model else None


def school_year_for(day):
    """The ``SchoolYear`` whose dates contain ``day``, else the latest one starting before it, or None."""
    model = _model()
    if model is None or day is None:
        return None
    year = model.objects.filter(start_date__lte=day, end_date__gte=day).order_by("-start_date").first()
    return year or model.objects.filter(start_date__lte=day).order_by("-start_date").first()


def school_year_name_for(day):
    """ "2026–2027" for a day of that school year; by the calendar (from August) when none is recorded."""
    year = school_year_for(day)
    if year is not None:
        return year.name
    first = day.year if day.month >= 8 else day.year - 1
    return f"{first}–{first + 1}"
