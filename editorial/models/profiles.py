"""Staff profile: a person's position at school (chức vụ), which decides their base role group."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models

from cms.core.people import full_name
from cms.core.vietnamese import fold, name_sort_string, nfc


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

    leaving = models.BooleanField(
        "Rời trường khi sang năm học mới",
        default=False,
        help_text="Nghỉ hưu, chuyển công tác…: tài khoản bị khoá khi năm học mới bắt đầu; "
        "bài viết, lượt mượn "
        "và nhật ký vẫn được giữ.",
    )

    # Kept in step with the account by save() and a post_save on the user (editorial.signals): the admin's
    # people lists search and sort in the database, the same on SQLite and PostgreSQL (no unaccent).
    search_folded = models.TextField(editable=False, blank=True, default="")
    name_sort = models.CharField(editable=False, max_length=255, blank=True, default="", db_index=True)

    class Meta:
        verbose_name = "Hồ sơ cán bộ"
        verbose_name_plural = "Hồ sơ cán bộ"
        permissions = [("manage_accounts", "Quản lý tài khoản và phân quyền của nhà trường")]

    def __str__(self):
        return f"{person_name(self.user)} – {self.get_position_display()}"

    def save(self, *args, **kwargs):
        self.phone = nfc(self.phone or "").strip()
        self.search_folded, self.name_sort = person_index(self.user)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_folded", "name_sort"}
        super().save(*args, **kwargs)


def person_index(user):
    """``(search_folded, name_sort)`` of an account: folded name, username and e-mail; Vietnamese sort key.

    The sort key orders by given name, then family and middle names (``cms.core.vietnamese.name_sort_key``).
    """
    name = f"{user.last_name} {user.first_name}"
    folded = fold(" ".join((name, user.username or "", user.email or "")))
    return " ".join(folded.split()), name_sort_string(user.last_name, user.first_name)[:255]


def order_people(users, *first, through=""):
    """``users`` (or rows with a person at ``through``, e.g. ``"assignee__"``) in Vietnamese name order.

    ``first``: orderings that come before the name (e.g. ``"-is_active"``). Accounts without a profile
    (none are made by the school's admin) come last, by username.
    """
    from django.db.models import F

    name = F(f"{through}staff_profile__name_sort").asc(nulls_last=True)
    return users.order_by(*first, name, f"{through}username")


def search_people(users, query):
    """Accounts matching every word of ``query`` with tone marks and đ folded (name, username, e-mail)."""
    from django.db.models import Q

    for word in fold(query).split():
        users = users.filter(Q(staff_profile__search_folded__contains=word) | Q(username__icontains=word))
    return users
