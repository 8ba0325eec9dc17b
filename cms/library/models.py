"""The school library (Điều 4.7, 4.13, 9.8 of Quy chế 39/QC-THNK): catalogue, copies, readers, loans and
internal learning material, plus the public catalogue pages of the static site (``pages.py``).

- ``BibliographicRecord`` (biên mục): one title with its authors (``RecordAuthor``), ISBN-13 (optional,
  checked by python-stdnum) or ISSN + issue for periodicals, DDC or the 19-class scheme, author mark and
  call number.
- ``Copy`` (bản sách): one physical copy with its accession number (số ĐKCB), unique per ``Library`` (a DB
  constraint, so concurrent imports cannot both take a number). Its ``status`` follows the loans and the
  withdrawal/lost dates (``refresh_status``); nobody edits it by hand.
- ``Reader`` (bạn đọc): pupils from the class lists (most have no account), staff from accounts.
- ``Loan`` (mượn/trả): one open loan per copy (partial unique constraint).
- ``LearningMaterial`` (học liệu): staff-only by default; public only once a vice principal or the principal
  approved it (Điều 4.7, 4.13).

Every text field is stored NFC; ``search_folded`` (indexed) holds the folded text the admin search matches.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from cms.core.vietnamese import fold, nfc, short_given_name, slugify_vi

from .isbn import format_isbn, normalise_isbn, normalise_issn

GRADE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]
SCHOOL_YEAR_VALIDATOR = RegexValidator(r"^\d{4}–\d{4}$", "Năm học viết dạng 2025–2026.")


def _nfc_fields(instance):
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, nfc(value).strip())


class Library(models.Model):
    """A library (one per school; a Department hosting many schools has one per school)."""

    name = models.CharField("Tên thư viện", max_length=200, unique=True)

    class Meta:
        verbose_name = "Thư viện"
        verbose_name_plural = "Thư viện"

    def __str__(self):
        return self.name

    @classmethod
    def default(cls):
        """The school's library (created on first use)."""
        library = cls.objects.order_by("pk").first()
        return library or cls.objects.create(name="Thư viện trường")


class MaterialKind(models.TextChoices):
    """Kinds of catalogued material; the loan period depends on it (textbooks: the whole school year)."""

    BOOK = "sach", "Sách đọc, truyện"
    TEXTBOOK = "sgk", "Sách giáo khoa"
    REFERENCE = "tham_khao", "Sách tham khảo, nghiệp vụ"
    PERIODICAL = "bao_tap_chi", "Báo, tạp chí"
    OTHER = "khac", "Tài liệu khác"


# Site-search result labels by material kind (BibliographicRecord.search_label).
SEARCH_LABELS = {
    MaterialKind.BOOK: "Sách",
    MaterialKind.TEXTBOOK: "Sách",
    MaterialKind.REFERENCE: "Sách",
    MaterialKind.PERIODICAL: "Báo, tạp chí",
    MaterialKind.OTHER: "Tài liệu",
}
# The label of every learning material in the site search (the public ones on /thu-vien/hoc-lieu/).
LEARNING_MATERIAL_LABEL = "Học liệu"


class Scheme(models.TextChoices):
    DDC = "ddc", "DDC (Dewey)"
    BBK19 = "19lop", "Bảng phân loại 19 lớp"


# Main classes for browsing (DDC hundreds; the 19-class scheme's classes by their first number).
DDC_CLASSES = {
    "0": "Tổng loại",
    "1": "Triết học, tâm lý học",
    "2": "Tôn giáo",
    "3": "Khoa học xã hội",
    "4": "Ngôn ngữ",
    "5": "Khoa học tự nhiên, toán học",
    "6": "Công nghệ, khoa học ứng dụng",
    "7": "Nghệ thuật, vui chơi, thể thao",
    "8": "Văn học",
    "9": "Lịch sử, địa lý",
}


