"""School structure per school year: departments (tổ), classes (lớp) and unions (đoàn thể).

Every group belongs to one ``SchoolYear`` so last year's structure stays as history when a new year starts.
Only the *current* year's structure gives anyone a role (see ``editorial.roles``).

Lookups that moderation (issue 4) needs are one indexed query each, e.g. the head of an author's department::

    DepartmentMembership.objects.current().filter(user=author).select_related("department__head")
"""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel

from cms.core.vietnamese import nfc

YEAR_NAME_RE = re.compile(r"^(\d{4})–(\d{4})$")


def _nfc_fields(instance, names):
    for name in names:
        value = getattr(instance, name)
        if isinstance(value, str):
            setattr(instance, name, nfc(value).strip())


class SchoolYearQuerySet(models.QuerySet):
    def current(self):
        """The current school year, or None."""
        return self.filter(is_current=True).first()


class SchoolYear(models.Model):
    """A school year such as "2025–2026"; exactly one is current (enforced by a partial unique constraint)."""

    name = models.CharField(
        "Năm học", max_length=9, unique=True, help_text="Dạng 2025–2026 (hai năm liên tiếp, gạch ngang dài)."
    )
    start_date = models.DateField("Ngày bắt đầu")
    end_date = models.DateField("Ngày kết thúc")
    is_current = models.BooleanField("Năm học hiện tại", default=False)

    objects = SchoolYearQuerySet.as_manager()

    panels = [FieldPanel("name"), FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("is_current")]

    class Meta:
        verbose_name = "Năm học"
        verbose_name_plural = "Năm học"
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=models.Q(is_current=True), name="one_current_school_year"
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name or "").strip().replace("-", "–")
        with transaction.atomic():
            if self.is_current:
                # Only one current year: demote the others first so the unique constraint holds.
                SchoolYear.objects.filter(is_current=True).exclude(pk=self.pk).update(is_current=False)
            super().save(*args, **kwargs)

    def clean(self):
        self.name = nfc(self.name or "").strip().replace("-", "–")
        match = YEAR_NAME_RE.match(self.name)
        if not match or int(match.group(2)) != int(match.group(1)) + 1:
            raise ValidationError({"name": "Năm học phải có dạng 2025–2026 (hai năm liên tiếp)."})
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            raise ValidationError({"end_date": "Ngày kết thúc phải sau ngày bắt đầu."})


class CurrentYearQuerySet(models.QuerySet):
    """Structure rows (all carry ``school_year``) with a shortcut to the current year's."""

    def current(self):
        """Rows of the current school year only."""
        return self.filter(school_year__is_current=True)


class Department(ClusterableModel):
    """A department (tổ chuyên môn or tổ văn phòng) of one school year, its head, members and sections."""

    class Kind(models.TextChoices):
        PROFESSIONAL = "chuyen_mon", "Tổ chuyên môn"
        OFFICE = "van_phong", "Tổ văn phòng"

    school_year = models.ForeignKey(
        SchoolYear, verbose_name="Năm học", on_delete=models.CASCADE, related_name="departments"
    )
    name = models.CharField("Tên tổ", max_length=100)
    kind = models.CharField("Loại tổ", max_length=20, choices=Kind.choices, default=Kind.PROFESSIONAL)
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Tổ trưởng",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="headed_departments",
    )
    sections = models.ManyToManyField(
        "news.SectionPage",
        verbose_name="Viết bài cho chuyên mục",
        blank=True,
        related_name="writing_departments",
        help_text="Thành viên của tổ được viết bài (gửi duyệt) trong các chuyên mục này.",
    )

    objects = CurrentYearQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("school_year"), FieldPanel("name"), FieldPanel("kind"), FieldPanel("head")],
            heading="Tổ",
        ),
        FieldPanel("sections", widget=forms.CheckboxSelectMultiple),
        InlinePanel(
            "memberships",
            heading="Thành viên",
            label="Thành viên",
            help_text="Tổ trưởng thêm hoặc bớt thành viên: thay đổi được gửi Hiệu trưởng và chỉ có hiệu lực "
            "khi được duyệt (mục “Đề nghị thành viên tổ”).",
        ),
    ]

    class Meta:
        verbose_name = "Tổ"
        verbose_name_plural = "Tổ chuyên môn và tổ văn phòng"
        ordering = ["school_year", "name"]
        constraints = [models.UniqueConstraint(fields=["school_year", "name"], name="unique_department_name")]

    def __str__(self):
        return f"{self.name} ({self.school_year})"

    def save(self, *args, **kwargs):
        _nfc_fields(self, ["name"])
        super().save(*args, **kwargs)


