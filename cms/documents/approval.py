"""Set-up of documents and notices beyond the role table: the issuers register (Điều 13.3).

Approval itself is the school's moderation: the workflows "Duyệt văn bản" and "Duyệt thông báo" (the
principal's stage) are created and attached by ``editorial.moderation.workflows.setup_workflows``, the same
in tests, the demo and production (``setup_school``), with the same Vietnamese e-mails as articles. Page and
collection permissions of the writers (office, nurse, portal administrator) come from ``editorial.roles``.
Groups are found by role key (``editorial.roles.role_group``), never by display name. Idempotent.
"""

from django.contrib.auth.models import Permission
from django.db import transaction

# Role keys (editorial.roles.ROLES) of the groups that keep the register of issuing bodies.
PRINCIPAL = "hieu_truong"
ISSUER_KEEPERS = (PRINCIPAL, "van_thu", "quan_tri")


@transaction.atomic
def ensure_document_permissions():
    """Give the principal, the office and the portal administrator add/change/view on ``Issuer``.

    Groups not created yet (before ``setup_roles``) are skipped; a later run adds them.
    """
    from editorial.models import RoleGroup

    perms = list(
        Permission.objects.filter(
            content_type__app_label="documents", codename__in=["add_issuer", "change_issuer", "view_issuer"]
        )
    )
    for marker in RoleGroup.objects.filter(key__in=ISSUER_KEEPERS).select_related("group"):
        marker.group.permissions.add(*perms)
        if marker.key == PRINCIPAL:
            # Issuers have drafts (shown on public documents): only the principal publishes a change; the
            # others' edits wait in the workflow "Duyệt cơ quan ban hành" (editorial.moderation.workflows).
            marker.group.permissions.add(
                *Permission.objects.filter(content_type__app_label="documents", codename="publish_issuer")
            )