class RecordForm(WagtailAdminModelForm):
    """The record form: two copies of one record cannot share an accession number or a barcode.

    Checked after the copy forms are cleaned (``is_valid``): the parent form's ``clean`` runs before them.
    """

    def is_valid(self):
        valid = super().is_valid()
        copies = self.formsets.get("copies")
        if copies is None:
            return valid
        # Accession numbers and barcodes share one namespace: the desk finds a copy by either.
        seen = {}
        for form in copies.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data:
                continue
            if data.get("DELETE"):
                copy = form.instance
                if copy.pk and copy.loans.exists():
                    form.add_error(
                        None,
                        f"Bản {copy.accession_number} đã có lượt mượn nên không xoá được; "
                        "hãy ghi ngày thanh lý (bản sách giữ lại lịch sử mượn).",
                    )
                    valid = False
                continue
            values = {}
            for field, label in (("accession_number", "Số ĐKCB"), ("barcode", "Mã vạch")):
                value = normalise_copy_code(data.get(field))
                if value:
                    values.setdefault(value, (field, label))
            for value, (field, label) in values.items():
                if value in seen:
                    form.add_error(
                        field, f"{label} {value} bị nhập hai lần (trùng {seen[value]} của bản sách khác)."
                    )
                    valid = False
                else:
                    seen[value] = "số ĐKCB" if field == "accession_number" else "mã vạch"
        return valid


