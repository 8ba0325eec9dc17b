"""Per-account password state (age, forced change, history of hashes) for the rules of Điều 2."""

from django.conf import settings
from django.db import models


class AccountSecurity(models.Model):
    """When the password was last changed and whether the person must change it at the next login.

    ``must_change_password`` is set when the principal creates an account or resets its password; it is
    cleared by the person's own change. ``password_never_expires`` exempts an account from expiry (pupils
    are exempt by their position; demo accounts by the demo seed).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="account_security",
        verbose_name="Tài khoản",
    )
    password_changed_at = models.DateTimeField("Đổi mật khẩu lần cuối", null=True, blank=True)
    must_change_password = models.BooleanField("Phải đổi mật khẩu khi đăng nhập", default=False)
    password_never_expires = models.BooleanField("Mật khẩu không hết hạn", default=False)

    class Meta:
        verbose_name = "An toàn tài khoản"
        verbose_name_plural = "An toàn tài khoản"

    def __str__(self):
        return str(self.user)


class UsedPassword(models.Model):
    """The hash of a password a person has used (the last few are refused when they choose a new one)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="used_passwords",
        verbose_name="Tài khoản",
    )
    password = models.CharField("Mã băm mật khẩu", max_length=256)
    created_at = models.DateTimeField("Thời điểm", auto_now_add=True)

    class Meta:
        verbose_name = "Mật khẩu đã dùng"
        verbose_name_plural = "Mật khẩu đã dùng"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self):
        return f"{self.user} – {self.created_at:%d/%m/%Y}"
