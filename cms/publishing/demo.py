"""Demo setup for the publishing app: the principal may read the build log ("Lịch sử xuất bản")."""

from django.contrib.auth.models import Group, Permission

BUILD_LOG_GROUPS = ("Hiệu trưởng",)


def seed():
    """Give the principal's group read access to the build log. Idempotent."""
    permission = Permission.objects.get(content_type__app_label="publishing", codename="view_sitebuild")
    for group in Group.objects.filter(name__in=BUILD_LOG_GROUPS):
        group.permissions.add(permission)