class BibliographicRecord(ClusterableModel):
    """A catalogued title (biên mục): one record per edition; its physical copies are ``Copy`` rows."""

    base_form_class = RecordForm

    kind = models.CharField("Loại tài liệu", max_length=20, choices=MaterialKind.choices, default="sach")
    title = models.CharField("Nhan đề", max_length=300)
    subtitle = models.CharField("Nhan đề phụ", max_length=300, blank=True)
    publisher = models.CharField("Nhà xuất bản", max_length=200, blank=True)
    place = models.CharField("Nơi xuất bản", max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(
        "Năm xuất bản", null=True, blank=True, validators=[MinValueValidator(1800), MaxValueValidator(2100)]
    )
    edition = models.CharField("Lần xuất bản", max_length=100, blank=True)
    isbn = models.CharField(
        "ISBN",
        max_length=17,
        blank=True,
        db_index=True,
        help_text="Không bắt buộc; ISBN-10 được đổi sang ISBN-13.",
    )
    issn = models.CharField("ISSN", max_length=9, blank=True, help_text="Cho báo, tạp chí.")
    issue = models.CharField("Số báo/tạp chí", max_length=50, blank=True)
    language = models.CharField("Ngôn ngữ (MARC)", max_length=3, default="vie")
    pages = models.PositiveIntegerField("Số trang", null=True, blank=True)
    scheme = models.CharField("Khung phân loại", max_length=10, choices=Scheme.choices, default="ddc")
    classification = models.CharField("Chỉ số phân loại", max_length=30, blank=True, db_index=True)
    author_mark = models.CharField(
        "Ký hiệu tác giả",
        max_length=10,
        blank=True,
        help_text="Để trống để tính tự động từ tiêu đề mô tả chính (ba chữ cái đầu, bỏ dấu).",
    )
    call_number = models.CharField(
        "Ký hiệu xếp giá", max_length=60, blank=True, help_text="Để trống để tự tính."
    )
    subjects = models.CharField("Chủ đề (cách nhau bởi dấu ;)", max_length=500, blank=True)
    reading_grade = models.PositiveSmallIntegerField(
        "Dành cho lớp", null=True, blank=True, validators=GRADE_VALIDATORS
    )
    summary = models.TextField("Tóm tắt", blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Ảnh bìa",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    search_folded = models.CharField(max_length=1000, editable=False, db_index=True, default="")
    created_at = models.DateTimeField("Ngày biên mục", auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("title"),
                FieldPanel("subtitle"),
                InlinePanel("authors", label="Tác giả", heading="Tác giả"),
            ],
            heading="Nhan đề, tác giả",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("publisher"), FieldPanel("place"), FieldPanel("year")]),
                FieldRowPanel([FieldPanel("edition"), FieldPanel("pages"), FieldPanel("language")]),
                FieldRowPanel([FieldPanel("isbn"), FieldPanel("issn"), FieldPanel("issue")]),
            ],
            heading="Xuất bản",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("scheme"), FieldPanel("classification")]),
                FieldRowPanel([FieldPanel("author_mark"), FieldPanel("call_number")]),
                FieldPanel("subjects"),
                FieldPanel("reading_grade"),
                FieldPanel("summary"),
                FieldPanel("cover_image"),
            ],
            heading="Phân loại, nội dung",
        ),
        InlinePanel("copies", label="Bản sách", heading="Bản sách (số ĐKCB)"),
    ]

    class Meta:
        verbose_name = "Biên mục"
        verbose_name_plural = "Biên mục"
        ordering = ["title", "pk"]
        permissions = [
            ("lend_copy", "Cho mượn, nhận trả sách"),
            ("import_records", "Nhập/xuất dữ liệu thư viện"),
        ]

    def __str__(self):
        return self.full_title

    @property
    def full_title(self):
        return f"{self.title}: {self.subtitle}" if self.subtitle else self.title

    @property
    def isbn_display(self):
        return format_isbn(self.isbn)

    def main_author(self):
        """The main entry (first author), or None: authors come prefetched in lists."""
        authors = sorted(self.authors.all(), key=lambda a: a.sort_order or 0)
        return authors[0] if authors else None

    def author_names(self):
        return [a.name for a in sorted(self.authors.all(), key=lambda a: a.sort_order or 0)]

    def subject_list(self):
        return [s.strip() for s in self.subjects.split(";") if s.strip()]

    def main_class(self):
        """The browsing class: the DDC hundred ("8") or the 19-class scheme's class number."""
        code = self.classification.strip()
        if not code:
            return ""
        if self.scheme == Scheme.DDC:
            return code[0] if code[0].isdigit() else ""
        return code.split(".")[0].split("(")[0].strip()

    def computed_author_mark(self):
        """Vietnamese convention: first three letters of the main-entry word, folded and upper-case.

        The main entry is the first author's given name (Vietnamese names are cited by it: "Tô Hoài" →
        "HOA"), else the first word of the title.
        """
        author = self.main_author()
        word = short_given_name(author.name) if author else (self.title.split() or [""])[0]
        letters = "".join(ch for ch in fold(word) if ch.isalnum())
        return letters[:3].upper()

    def computed_call_number(self):
        parts = [self.classification.strip(), (self.author_mark or self.computed_author_mark()).strip()]
        return " ".join(p for p in parts if p)

    def clean(self):
        _nfc_fields(self)
        errors = {}
        try:
            self.isbn = normalise_isbn(self.isbn)
        except ValidationError as exc:
            errors["isbn"] = exc.messages
        try:
            self.issn = normalise_issn(self.issn)
        except ValidationError as exc:
            errors["issn"] = exc.messages
        if self.kind == MaterialKind.PERIODICAL and not self.issn and not self.isbn:
            errors.setdefault("issn", []).append("Báo, tạp chí cần có ISSN.")
        if errors:
            raise ValidationError(errors)

    def refresh_search(self, authors=None):
        names = authors if authors is not None else self.author_names()
        text = " ".join(
            [
                self.title,
                self.subtitle,
                " ".join(names),
                self.publisher,
                self.isbn,
                self.subjects,
                self.call_number,
            ]
        )
        self.search_folded = fold(text)[:1000]

    def save(self, *args, **kwargs):
        _nfc_fields(self)
        self.isbn = normalise_isbn(self.isbn) if self.isbn else ""
        if not self.author_mark:
            self.author_mark = self.computed_author_mark()
        if not self.call_number:
            self.call_number = self.computed_call_number()
        self.refresh_search()
        super().save(*args, **kwargs)

    def slug(self):
        return slugify_vi(self.title, max_length=60) or "sach"

    def search_label(self):
        """What a site-search result of this record is called: "Sách" for books (reading, textbooks,
        reference), "Báo, tạp chí" for periodicals, "Tài liệu" for other material."""
        return SEARCH_LABELS.get(self.kind, "Sách")

    def public_route(self):
        """Sub-path of the record's public page under the catalogue page (``<pk>-<slug>/``)."""
        return f"{self.pk}-{self.slug()}/"

    def availability(self):
        """(available, total) over the copies that are still in the library (not lost or withdrawn)."""
        copies = [c for c in self.copies.all() if c.status in (CopyStatus.AVAILABLE, CopyStatus.ON_LOAN)]
        return sum(c.status == CopyStatus.AVAILABLE for c in copies), len(copies)


