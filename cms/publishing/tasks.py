"""Background builds (django-tasks): immediate in dev and tests, the database worker in production."""

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def build_pending_changes():
    """Build once for every pending change. Extra queued runs find nothing left and return at once."""
    from .builder import build_pending

    try:
        result = build_pending()
    except Exception:
        # Recorded in SiteBuild (shown in the admin); the previous release stays live.
        logger.exception("Static build failed")
        return {"status": "failed"}
    if result is None:
        return {"status": "nothing-to-do"}
    return {"status": "ok", "release": result.release_id, "written": len(result.written)}
