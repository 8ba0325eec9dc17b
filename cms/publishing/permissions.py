"""Who may read the build log ("Lịch sử xuất bản"): the principal and the portal administrator.

Part of every install (``editorial.services.setup_school``), not only of the demo: a real school's principal
must see a failed build. Groups are found by their role key (``editorial.models.RoleGroup``).
"""

from django.contrib.auth.models import Permission

BUILD_LOG_ROLES = ("hieu_truong", "quan_tri")


def ensure_build_log_permissions():
    """Give the build-log readers ``publishing.view_sitebuild``; groups not created yet are skipped."""
    from editorial.models import RoleGroup

    permission = Permission.objects.get(content_type__app_label="publishing", codename="view_sitebuild")
    for marker in RoleGroup.objects.filter(key__in=BUILD_LOG_ROLES).select_related("group"):
        marker.group.permissions.add(permission)