class AuthorRole(models.TextChoices):
    AUTHOR = "tac_gia", "Tác giả"
    EDITOR = "chu_bien", "Chủ biên"
    COMPILER = "bien_soan", "Biên soạn"
    TRANSLATOR = "dich", "Dịch"
    ILLUSTRATOR = "minh_hoa", "Minh hoạ"


class RecordAuthor(Orderable):
    """An author of a record with their role; the first one is the main entry (MARC 100, others 700)."""

    record = ParentalKey(BibliographicRecord, on_delete=models.CASCADE, related_name="authors")
    name = models.CharField("Họ tên", max_length=200)
    role = models.CharField("Vai trò", max_length=20, choices=AuthorRole.choices, default="tac_gia")

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("role")])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name).strip()
        super().save(*args, **kwargs)
        _refresh_record_search(self.record_id)

    def delete(self, *args, **kwargs):
        record_id = self.record_id
        result = super().delete(*args, **kwargs)
        _refresh_record_search(record_id)
        return result


def _refresh_record_search(record_id):
    """Authors saved on their own (import, API): the record's folded search text must include them."""
    record = BibliographicRecord.objects.filter(pk=record_id).first()
    if record is not None:
        names = list(record.authors.order_by("sort_order", "pk").values_list("name", flat=True))
        record.refresh_search(names)
        BibliographicRecord.objects.filter(pk=record_id).update(search_folded=record.search_folded)


def normalise_copy_code(value):
    """An accession number or barcode as stored and looked up: stripped, upper case ("" for None)."""
    return nfc(value or "").strip().upper()


def copies_with_code(value, library_id=None):
    """Copies whose accession number OR barcode is ``value`` (normalised), in one library or all.

    Accession numbers and barcodes share one namespace: the desk finds a copy by either, so a barcode equal
    to another copy's accession number would make it lend the wrong copy.
    """
    code = normalise_copy_code(value)
    copies = Copy.objects.filter(Q(accession_number=code) | Q(barcode=code))
    return copies.filter(library_id=library_id) if library_id else copies


class CopyStatus(models.TextChoices):
    AVAILABLE = "san_sang", "Có sẵn"
    ON_LOAN = "dang_muon", "Đang cho mượn"
    LOST = "mat", "Mất"
    WITHDRAWN = "thanh_ly", "Đã thanh lý"


def next_accession_number(library=None):
    """The next free accession number (số ĐKCB) of ``library`` (default: the school's), proposed in the copy
    form: one more than the highest all-digit number (by value), zero-padded to its width ("000123" →
    "000124"); "000001" for an empty register. Only a proposal: the unique constraint decides on save."""
    from django.db.models.functions import Cast

    library = library or Library.objects.order_by("pk").first()
    if library is None:
        return "000001"
    highest = (
        Copy.objects.filter(library=library, accession_number__regex=r"^[0-9]+$")
        .order_by(Cast("accession_number", models.BigIntegerField()).desc(), "-accession_number")
        .values_list("accession_number", flat=True)
        .first()
    )
    if not highest:
        return "000001"
    return str(int(highest) + 1).zfill(len(highest))