class DepartmentMembership(models.Model):
    """A person in a department for one school year (a person belongs to at most one department a year)."""

    department = ParentalKey(Department, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người",
        on_delete=models.CASCADE,
        related_name="department_memberships",
    )
    # Denormalised from the department so "one department per person per year" is a database constraint
    # and "the author's department this year" is one indexed lookup.
    school_year = models.ForeignKey(SchoolYear, on_delete=models.CASCADE, related_name="+", editable=False)

    objects = CurrentYearQuerySet.as_manager()

    panels = [FieldPanel("user")]

    class Meta:
        verbose_name = "Thành viên tổ"
        verbose_name_plural = "Thành viên tổ"
        constraints = [
            models.UniqueConstraint(fields=["school_year", "user"], name="one_department_per_year"),
        ]

    def __str__(self):
        return f"{self.user} – {self.department.name}"

    def save(self, *args, **kwargs):
        self.school_year_id = self.department.school_year_id
        super().save(*args, **kwargs)

    def clean(self):
        department = getattr(self, "department", None)
        if department is not None and department.school_year_id and self.user_id:
            clash = (
                DepartmentMembership.objects.filter(school_year_id=department.school_year_id, user=self.user)
                .exclude(pk=self.pk)
                .exclude(department=self.department)
                .select_related("department")
                .first()
            )
            if clash:
                from .profiles import person_name  # noqa: PLC0415 - profiles imports nothing from here

                person = person_name(self.user)
                raise ValidationError({"user": f"{person} đã thuộc {clash.department.name} năm học này."})


class SchoolClass(ClusterableModel):
    """A class (lớp) such as 1A in one school year, with its homeroom teacher and students."""

    school_year = models.ForeignKey(
        SchoolYear, verbose_name="Năm học", on_delete=models.CASCADE, related_name="classes"
    )
    grade = models.PositiveSmallIntegerField(
        "Khối", validators=[MinValueValidator(1), MaxValueValidator(5)], help_text="Khối lớp từ 1 đến 5."
    )
    name = models.CharField("Tên lớp", max_length=10, help_text="Ví dụ 1A; chữ số đầu là khối.")
    homeroom_teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Giáo viên chủ nhiệm",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="homeroom_classes",
    )

    objects = CurrentYearQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("school_year"),
                FieldPanel("grade"),
                FieldPanel("name"),
                FieldPanel("homeroom_teacher"),
            ],
            heading="Lớp",
        ),
        InlinePanel("memberships", heading="Học sinh", label="Học sinh"),
    ]

    class Meta:
        verbose_name = "Lớp"
        verbose_name_plural = "Lớp học"
        ordering = ["school_year", "grade", "name"]
        constraints = [models.UniqueConstraint(fields=["school_year", "name"], name="unique_class_name")]
        indexes = [models.Index(fields=["homeroom_teacher", "school_year"], name="class_homeroom_idx")]

    def __str__(self):
        return f"Lớp {self.name} ({self.school_year})"

    def save(self, *args, **kwargs):
        _nfc_fields(self, ["name"])
        super().save(*args, **kwargs)

    def clean(self):
        _nfc_fields(self, ["name"])
        self.name = (self.name or "").upper()
        if not re.fullmatch(r"[1-5][A-ZĐ0-9]{1,3}", self.name or ""):
            raise ValidationError({"name": "Tên lớp có dạng 1A, 2B, 5C…"})
        if self.grade and self.name and int(self.name[0]) != self.grade:
            raise ValidationError({"name": f"Lớp {self.name} không thuộc khối {self.grade}."})


