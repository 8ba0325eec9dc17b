"""Periodic work, run about once a minute: Wagtail's scheduled publishing and expiry, then every job
registered with the ``register_periodic_jobs`` hook (notice expiry, document status…).

Development: ``manage.py run_scheduler`` (a loop, started by ``make run``). Production: one round per minute,
``manage.py run_scheduler --once`` from the systemd timer ``deploy/systemd/portal-jobs@.timer``.
"""

import logging

from django.core.management import call_command
from django.utils import timezone
from wagtail import hooks

logger = logging.getLogger(__name__)


def publish_scheduled(now):
    """Wagtail's own ``publish_scheduled`` command: expire what is past ``expire_at`` and publish approved
    revisions whose go-live time has come (pages and snippets). No copy of its logic here.

    Wagtail compares with the clock (``timezone.now()``); ``now`` is only the job signature. Each publish or
    unpublish sends Wagtail's signals, which schedule the incremental static build.
    """
    call_command("publish_scheduled", verbosity=0)


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
