"""Object-level permissions of the structure: a department head manages their own department's members (5.1).

The principal holds the model permissions (``editorial.change_department`` …) and may edit any department.
A head of a department of the current year may view and edit *that* department only, and only its member list:
the form disables name, kind, head, sections and year for them (``admin_forms.DepartmentAdminForm``).
"""

from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Department

HEAD_ACTIONS = {"change", "view"}


def _heads_departments(user):
    if not (user.is_authenticated and user.is_active):
        return Department.objects.none()
    return Department.objects.current().filter(head=user)


class DepartmentPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, plus "change"/"view" of the current-year departments the user heads."""

    def user_has_permission(self, user, action):
        if super().user_has_permission(user, action):
            return True
        return action in HEAD_ACTIONS and _heads_departments(user).exists()

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if super().user_has_permission(user, action):
            return True
        return action in HEAD_ACTIONS and _heads_departments(user).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if any(super(DepartmentPermissionPolicy, self).user_has_permission(user, a) for a in actions):
            return Department.objects.all()
        if HEAD_ACTIONS & set(actions):
            return _heads_departments(user)
        return Department.objects.none()


department_permission_policy = DepartmentPermissionPolicy(Department)
register_permission_policy(Department, department_permission_policy, exact_class=True)
