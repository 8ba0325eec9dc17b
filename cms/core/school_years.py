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
    """The recorded ``SchoolYear`` whose dates contain ``day``, or None.

    No fallback to the latest year: a summer day, or a day after the last recorded year, belongs to no
    recorded year (numbering such a week from the previous year gave "Tuần 54" under "2026–2027").
    """
    model = _model()
    if model is None or day is None:
        return None
    return model.objects.filter(start_date__lte=day, end_date__gte=day).order_by("-start_date").first()


def school_years_recorded():
    """True when at least one ``SchoolYear`` is recorded (a new install may have none yet)."""
    model = _model()
    return model is not None and model.objects.exists()


def school_year_name_for(day):
    """ "2026–2027" for a day of that school year; by the calendar (from August) when no recorded year
    contains it, so a June–July day belongs to the year that is ending, an August day to the next one."""
    year = school_year_for(day)
    if year is not None:
        return year.name
    first = day.year if day.month >= 8 else day.year - 1
    return f"{first}–{first + 1}"
