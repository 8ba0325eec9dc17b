"""Công khai (public disclosure) per school year, in the categories of Thông tư 09/2024/TT-BGDĐT."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable, Page

from cms.core.forms import VietnamesePageForm
from cms.core.listings import pages_under
from cms.core.pages import VietnamesePageMixin
from cms.core.school_years import current_school_year
from cms.core.vietnamese import nfc

_SCHOOL_YEAR = re.compile(r"^(\d{4})\s*[-–]\s*(\d{4})$")


class Category(models.TextChoices):
    """The four groups of information a school must disclose (TT 09/2024/TT-BGDĐT)."""

    GENERAL = "general", "Thông tin chung về cơ sở giáo dục"
    FINANCE = "finance", "Thu, chi tài chính"
    CONDITIONS = "conditions", "Điều kiện bảo đảm chất lượng: đội ngũ, cơ sở vật chất"
    QUALITY = "quality", "Kế hoạch và kết quả hoạt động giáo dục"


def normalise_school_year(value):
    """Return "2025–2026" (en dash) for "2025-2026"/"2025 – 2026"; raise ValidationError otherwise."""
    match = _SCHOOL_YEAR.match(nfc(value).strip())
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        raise ValidationError("Năm học phải có dạng 2025-2026 (hai năm liên tiếp).")
    return f"{match.group(1)}–{match.group(2)}"


def current_school_year_name():
    """Name of the current school year ("2026–2027"), or "" if none is recorded."""
    year = current_school_year()
    return year.name if year else ""


class DisclosureIndexPage(VietnamesePageMixin, Page):
    """The "Công khai" section: one sub-page per school year, newest first."""

    intro = models.TextField("Giới thiệu", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["disclosure.DisclosureYearPage"]
    max_count = 1

    class Meta:
        verbose_name = "Mục công khai"
        verbose_name_plural = "Mục công khai"

    # Shows which school year is current: rebuilt when the school structure's current year changes.
    shows_school_structure = True

    def years(self):
        """Live school-year pages, newest school year first (TT 09/2024: at least five years are kept)."""
        # The shared listing shape: a walk of disclosure_school_year_idx from the newest year.
        return pages_under(DisclosureYearPage, self, children_only=True).order_by("-school_year", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["years"] = self.years()
        context["current_year"] = current_school_year_name()
        return context


class DisclosureYearForm(VietnamesePageForm):
    """The year page's admin form: items of a school year still kept (``retention``) cannot be removed."""

    def clean(self):
        from .retention import check_items_removed

        cleaned_data = super().clean()
        formset = self.formsets.get("items")
        if formset is not None and self.instance.pk:
            removed = [form.instance for form in formset.deleted_forms if form.instance.pk]
            # The school year as stored (the approved one), so renaming the year cannot dodge the rule.
            stored = DisclosureYearPage.objects.filter(pk=self.instance.pk).first()
            try:
                check_items_removed(stored or self.instance, removed)
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned_data


class DisclosureYearPage(VietnamesePageMixin, Page):
    """Công khai of one school year: items grouped by the categories of TT 09/2024.

    Kept at least five school years (``cms.disclosure.retention``): while protected it cannot be deleted,
    unpublished or scheduled to expire, and its items cannot be removed.
    """

    base_form_class = DisclosureYearForm

    school_year = models.CharField("Năm học", max_length=9, help_text="Ví dụ: 2025-2026")
    intro = models.TextField("Giới thiệu", blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("school_year"),
        FieldPanel("intro"),
        InlinePanel("items", label="Nội dung công khai", heading="Nội dung công khai"),
    ]
    parent_page_types = ["disclosure.DisclosureIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Công khai năm học"
        verbose_name_plural = "Công khai năm học"
        # "Công khai" reads the years newest first (cms.core.listings): a walk of this index.
        indexes = [models.Index(fields=["school_year", "page_ptr"], name="disclosure_school_year_idx")]

    def clean(self):
        super().clean()
        self.school_year = normalise_school_year(self.school_year or "")
        # There is one "Công khai" section (max_count = 1), so a school year appears once site-wide.
        if DisclosureYearPage.objects.filter(school_year=self.school_year).exclude(pk=self.pk).exists():
            raise ValidationError({"school_year": f"Đã có trang công khai năm học {self.school_year}."})
        from .retention import is_protected, refusal_message

        if self.expire_at and is_protected(self.school_year):
            raise ValidationError({"expire_at": refusal_message([self.school_year], "hẹn ngừng đăng")})

    def categories(self):
        """``[(value, label, [items…]), …]`` for every category, in the order of TT 09/2024 (may be empty)."""
        by_category = {value: [] for value in Category.values}
        for item in self.items.all():
            by_category.setdefault(item.category, []).append(item)
        return [(value, label, by_category[value]) for value, label in Category.choices]


class DisclosureItem(Orderable):
    """One disclosed item: a document (file) or a page of the portal, with the date it was published."""

    page = ParentalKey(DisclosureYearPage, on_delete=models.CASCADE, related_name="items")
    category = models.CharField("Nhóm nội dung", max_length=20, choices=Category.choices)
    title = models.CharField("Tên nội dung", max_length=250)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Tệp văn bản",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    linked_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Hoặc trang của cổng",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_on = models.DateField("Ngày công khai", default=timezone.localdate)
    note = models.CharField("Ghi chú", max_length=250, blank=True)

    panels = [
        FieldPanel("category"),
        FieldPanel("title"),
        FieldPanel("document"),
        PageChooserPanel("linked_page"),
        FieldPanel("published_on"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Nội dung công khai"
        verbose_name_plural = "Nội dung công khai"

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if bool(self.document_id) == bool(self.linked_page_id):
            raise ValidationError("Mỗi nội dung công khai cần đúng một tệp văn bản hoặc một trang của cổng.")

    def save(self, *args, **kwargs):
        self.title = nfc(self.title)
        self.note = nfc(self.note)
        super().save(*args, **kwargs)

    @property
    def target_url(self):
        """Where the item leads: the file's direct media address, or the linked page."""
        if self.document_id and self.document:
            return self.document.file.url
        if self.linked_page_id and self.linked_page and self.linked_page.live:
            return self.linked_page.url
        return ""

    @property
    def file_extension(self):
        """ "PDF", "DOCX"… for a document, "" for a page."""
        if self.document_id and self.document:
            return (self.document.file_extension or "").upper()
        return ""