class Copy(Orderable):
    """One physical copy with its accession number (số đăng ký cá biệt), unique per library (DB constraint).

    ``status`` is derived (``refresh_status``): withdrawn > lost > on loan > available.
    """

    record = ParentalKey(BibliographicRecord, on_delete=models.CASCADE, related_name="copies")
    library = models.ForeignKey(Library, on_delete=models.PROTECT, related_name="copies", editable=False)
    accession_number = models.CharField(
        "Số ĐKCB",
        max_length=30,
        default=next_accession_number,
        help_text="Số đăng ký cá biệt, ví dụ 000123 (đề xuất số tiếp theo còn trống).",
    )
    barcode = models.CharField("Mã vạch", max_length=40, blank=True)
    acquired_on = models.DateField("Ngày vào sổ", null=True, blank=True)
    source = models.CharField("Nguồn (mua, tặng…)", max_length=100, blank=True)
    invoice = models.CharField("Số chứng từ/hoá đơn", max_length=60, blank=True)
    price = models.PositiveIntegerField("Giá (đồng)", null=True, blank=True)
    location = models.CharField("Vị trí (kho, giá)", max_length=100, blank=True)
    lost_on = models.DateField("Ngày báo mất", null=True, blank=True)
    withdrawn_on = models.DateField("Ngày thanh lý", null=True, blank=True)
    withdrawal_note = models.CharField("Ghi chú thanh lý", max_length=200, blank=True)
    status = models.CharField(
        "Tình trạng",
        max_length=20,
        choices=CopyStatus.choices,
        default="san_sang",
        editable=False,
        db_index=True,
    )

    panels = [
        FieldRowPanel([FieldPanel("accession_number"), FieldPanel("barcode"), FieldPanel("location")]),
        FieldRowPanel(
            [FieldPanel("acquired_on"), FieldPanel("source"), FieldPanel("invoice"), FieldPanel("price")]
        ),
        FieldRowPanel([FieldPanel("lost_on"), FieldPanel("withdrawn_on"), FieldPanel("withdrawal_note")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Bản sách"
        verbose_name_plural = "Bản sách"
        constraints = [
            models.UniqueConstraint(
                fields=["library", "accession_number"], name="unique_accession_per_library"
            ),
            models.UniqueConstraint(
                fields=["library", "barcode"], condition=~Q(barcode=""), name="unique_barcode_per_library"
            ),
        ]

    def __str__(self):
        return f"{self.accession_number} – {self.record.title}"

    def derived_status(self, has_open_loan=None):
        if self.withdrawn_on:
            return CopyStatus.WITHDRAWN
        if self.lost_on:
            return CopyStatus.LOST
        if has_open_loan is None:
            has_open_loan = self.pk is not None and self.loans.filter(returned_on__isnull=True).exists()
        return CopyStatus.ON_LOAN if has_open_loan else CopyStatus.AVAILABLE

    def refresh_status(self):
        """Recompute and store ``status`` from the loans and dates; returns whether it changed."""
        status = self.derived_status()
        if status != self.status:
            self.status = status
            Copy.objects.filter(pk=self.pk).update(status=status)
            return True
        return False

    def save(self, *args, **kwargs):
        _nfc_fields(self)
        self.accession_number = normalise_copy_code(self.accession_number)
        self.barcode = normalise_copy_code(self.barcode)
        if not self.library_id:
            self.library = Library.default()
        self.status = self.derived_status()
        super().save(*args, **kwargs)

    def clean(self):
        # The form excludes ``library`` (set on save), so Django skips the constraint check: do it here for a
        # clear message instead of an IntegrityError.
        _nfc_fields(self)
        self.accession_number = (self.accession_number or "").upper()
        library_id = self.library_id or Library.default().pk
        self.barcode = normalise_copy_code(self.barcode)
        errors = {}
        for field, label, value in (
            ("accession_number", "Số ĐKCB", self.accession_number),
            ("barcode", "Mã vạch", self.barcode),
        ):
            other = copies_with_code(value, library_id).exclude(pk=self.pk).first() if value else None
            if other is not None:
                what = "số ĐKCB" if other.accession_number == value else "mã vạch"
                errors[field] = (
                    f"{label} {value} đã có trong thư viện: là {what} của bản {other.accession_number} "
                    "(số ĐKCB và mã vạch không được trùng nhau)."
                )
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude=None):
        # The library is set on save; check the accession number against it here for a clear form error.
        if not self.library_id:
            self.library = Library.default()
        super().validate_constraints(exclude=exclude)


class ReaderKind(models.TextChoices):
    PUPIL = "hoc_sinh", "Học sinh"
    TEACHER = "giao_vien", "Giáo viên"
    STAFF = "nhan_vien", "Nhân viên"


class Reader(models.Model):
    """A library reader. Pupils come from class lists (most have no account); staff from accounts.

    A pupil's name, class and loans are personal data: never in any public output.
    """

    kind = models.CharField("Loại bạn đọc", max_length=20, choices=ReaderKind.choices, default="hoc_sinh")
    code = models.CharField("Mã bạn đọc", max_length=30, unique=True, help_text="Mã học sinh hoặc mã thẻ.")
    full_name = models.CharField("Họ và tên", max_length=150)
    class_name = models.CharField("Lớp", max_length=10, blank=True, db_index=True, help_text="Ví dụ 3A.")
    school_year = models.CharField(
        "Năm học", max_length=9, blank=True, validators=[SCHOOL_YEAR_VALIDATOR], help_text="Năm học của lớp."
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="Tài khoản",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="library_reader",
    )
    active = models.BooleanField("Đang học/công tác", default=True)
    left_on = models.DateField("Ngày ra trường/nghỉ", null=True, blank=True)
    sort_key = models.CharField(max_length=200, editable=False, db_index=True, default="")
    search_folded = models.CharField(max_length=300, editable=False, db_index=True, default="")

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("code")]),
        FieldPanel("full_name"),
        FieldRowPanel([FieldPanel("class_name"), FieldPanel("school_year")]),
        FieldPanel("user"),
        FieldRowPanel([FieldPanel("active"), FieldPanel("left_on")]),
    ]

    class Meta:
        verbose_name = "Bạn đọc"
        verbose_name_plural = "Bạn đọc"
        ordering = ["class_name", "sort_key", "pk"]

    def __str__(self):
        return f"{self.full_name} ({self.class_name})" if self.class_name else self.full_name

    def save(self, *args, **kwargs):
        _nfc_fields(self)
        self.class_name = self.class_name.upper()
        # Vietnamese order: by the given name (last word), then the whole name.
        self.sort_key = f"{fold(short_given_name(self.full_name))} {fold(self.full_name)}"[:200]
        self.search_folded = fold(f"{self.full_name} {self.code} {self.class_name}")[:300]
        super().save(*args, **kwargs)

    @property
    def grade(self):
        return int(self.class_name[0]) if self.class_name[:1].isdigit() else None


