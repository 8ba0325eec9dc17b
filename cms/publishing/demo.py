"""Demo setup for the publishing app: who may read the build log ("Lịch sử xuất bản")."""

from .permissions import ensure_build_log_permissions


def seed():
    """The build log's readers, as every install sets them (``cms.publishing.permissions``). Idempotent."""
    ensure_build_log_permissions()
