"""The writing plan (Điều 5.4, 13.1): topics assigned to writers with a due date, and what became of them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from cms.core.vietnamese import fold, nfc


class AssignmentStatus(models.TextChoices):
    """Stored statuses; "quá hạn" (overdue) is derived from the due date, never stored."""

    ASSIGNED = "giao", "Đã giao"
    SUBMITTED = "da_nop", "Đã nộp"
    PUBLISHED = "da_dang", "Đã đăng"
    RETURNED = "bi_tra_lai", "Bị trả lại"


OVERDUE_LABEL = "Quá hạn"
OPEN_STATUSES = (AssignmentStatus.ASSIGNED, AssignmentStatus.RETURNED)


def today():
    """Today in the school's time zone."""
    return timezone.localdate()


class AssignmentQuerySet(models.QuerySet):
    def overdue(self, on=None):
        """Not yet submitted (or returned and not resubmitted) after the due date."""
        return self.filter(status__in=OPEN_STATUSES, due_date__lt=on or today())


class Assignment(models.Model):
    """A topic assigned to a writer for a section, due on a date; ``article`` is the page that fulfils it."""

    topic = models.CharField("Đề tài", max_length=255)
    section = models.ForeignKey(
        "news.SectionPage", verbose_name="Chuyên mục", on_delete=models.PROTECT, related_name="+"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người viết",
        on_delete=models.PROTECT,
        related_name="writing_assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người giao",
        on_delete=models.PROTECT,
        related_name="given_writing_assignments",
        editable=False,
    )
    department = models.ForeignKey(
        "editorial.Department",
        verbose_name="Tổ",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        help_text="Tổ của người viết lúc được giao (để báo cáo theo tổ).",
    )
    due_date = models.DateField("Hạn nộp")
    status = models.CharField(
        "Trạng thái", max_length=20, choices=AssignmentStatus.choices, default=AssignmentStatus.ASSIGNED
    )
    article = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Bài viết thực hiện",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="writing_assignments",
    )
    note = models.TextField("Ghi chú", blank=True)
    created_at = models.DateTimeField("Ngày giao", default=timezone.now, editable=False)
    # Topic, note, writer and section folded (no tone marks, đ→d): the list's search, same on every database.
    search_folded = models.TextField(editable=False, blank=True, default="")

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = "Bài được giao"
        verbose_name_plural = "Kế hoạch viết bài"
        ordering = ["due_date", "pk"]
        indexes = [
            models.Index(fields=["assignee", "due_date"], name="assignment_assignee_due_idx"),
            models.Index(fields=["status", "due_date"], name="assignment_status_due_idx"),
        ]

    def __str__(self):
        return self.topic

    def save(self, *args, **kwargs):
        self.topic = nfc(self.topic or "").strip()
        self.note = nfc(self.note or "")
        if self.department_id is None and self.assignee_id:
            from .rules import department_of

            self.department = department_of(self.assignee)
        self.search_folded = self.folded_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_folded"}
        super().save(*args, **kwargs)

    def folded_text(self):
        """What the writing plan's search looks in: topic, note, the writer's name and the section, folded."""
        parts = [self.topic, self.note]
        if self.assignee_id:
            parts += [self.assignee.last_name, self.assignee.first_name, self.assignee.username]
        if self.section_id:
            parts.append(self.section.title)
        return " ".join(fold(" ".join(part for part in parts if part)).split())

    @property
    def is_overdue(self):
        """Open (assigned or returned) and past the due date."""
        return self.status in OPEN_STATUSES and self.due_date is not None and self.due_date < today()

    def status_label(self):
        """Status for people: "Quá hạn" when overdue, else the stored status."""
        return OVERDUE_LABEL if self.is_overdue else self.get_status_display()

    def clean(self):
        self.topic = nfc(self.topic or "").strip()
        self.note = nfc(self.note or "").strip()
        if not self.topic:
            raise ValidationError({"topic": "Vui lòng nhập đề tài."})