class Loan(models.Model):
    """One loan of one copy to one reader; open while ``returned_on`` is empty (one open loan per copy)."""

    copy = models.ForeignKey(Copy, verbose_name="Bản sách", on_delete=models.PROTECT, related_name="loans")
    reader = models.ForeignKey(Reader, verbose_name="Bạn đọc", on_delete=models.PROTECT, related_name="loans")
    loaned_on = models.DateField("Ngày mượn")
    due_on = models.DateField("Hạn trả")
    returned_on = models.DateField("Ngày trả", null=True, blank=True)
    renewals = models.PositiveSmallIntegerField("Số lần gia hạn", default=0)
    lent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    returned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "Lượt mượn"
        verbose_name_plural = "Mượn/trả"
        ordering = ["-loaned_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["copy"], condition=Q(returned_on__isnull=True), name="one_open_loan_per_copy"
            )
        ]
        permissions = [("view_class_overdue", "Xem danh sách quá hạn của lớp chủ nhiệm")]

    def __str__(self):
        return f"{self.copy.accession_number} → {self.reader.full_name}"

    @property
    def is_open(self):
        return self.returned_on is None


class MaterialType(models.TextChoices):
    TEST_PAPER = "de_kiem_tra", "Đề kiểm tra định kỳ"
    INITIATIVE = "sang_kien", "Sáng kiến kinh nghiệm"
    TRAINING = "boi_duong", "Tài liệu bồi dưỡng"
    OTHER = "khac", "Khác"


