"""The periodic job that takes expired notices off the home page with no manual step."""

import inspect
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import ExpiryCheck, NoticePage

JOB_NAME = "notices-validity"
# On the very first run there is no previous check: look back this far.
FIRST_LOOKBACK = timedelta(days=1)


def _schedule(trigger, pages):
    from cms.publishing.builder import schedule_build

    # The engine's `pages=` argument (contract) may not be on main yet: fall back to a full build.
    if "pages" in inspect.signature(schedule_build).parameters:
        schedule_build(trigger, pages=pages)
    else:
        schedule_build(trigger)


@transaction.atomic
def notices_validity_job(now=None):
    """Rebuild the site when a live notice expired (or became valid) since the last check.

    Returns the notices that changed.

    Called about once a minute by the publishing scheduler through the ``register_periodic_jobs`` hook.
    """
    now = now or timezone.now()
    check = ExpiryCheck.objects.select_for_update().filter(job=JOB_NAME).first()
    since = check.checked_at if check else now - FIRST_LOOKBACK
    if since >= now:
        return []
    changed = list(
        NoticePage.objects.live()
        .public()
        .filter(Q(valid_to__gt=since, valid_to__lte=now) | Q(valid_from__gt=since, valid_from__lte=now))
        .order_by("pk")
    )
    ExpiryCheck.objects.update_or_create(job=JOB_NAME, defaults={"checked_at": now})
    if changed:
        pages = [changed_page for notice in changed for changed_page in [notice, *notice.static_dependents()]]
        titles = ", ".join(n.title for n in changed[:3])
        _schedule(f"Thông báo hết hạn / bắt đầu hiển thị: {titles}"[:200], pages)
    return changed
