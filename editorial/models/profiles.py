"""Staff profile: a person's position at school (chức vụ), which decides their base role group."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models

from cms.core.people import full_name
from cms.core.vietnamese import nfc


def person_name(user):
    """A person's name in Vietnamese order (``cms.core.people.full_name``): "Phạm Văn Tuấn".

    Django's ``get_full_name()`` puts the given name first, which is wrong for Vietnamese names.
    """
    return full_name(user)


class Position(models.TextChoices):
    """Positions named by Quy chế 39/QC-THNK (plus students, who write in "Góc học sinh")."""

    PRINCIPAL = "hieu_truong", "Hiệu trưởng"
    VICE_PRINCIPAL = "pho_hieu_truong", "Phó hiệu trưởng"
    DEPARTMENT_HEAD = "to_truong", "Tổ trưởng"
    TEACHER = "giao_vien", "Giáo viên"
    CLERK = "van_thu", "Nhân viên văn thư"
    LIBRARIAN = "thu_thu", "Thủ thư"
    NURSE = "y_te", "Nhân viên y tế"
    PORTAL_ADMIN = "quan_tri", "Quản trị cổng TTĐT"
    STUDENT = "hoc_sinh", "Học sinh"


phone_validator = RegexValidator(
    r"^[0-9 +().-]{8,20}$", "Số điện thoại chỉ gồm chữ số, dấu cách và + ( ) . - (8–20 ký tự)."
)


class StaffProfile(models.Model):
    """One per account: position, optional phone, and whether contacts may be shown publicly (opt-in)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="Tài khoản",
        on_delete=models.CASCADE,
        related_name="staff_profile",
    )
    position = models.CharField("Chức vụ", max_length=20, choices=Position.choices, default=Position.TEACHER)
    phone = models.CharField("Điện thoại", max_length=20, blank=True, validators=[phone_validator])
    show_contact_publicly = models.BooleanField(
        "Công khai thông tin liên hệ",
        default=False,
        help_text="Chỉ khi người này đồng ý, điện thoại và thư điện tử mới được hiển thị trên cổng.",
    )

    class Meta:
        verbose_name = "Hồ sơ cán bộ"
        verbose_name_plural = "Hồ sơ cán bộ"
        permissions = [("manage_accounts", "Quản lý tài khoản và phân quyền của nhà trường")]

    def __str__(self):
        return f"{person_name(self.user)} – {self.get_position_display()}"

    def save(self, *args, **kwargs):
        self.phone = nfc(self.phone or "").strip()
        super().save(*args, **kwargs)
