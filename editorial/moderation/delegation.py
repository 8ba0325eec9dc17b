"""Delegation of the principal's final approval to a vice principal for a date range (Điều 4.5, 4.12).

So nothing waits while the principal is away and nobody shares a password (Điều 2). A ``Delegation`` row is
created by the principal in the admin ("Uỷ quyền duyệt"; Wagtail logs its creation and changes); while it
is active (Vietnam dates, both ends included) the vice principal may act on the principal's stages, which
then appear in their "Chờ tôi duyệt" queue marked as delegated. Self-approval stays refused.
"""

from django.utils import timezone

from .reviewers import PRINCIPAL_KEY

__all__ = ["PRINCIPAL_KEY", "active_delegation", "is_principal_task"]


def active_delegation(user, day=None):
    """The delegation ``user`` holds today (Vietnam date), or ``None``."""
    from .models import Delegation

    if not (user and user.is_authenticated):
        return None
    day = day or timezone.localdate()
    cache = user.__dict__.setdefault("_moderation_delegations", {})
    if day not in cache:
        cache[day] = (
            Delegation.objects.filter(delegate=user, start_date__lte=day, end_date__gte=day)
            .order_by("-end_date")
            .first()
        )
    return cache[day]


def is_principal_task(task):
    """Whether ``task`` is a board stage of the principal's group (the stage a delegate may act on)."""
    return task.groups.filter(school_role__key=PRINCIPAL_KEY).exists()
