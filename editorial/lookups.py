"""Questions about a person asked across the back office (is this account a pupil's?).

Who reviews an author's work has one owner: ``editorial.moderation.reviewers``.
"""

from .models import ClassMembership, Position, SchoolYear


def is_pupil(user):
    """True for a pupil's account: position "Học sinh", or a pupil of a class this school year (Điều 7).

    The one answer for the back office (pupils' editor rules, class images, bylines, media access).
    ``cms.security.passwords`` keeps its own position check: ``editorial`` imports it, so it cannot import
    this (no cycle between apps).
    """
    profile = getattr(user, "staff_profile", None)
    if profile is not None and profile.position == Position.STUDENT:
        return True
    year = SchoolYear.objects.current()
    return year is not None and ClassMembership.objects.filter(user=user, school_year=year).exists()
