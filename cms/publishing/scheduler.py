"""Periodic work, run about once a minute by `manage.py run_scheduler`: Wagtail's scheduled publishing
and expiry, then every job registered with the ``register_periodic_jobs`` hook."""

import logging

from django.apps import apps
from django.utils import timezone
from wagtail import hooks
from wagtail.models import DraftStateMixin, Page, Revision

logger = logging.getLogger(__name__)


def publish_scheduled(now):
    """Unpublish what expired and publish revisions whose go-live time has come (as of ``now``).

    Same logic as Wagtail's ``publish_scheduled`` command, but with an explicit ``now``. Each publish or
    unpublish sends Wagtail's signals, which schedule the incremental static build.
    """
    done = 0
    models = [Page] + [
        m for m in apps.get_models() if issubclass(m, DraftStateMixin) and not issubclass(m, Page)
    ]
    for model in models:
        for obj in list(model.objects.filter(live=True, expire_at__lt=now).order_by("expire_at")):
            obj = obj.specific if isinstance(obj, Page) else obj
            obj.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
            done += 1
    for revision in Revision.objects.filter(approved_go_live_at__lt=now).order_by("approved_go_live_at"):
        revision.publish(log_action="wagtail.publish.scheduled")
        done += 1
    return done


def tick(now=None):
    """One scheduler round; a failing job is logged and does not stop the others. Returns errors."""
    now = now or timezone.now()
    errors = []
    jobs = [publish_scheduled, *hooks.get_hooks("register_periodic_jobs")]
    for job in jobs:
        try:
            job(now)
        except Exception as exc:  # noqa: BLE001 - one broken job must not stop the others
            logger.exception("Periodic job %s failed", getattr(job, "__name__", job))
            errors.append(f"{getattr(job, '__name__', job)}: {exc}")
    return errors
