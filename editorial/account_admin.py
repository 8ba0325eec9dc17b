"""Who administers accounts: the principal, and the portal administrator while the principal delegates it.

Quy chế 39, Điều 3.1 gives the principal accounts and permissions; Điều 13.6 lets the principal hand the
day-to-day administration to the portal administrator (``AccountDelegation``). The delegate gets
``editorial.manage_accounts`` from ``DelegationBackend`` (listed in ``AUTHENTICATION_BACKENDS``), so every
view that checks that permission follows the delegation without a second rule. Changes that would grant
reviewing or publishing rights stay the principal's (``grants_review_rights``).
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.models import GroupPagePermission

from .models import AccountDelegation

MANAGE_ACCOUNTS = "editorial.manage_accounts"
PRINCIPAL_KEY = "hieu_truong"
PORTAL_ADMIN_KEY = "quan_tri"
# Role groups whose holders review (are found as reviewers by the moderation lookups) or publish.
REVIEWING_ROLE_KEYS = frozenset(
    {"hieu_truong", "pho_hieu_truong", "to_truong", "gv_chu_nhiem", "ban_bien_tap"}
)


def is_principal(user):
    """True for an active member of the principal's role group (found by key, never by name)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.groups.filter(school_role__key=PRINCIPAL_KEY).exists()


def active_delegation(user):
    """The account delegation ``user`` holds now (they must still be a portal administrator), or None."""
    if not (user and user.is_authenticated and user.is_active):
        return None
    cache = user.__dict__.setdefault("_account_delegation", {})
    if "value" not in cache:
        cache["value"] = (
            AccountDelegation.objects.filter(delegate=user, revoked_at__isnull=True)
            .filter(delegate__groups__school_role__key=PORTAL_ADMIN_KEY)
            .first()
        )
    return cache["value"]


def account_administrators():
    """Active people who decide on accounts and membership requests: the principal(s) and any delegate."""
    users = get_user_model().objects.filter(is_active=True)
    delegated = AccountDelegation.objects.filter(revoked_at__isnull=True).values("delegate_id")
    return (
        users.filter(
            Q(groups__school_role__key=PRINCIPAL_KEY)
            | Q(pk__in=delegated, groups__school_role__key=PORTAL_ADMIN_KEY)
        )
        .distinct()
        .order_by("pk")
    )


def grants_review_rights(before_keys, after_keys):
    """True if going from role keys ``before_keys`` to ``after_keys`` adds a reviewing or publishing role.

    Publishing: any gained role group holding ``publish_page`` somewhere.
    """
    gained = set(after_keys) - set(before_keys)
    if gained & REVIEWING_ROLE_KEYS:
        return True
    return GroupPagePermission.objects.filter(
        group__school_role__key__in=gained, permission__codename="publish_page"
    ).exists()


class DelegationBackend:
    """Authentication backend that authenticates nobody and grants one permission: account administration
    to the portal administrator holding an active ``AccountDelegation``."""

    def authenticate(self, request, **credentials):
        return None

    def get_user(self, user_id):
        return None

    def has_perm(self, user_obj, perm, obj=None):
        return perm == MANAGE_ACCOUNTS and active_delegation(user_obj) is not None

    def has_module_perms(self, user_obj, app_label):
        return app_label == "editorial" and active_delegation(user_obj) is not None
