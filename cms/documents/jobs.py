"""The periodic job that re-renders documents when their status (chưa / còn / hết hiệu lực) changes."""

from django.db import transaction
from django.db.models import Q

from cms.core.vietnamese import today_vn

from .models import OfficialDocumentPage, StatusCheck


def _schedule(trigger, pages):
    from cms.publishing.builder import schedule_build

    schedule_build(trigger, pages=pages)


@transaction.atomic
def document_status_job(now=None):
    """Rebuild documents that came into or went out of force since the last check; returns them.

    The status is derived from dates, so the static pages go stale at midnight (Vietnam time) of an
    effective date; this job, called by the scheduler about once a minute, does real work once a day.
    """
    today = today_vn(now)
    check = StatusCheck.objects.select_for_update().first()
    if check is None:
        StatusCheck.objects.create(checked_on=today)
        return []
    if check.checked_on >= today:
        return []
    since = check.checked_on
    changed = list(
        OfficialDocumentPage.objects.live()
        .public()
        .filter(
            Q(effective_from__gt=since, effective_from__lte=today)
            | Q(effective_to__gt=since, effective_to__lte=today)
            | Q(effective_from__isnull=True, issue_date__gt=since, issue_date__lte=today)
        )
        .order_by("pk")
    )
    check.checked_on = today
    check.save(update_fields=["checked_on"])
    if changed:
        pages = [p for doc in changed for p in [doc, *doc.static_dependents()]]
        _schedule(f"Văn bản đổi hiệu lực: {', '.join(d.number_symbol for d in changed[:5])}"[:200], pages)
    return changed
