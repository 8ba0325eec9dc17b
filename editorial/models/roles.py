"""Which Wagtail groups are school roles managed from the structure (and so may be added or removed)."""

from django.contrib.auth.models import Group
from django.db import models


class RoleGroup(models.Model):
    """Marks a Wagtail group as a school role with a stable key (``hieu_truong``, ``writer:goc-hoc-sinh``).

    Group names are for people and may be renamed; code finds roles by key. Groups without a RoleGroup
    are never touched by the role sync.
    """

    key = models.CharField(max_length=100, unique=True)
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="school_role")

    class Meta:
        verbose_name = "Vai trò"
        verbose_name_plural = "Vai trò"

    def __str__(self):
        return f"{self.key}: {self.group.name}"
