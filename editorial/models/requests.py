"""Requests of department heads and the principal's delegation of account administration (clarification #11).

A department head never changes roles directly: adding or removing a member of their department becomes a
``MembershipRequest`` that the principal (or the portal administrator holding an ``AccountDelegation``)
approves or refuses (Quy chế 39, Điều 3.1: the principal sets up accounts and permissions; Điều 13.6: the
administrator keeps the portal secure and may be given account administration).
"""

from django.conf import settings
from django.db import models


class MembershipRequest(models.Model):
    """A head's proposal to add a person to, or remove one from, their department (the principal decides)."""

    class Action(models.TextChoices):
        ADD = "them", "Thêm vào tổ"
        REMOVE = "bot", "Đưa ra khỏi tổ"

    class Status(models.TextChoices):
        PENDING = "cho_duyet", "Chờ duyệt"
        APPROVED = "da_duyet", "Đã duyệt"
        REFUSED = "tu_choi", "Từ chối"

    department = models.ForeignKey(
        "editorial.Department",
        verbose_name="Tổ",
        on_delete=models.CASCADE,
        related_name="membership_requests",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="Người", on_delete=models.CASCADE, related_name="+"
    )
    action = models.CharField("Đề nghị", max_length=10, choices=Action.choices)
    status = models.CharField(
        "Trạng thái", max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người đề nghị",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField("Thời điểm đề nghị", auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người quyết định",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField("Thời điểm quyết định", null=True, blank=True)
    reason = models.TextField("Lý do", blank=True)

    class Meta:
        verbose_name = "Đề nghị thay đổi thành viên tổ"
        verbose_name_plural = "Đề nghị thay đổi thành viên tổ"
        ordering = ["-requested_at", "-pk"]
        constraints = [
            # A double click or a second save of the same form never makes a second pending request.
            models.UniqueConstraint(
                fields=["department", "person", "action"],
                condition=models.Q(status="cho_duyet"),
                name="one_pending_membership_request",
            )
        ]

    def __str__(self):
        return f"{self.get_action_display()}: {self.person} – {self.department.name}"


class AccountDelegation(models.Model):
    """The principal hands account administration to a portal administrator (Điều 13.6) until revoked.

    While active (``revoked_at`` empty, the delegate active and still holding the "quan_tri" role) the
    delegate holds ``editorial.manage_accounts`` through ``editorial.account_admin.DelegationBackend``; a
    change that would grant reviewing or publishing rights still needs the principal.
    """

    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Quản trị cổng TTĐT được uỷ quyền",
        on_delete=models.CASCADE,
        related_name="account_delegations",
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người uỷ quyền",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    granted_at = models.DateTimeField("Ngày uỷ quyền", auto_now_add=True)
    revoked_at = models.DateTimeField("Ngày thu hồi", null=True, blank=True)

    class Meta:
        verbose_name = "Uỷ quyền quản trị tài khoản"
        verbose_name_plural = "Uỷ quyền quản trị tài khoản"
        ordering = ["-granted_at", "-pk"]

    def __str__(self):
        return f"Uỷ quyền quản trị tài khoản cho {self.delegate}"