class ClassMembership(models.Model):
    """A student in a class for one school year (one class per student per year)."""

    school_class = ParentalKey(SchoolClass, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Học sinh",
        on_delete=models.CASCADE,
        related_name="class_memberships",
    )
    school_year = models.ForeignKey(SchoolYear, on_delete=models.CASCADE, related_name="+", editable=False)

    objects = CurrentYearQuerySet.as_manager()

    panels = [FieldPanel("user")]

    class Meta:
        verbose_name = "Học sinh của lớp"
        verbose_name_plural = "Học sinh của lớp"
        constraints = [models.UniqueConstraint(fields=["school_year", "user"], name="one_class_per_year")]

    def __str__(self):
        return f"{self.user} – {self.school_class.name}"

    def save(self, *args, **kwargs):
        self.school_year_id = self.school_class.school_year_id
        super().save(*args, **kwargs)


class Union(ClusterableModel):
    """A union (tổ chức đoàn thể): Công đoàn, Liên đội TNTP Hồ Chí Minh or Chi đoàn, for one school year."""

    class Kind(models.TextChoices):
        TRADE_UNION = "cong_doan", "Công đoàn"
        PIONEERS = "lien_doi", "Liên đội TNTP Hồ Chí Minh"
        YOUTH_UNION = "chi_doan", "Chi đoàn"

    school_year = models.ForeignKey(
        SchoolYear, verbose_name="Năm học", on_delete=models.CASCADE, related_name="unions"
    )
    kind = models.CharField("Loại", max_length=20, choices=Kind.choices)
    name = models.CharField("Tên", max_length=150)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người đứng đầu",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_unions",
        help_text="Chủ tịch Công đoàn, Tổng phụ trách Đội hoặc Bí thư Chi đoàn.",
    )
    section = models.ForeignKey(
        "news.SectionPage",
        verbose_name="Chuyên mục",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="writing_unions",
        help_text="Thành viên viết tin hoạt động trong chuyên mục này.",
    )

    objects = CurrentYearQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("school_year"),
                FieldPanel("kind"),
                FieldPanel("name"),
                FieldPanel("leader"),
                FieldPanel("section"),
            ],
            heading="Đoàn thể",
        ),
        InlinePanel("memberships", heading="Thành viên", label="Thành viên"),
    ]

    class Meta:
        verbose_name = "Đoàn thể"
        verbose_name_plural = "Đoàn thể"
        ordering = ["school_year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["school_year", "kind"], name="one_union_of_kind_per_year")
        ]
        indexes = [models.Index(fields=["leader", "school_year"], name="union_leader_idx")]

    def __str__(self):
        return f"{self.name} ({self.school_year})"

    def save(self, *args, **kwargs):
        _nfc_fields(self, ["name"])
        super().save(*args, **kwargs)


class UnionMembership(models.Model):
    """A member of a union for one school year (a person may belong to several unions)."""

    union = ParentalKey(Union, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Thành viên",
        on_delete=models.CASCADE,
        related_name="union_memberships",
    )
    school_year = models.ForeignKey(SchoolYear, on_delete=models.CASCADE, related_name="+", editable=False)

    objects = CurrentYearQuerySet.as_manager()

    panels = [FieldPanel("user")]

    class Meta:
        verbose_name = "Thành viên đoàn thể"
        verbose_name_plural = "Thành viên đoàn thể"
        constraints = [models.UniqueConstraint(fields=["union", "user"], name="unique_union_member")]
        indexes = [models.Index(fields=["user", "school_year"], name="union_member_idx")]

    def __str__(self):
        return f"{self.user} – {self.union.name}"

    def save(self, *args, **kwargs):
        self.school_year_id = self.union.school_year_id
        super().save(*args, **kwargs)