class Term(models.TextChoices):
    MID1 = "giua_hk1", "Giữa học kỳ I"
    END1 = "cuoi_hk1", "Cuối học kỳ I"
    MID2 = "giua_hk2", "Giữa học kỳ II"
    END2 = "cuoi_hk2", "Cuối học kỳ II"
    YEAR = "ca_nam", "Cả năm"


def material_upload_to(instance, filename):
    return f"thu-vien/hoc-lieu/{instance.school_year.replace('–', '-')}/{filename}"


class LearningMaterial(models.Model):
    """Internal learning material (Điều 4.7): test papers, teaching-initiative reports, training material.

    Staff-only unless ``approved_by`` is set: only a vice principal or the principal may approve publication
    (``approve_public`` permission). Staff-only files are never referenced by any public output.
    """

    kind = models.CharField(
        "Loại học liệu", max_length=20, choices=MaterialType.choices, default="de_kiem_tra"
    )
    title = models.CharField("Tên học liệu", max_length=300)
    school_year = models.CharField("Năm học", max_length=9, validators=[SCHOOL_YEAR_VALIDATOR])
    grade = models.PositiveSmallIntegerField("Khối", null=True, blank=True, validators=GRADE_VALIDATORS)
    subject = models.CharField("Môn học", max_length=100, blank=True)
    term = models.CharField("Kỳ", max_length=20, choices=Term.choices, blank=True)
    file = models.FileField("Tệp", upload_to=material_upload_to, max_length=300)
    public_requested = models.BooleanField(
        "Đề nghị công khai", default=False, help_text="Công khai khi Phó hiệu trưởng/Hiệu trưởng duyệt."
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người duyệt công khai",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    approved_at = models.DateTimeField("Ngày duyệt công khai", null=True, blank=True, editable=False)
    handed_over_by = models.CharField("Người bàn giao", max_length=150, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    search_folded = models.CharField(max_length=600, editable=False, db_index=True, default="")

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("school_year")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("grade"), FieldPanel("subject"), FieldPanel("term")]),
        FieldPanel("file"),
        FieldRowPanel([FieldPanel("handed_over_by"), FieldPanel("public_requested")]),
    ]

    class Meta:
        verbose_name = "Học liệu"
        verbose_name_plural = "Học liệu"
        ordering = ["-school_year", "grade", "subject", "title", "pk"]
        permissions = [("approve_public_material", "Duyệt công khai học liệu")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        _nfc_fields(self)
        loaded = getattr(self, "_loaded_file", None)
        if loaded is not None and str(self.file) != str(loaded):
            # A replaced file was never approved: it goes back to staff-only until approved again.
            self.approved_by = None
            self.approved_at = None
        if not self.public_requested:
            # Withdrawing the request makes it staff-only again; a new request needs a new approval.
            self.approved_by = None
            self.approved_at = None
        self.search_folded = fold(f"{self.title} {self.subject} {self.school_year}")[:600]
        super().save(*args, **kwargs)
        self._loaded_file = str(self.file)

    def clean(self):
        from cms.core.files import validate_office_file

        _nfc_fields(self)
        if self.file and not getattr(self.file, "_committed", True):
            try:
                validate_office_file(self.file)
            except ValidationError as exc:
                raise ValidationError({"file": exc.messages}) from exc

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_file = instance.__dict__.get("file")
        return instance

    @property
    def is_public(self):
        return self.approved_by_id is not None and self.public_requested


def public_materials():
    """The only queryset of learning material any public output may read."""
    return LearningMaterial.objects.filter(public_requested=True, approved_by__isnull=False)


# The public page models live in pages.py; Django discovers models through this module.
from .pages import LearningMaterialIndexPage, LibraryCatalogPage, LibraryIndexPage  # noqa: E402, F401
