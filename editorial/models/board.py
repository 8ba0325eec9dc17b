"""The editorial board (Ban biên tập) of a school year, set up by a principal's decision (quyết định)."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel

from cms.core.vietnamese import nfc

from .profiles import person_name
from .structure import CurrentYearQuerySet, SchoolYear

# Số/ký hiệu of a school decision: number (01…09 below ten), "/QĐ-" and the issuer's abbreviation.
DECISION_NUMBER_RE = re.compile(r"^(0[1-9]|[1-9]\d{1,3})/QĐ-[A-ZĐ][A-ZĐ0-9]*(-[A-ZĐ0-9]+)*$")


def validate_decision_number(value):
    """Accept numbers like ``39/QĐ-THNK``; refuse anything else with a Vietnamese message."""
    if not DECISION_NUMBER_RE.match(nfc(value or "").strip()):
        raise ValidationError(
            "Số quyết định có dạng 39/QĐ-THNK (số dưới 10 viết 01…09, chữ Đ có dấu).", code="decision_number"
        )


class EditorialBoard(ClusterableModel):
    """The board of one school year: the decision that set it up and its members."""

    school_year = models.OneToOneField(
        SchoolYear, verbose_name="Năm học", on_delete=models.CASCADE, related_name="editorial_board"
    )
    decision_number = models.CharField(
        "Số quyết định",
        max_length=40,
        blank=True,
        validators=[validate_decision_number],
        help_text="Ví dụ 125/QĐ-THNK. Để trống khi chưa có quyết định của năm học mới.",
    )
    decision_date = models.DateField("Ngày quyết định", null=True, blank=True)
    decision_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Tệp quyết định",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CurrentYearQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("school_year"),
                FieldPanel("decision_number"),
                FieldPanel("decision_date"),
                FieldPanel("decision_file"),
            ],
            heading="Quyết định thành lập",
        ),
        InlinePanel("memberships", heading="Thành viên Ban biên tập", label="Thành viên"),
    ]

    class Meta:
        verbose_name = "Ban biên tập"
        verbose_name_plural = "Ban biên tập"
        ordering = ["-school_year__start_date"]

    def __str__(self):
        number = f" – {self.decision_number}" if self.decision_number else ""
        return f"Ban biên tập năm học {self.school_year}{number}"

    def save(self, *args, **kwargs):
        self.decision_number = nfc(self.decision_number or "").strip()
        super().save(*args, **kwargs)

    def clean(self):
        self.decision_number = nfc(self.decision_number or "").strip()
        if self.decision_number and not self.decision_date:
            raise ValidationError({"decision_date": "Hãy nhập ngày ký quyết định."})


class BoardMembership(models.Model):
    """A board member: person, board role and duties."""

    class Role(models.TextChoices):
        HEAD = "truong_ban", "Trưởng ban"
        DEPUTY = "pho_ban", "Phó ban"
        MEMBER = "thanh_vien", "Thành viên"
        SECRETARY = "thu_ky", "Thư ký"

    ROLE_ORDER = {Role.HEAD: 0, Role.DEPUTY: 1, Role.MEMBER: 2, Role.SECRETARY: 3}

    board = ParentalKey(EditorialBoard, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người",
        on_delete=models.CASCADE,
        related_name="board_memberships",
    )
    role = models.CharField("Chức danh trong ban", max_length=20, choices=Role.choices, default=Role.MEMBER)
    duties = models.TextField("Nhiệm vụ", blank=True)
    school_year = models.ForeignKey(SchoolYear, on_delete=models.CASCADE, related_name="+", editable=False)

    objects = CurrentYearQuerySet.as_manager()

    panels = [FieldPanel("user"), FieldPanel("role"), FieldPanel("duties")]

    class Meta:
        verbose_name = "Thành viên Ban biên tập"
        verbose_name_plural = "Thành viên Ban biên tập"
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["board", "user"], name="unique_board_member")]
        indexes = [models.Index(fields=["user", "school_year"], name="board_member_idx")]

    def __str__(self):
        return f"{person_name(self.user)} – {self.get_role_display()}"

    def save(self, *args, **kwargs):
        self.school_year_id = self.board.school_year_id
        self.duties = nfc(self.duties or "").strip()
        super().save(*args, **kwargs)
