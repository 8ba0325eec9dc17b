"""Official documents (văn bản) with the metadata of Nghị định 30/2020/NĐ-CP, as Wagtail pages.

Documents are pages so that the principal's approval workflow and the static publishing apply to them.
"""

import re
from datetime import datetime

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, Orderable, Page, RevisionMixin, WorkflowMixin
from wagtail.search import index

from cms.core import render_cache
from cms.core.attachments import OfficeFileAttachment
from cms.core.listings import pages_under
from cms.core.pages import VietnamesePageMixin
from cms.core.vietnamese import fold, nfc, today_vn, vn_date

from .doctypes import DOCUMENT_TYPE_CHOICES, DOCUMENT_TYPES, LEGAL_YEAR_TYPES, type_name


def _as_date(value):
    return vn_date(value) if isinstance(value, datetime) else value


class Issuer(WorkflowMixin, DraftStateMixin, RevisionMixin, models.Model):
    """An issuing body (cơ quan ban hành): the school itself or a superior such as Bộ GD&ĐT.

    ``abbreviation`` is what appears in document symbols, e.g. THNK in 39/QĐ-THNK. Its name is shown on
    public document pages, so an edit is a draft until the principal approves it (the workflow
    "Duyệt văn bản, thông báo", ``cms.documents.approval``); the row always holds the published version.
    """

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="issuer")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="issuer",
        for_concrete_model=False,
    )

    name = models.CharField("Tên cơ quan", max_length=200, unique=True)
    short_name = models.CharField("Tên ngắn", max_length=60, help_text="Ví dụ: Bộ GD&ĐT, Phòng GD&ĐT")
    abbreviation = models.CharField(
        "Chữ viết tắt trong ký hiệu",
        max_length=30,
        unique=True,
        help_text="Dùng trong số, ký hiệu văn bản, ví dụ THNK, BGDĐT, SGDĐT, PGDĐT, UBND.",
    )
    is_school = models.BooleanField("Là nhà trường", default=False)
    sort_order = models.PositiveSmallIntegerField("Thứ tự", default=100)

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("abbreviation"),
        FieldPanel("is_school"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = "Cơ quan ban hành"
        verbose_name_plural = "Cơ quan ban hành"
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.short_name or self.name

    @property
    def revisions(self):
        return self._revisions

    def clean(self):
        self.name = nfc(self.name).strip()
        self.short_name = nfc(self.short_name).strip()
        self.abbreviation = normalise_symbol(self.abbreviation)
        if not re.fullmatch(r"[A-ZĐ0-9&]+", self.abbreviation or ""):
            raise ValidationError(
                {"abbreviation": "Chữ viết tắt chỉ gồm chữ in hoa và chữ số, không dấu cách, ví dụ PGDĐT."}
            )


def normalise_symbol(value):
    """NFC, upper case, no spaces: "39 / qđ-thnk" -> "39/QĐ-THNK"."""
    return re.sub(r"\s+", "", nfc(value)).upper()


FIELD_CHOICES = [
    ("chuyen-mon", "Chuyên môn, giáo dục"),
    ("cntt", "Công nghệ thông tin, chuyển đổi số"),
    ("to-chuc-can-bo", "Tổ chức, cán bộ"),
    ("thi-dua", "Thi đua, khen thưởng"),
    ("tai-chinh", "Tài chính, cơ sở vật chất"),
    ("y-te", "Y tế, an toàn trường học"),
    ("cong-tac-hoc-sinh", "Công tác học sinh"),
    ("hanh-chinh", "Hành chính, văn phòng"),
]


class DocumentIndexPage(VietnamesePageMixin, Page):
    """The public list of documents ("Văn bản"), filterable on the static site."""

    show_in_menus_default = True  # parents look for it in the main menu

    intro = models.TextField("Giới thiệu", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["documents.OfficialDocumentPage"]
    max_count = 1

    class Meta:
        verbose_name = "Danh mục văn bản"
        verbose_name_plural = "Danh mục văn bản"

    def feed_items(self):
        """RSS/Atom ``/van-ban/rss.xml`` and ``atom.xml``: the newest documents."""
        return self.documents()

    def documents(self):
        """Live public documents, newest issue date first."""
        # The shared listing shape: a walk of documents_issue_date_idx from the newest end.
        return (
            pages_under(OfficialDocumentPage, self, children_only=True)
            .select_related("issuer")
            .order_by("-issue_date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        documents = list(self.documents())
        context["documents"] = documents
        context["filter_types"] = sorted(
            {(d.doc_type, d.type_name) for d in documents}, key=lambda x: fold(x[1])
        )
        context["filter_issuers"] = sorted(
            {(d.issuer.abbreviation, str(d.issuer), d.issuer.sort_order) for d in documents},
            key=lambda x: (x[2], x[1]),
        )
        context["filter_years"] = sorted({d.issue_date.year for d in documents}, reverse=True)
        context["filter_fields"] = [c for c in FIELD_CHOICES if any(d.field == c[0] for d in documents)]
        context["filter_statuses"] = OfficialDocumentPage.Status.choices
        return context


class OfficialDocumentPage(VietnamesePageMixin, Page):
    """One official document: issued by the school or received from a superior (Nghị định 30/2020)."""

    sitemap_date_field = "issue_date"  # its sitemap part follows this year

    class Status(models.TextChoices):
        NOT_YET = "chua-hieu-luc", "Chưa có hiệu lực"
        IN_FORCE = "con-hieu-luc", "Còn hiệu lực"
        EXPIRED = "het-hieu-luc", "Hết hiệu lực"

    number_symbol = models.CharField(
        "Số, ký hiệu",
        max_length=60,
        help_text="Theo Nghị định 30/2020/NĐ-CP, ví dụ 39/QĐ-THNK, 139/PGDĐT-TH, 37/2020/TT-BGDĐT.",
    )
    doc_type = models.CharField("Loại văn bản", max_length=30, choices=DOCUMENT_TYPE_CHOICES)
    issue_date = models.DateField("Ngày ban hành")
    issue_year = models.PositiveSmallIntegerField("Năm ban hành", editable=False, db_index=True)
    issuer = models.ForeignKey(
        Issuer, verbose_name="Cơ quan ban hành", on_delete=models.PROTECT, related_name="documents"
    )
    signer_name = models.CharField("Người ký", max_length=120)
    signer_position = models.CharField("Chức vụ người ký", max_length=120)
    summary = models.TextField("Trích yếu", max_length=1000)
    field = models.CharField("Lĩnh vực", max_length=30, choices=FIELD_CHOICES)
    effective_from = models.DateField("Hiệu lực từ ngày", null=True, blank=True)
    effective_to = models.DateField(
        "Hết hiệu lực từ ngày", null=True, blank=True, help_text="Để trống nếu văn bản không có thời hạn."
    )
    search_folded = models.TextField(editable=False, blank=True, default="")

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("number_symbol"), FieldPanel("doc_type")]),
                FieldRowPanel([FieldPanel("issue_date"), FieldPanel("issuer")]),
                FieldRowPanel([FieldPanel("signer_name"), FieldPanel("signer_position")]),
                FieldPanel("summary"),
                FieldPanel("field"),
                FieldRowPanel([FieldPanel("effective_from"), FieldPanel("effective_to")]),
            ],
            heading="Thông tin văn bản",
        ),
        InlinePanel("files", label="Tệp văn bản", min_num=0),
        InlinePanel("relations", label="Văn bản liên quan", min_num=0),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("number_symbol"),
        index.SearchField("summary"),
        index.SearchField("signer_name"),
        index.FilterField("doc_type"),
        index.FilterField("issue_date"),
    ]
    parent_page_types = ["documents.DocumentIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Văn bản"
        verbose_name_plural = "Văn bản"
        # The public list and the admin list read documents by issue date, newest first.
        indexes = [models.Index(fields=["issue_date", "page_ptr"], name="documents_issue_date_idx")]
        constraints = [
            # The DB refuses a second "số, ký hiệu" for the same issuer and year even if two saves race
            # past clean() at the same time.
            models.UniqueConstraint(
                fields=["issuer", "issue_year", "number_symbol"],
                name="documents_unique_number_per_issuer_year",
                violation_error_message="Số, ký hiệu này đã được dùng trong năm cho cùng cơ quan ban hành.",
            )
        ]

    # -- derived values -------------------------------------------------------------------------------
    @property
    def type_name(self):
        """Plain name of the document type ("Quyết định"), as shown to the public."""
        return type_name(self.doc_type)

    @property
    def is_issued_by_school(self):
        """True for the school's own documents ("văn bản đi"), False for those received from superiors."""
        return bool(self.issuer_id and self.issuer.is_school)

    @property
    def origin_label(self):
        """ "Văn bản của trường" or "Văn bản cấp trên"."""
        return "Văn bản của nhà trường" if self.is_issued_by_school else "Văn bản cấp trên, cơ quan khác"

    def status(self, on=None):
        """Legal status on date ``on`` (default: today in Vietnam), derived from the dates, never stored."""
        on = _as_date(on) if on is not None else today_vn()
        start = self.effective_from or self.issue_date
        if start and on < start:
            return self.Status.NOT_YET
        if self.effective_to and on >= self.effective_to:
            return self.Status.EXPIRED
        return self.Status.IN_FORCE

    def status_label(self, on=None):
        """Vietnamese label of :meth:`status`."""
        return self.status(on).label

    status_label.short_description = "Hiệu lực"

    def relation_list(self):
        """(label, document) pairs in both directions: what this document replaces and what replaces it.

        In a full static build (``render_cache`` holds the build's page index) a document with no relation
        in either direction (most of them) answers from one query per build for every document's
        relations, instead of two queries per page (half of a document page's render).
        """
        index = render_cache.current("page_index")
        if index is not None and self.pk not in index.memo("documents.related", _related_documents):
            return []
        pairs = []
        for rel in self.relations.select_related("target").all():
            if rel.target and rel.target.live:
                pairs.append((rel.get_kind_display(), rel.target))
        for rel in DocumentRelation.objects.filter(target=self).select_related("page"):
            if rel.page.live:
                pairs.append((DocumentRelation.REVERSE_LABELS[rel.kind], rel.page))
        return pairs

    @property
    def lead(self):
        """The trích yếu: page description, Open Graph and feed text."""
        return self.summary

    @property
    def publication_date(self):
        """The issue date: feeds date the document by it."""
        return self.issue_date

    def is_normative(self):
        """A legal normative document (Thông tư, Nghị định, Luật): JSON-LD ``Legislation``."""
        return self.doc_type in LEGAL_YEAR_TYPES

    def structured_data(self):
        """JSON-LD dict: ``Legislation`` or ``DigitalDocument`` (clarifications #14)."""
        from cms.core.structured_data import document_data

        return document_data(self, self.is_normative())

    def public_files(self):
        """Attached files with a document, in order (from ``prefetch_related("files__document")`` when the
        caller loaded many documents at once, e.g. the public JSON list)."""
        prefetched = getattr(self, "_prefetched_objects_cache", {}).get("files")
        files = prefetched if prefetched is not None else self.files.select_related("document").all()
        return [f for f in files if f.document_id]

    def static_dependents(self, index=None):
        """The pages whose static output lists this document: the index and documents related to it.

        ``index``: the build's ``cms.publishing.outputs.PageIndex`` (full builds): answered from it with one
        query for every document's relations together; only public pages are returned.
        """
        parent = index.parent(self) if index is not None else None
        if parent is not None:
            related = index.memo("documents.related", _related_documents)
            return [parent, *(index.get(pk) for pk in related.get(self.pk, ()) if pk in index)]
        pages = [self.get_parent().specific]
        pages += [r.target for r in self.relations.select_related("target").all() if r.target_id]
        pages += [r.page for r in DocumentRelation.objects.filter(target_id=self.pk).select_related("page")]
        return pages

    # -- normalisation and validation -----------------------------------------------------------------
    def _derive(self):
        self.number_symbol = normalise_symbol(self.number_symbol)
        if self.issue_date:
            self.issue_year = self.issue_date.year
        issuer = self.issuer if self.issuer_id else None
        parts = [self.number_symbol, self.title, self.summary, self.signer_name, str(issuer or "")]
        self.search_folded = fold(" ".join(p for p in parts if p))

    def full_clean(self, *args, **kwargs):
        self._derive()
        return super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        self._derive()
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        issuer = self.issuer if self.issuer_id else None
        symbol_error = check_symbol(self.number_symbol, self.doc_type, issuer, self.issue_date)
        if symbol_error:
            errors["number_symbol"] = symbol_error
        if self.issue_date:
            if self.effective_from and self.effective_from < self.issue_date:
                errors["effective_from"] = "Ngày có hiệu lực không được trước ngày ban hành."
            if self.effective_to and self.effective_to < self.issue_date:
                errors["effective_to"] = "Ngày hết hiệu lực không được trước ngày ban hành."
        if (
            "effective_to" not in errors
            and self.effective_from
            and self.effective_to
            and self.effective_to <= self.effective_from
        ):
            errors["effective_to"] = "Ngày hết hiệu lực phải sau ngày có hiệu lực."
        if "number_symbol" not in errors and issuer and self.issue_date and self.number_symbol:
            duplicate = (
                OfficialDocumentPage.objects.filter(
                    issuer=issuer, issue_year=self.issue_date.year, number_symbol=self.number_symbol
                )
                .exclude(pk=self.pk)
                .first()
            )
            if duplicate:
                errors["number_symbol"] = (
                    f"Số, ký hiệu {self.number_symbol} đã được {issuer} dùng trong năm "
                    f"{self.issue_date.year} (văn bản “{duplicate.title}”). "
                    "Mỗi số chỉ dùng một lần trong năm."
                )
        if errors:
            raise ValidationError(errors)


SYMBOL_RE = re.compile(r"^(?P<number>\d+)(?:/(?P<year>\d{4}))?/(?P<symbol>[A-ZĐ0-9&]+(?:-[A-ZĐ0-9&]+)*)$")


def check_symbol(number_symbol, doc_type, issuer, issue_date):
    """Return a Vietnamese error message if ``number_symbol`` does not fit the type and issuer, else None.

    Forms (Nghị định 30/2020/NĐ-CP, Phụ lục I): ``số/LOẠI-CƠQUAN`` (39/QĐ-THNK); công văn has no type
    abbreviation: ``số/CƠQUAN-ĐƠNVỊ`` (139/PGDĐT-TH; the common ``CV-`` prefix is tolerated); legal
    normative documents carry the year: ``số/năm/LOẠI-CƠQUAN`` (37/2020/TT-BGDĐT).
    """
    if not number_symbol:
        return None
    match = SYMBOL_RE.match(number_symbol)
    if not match:
        return (
            "Số, ký hiệu không đúng mẫu. Ví dụ: 39/QĐ-THNK, 139/PGDĐT-TH (công văn), "
            "37/2020/TT-BGDĐT (văn bản quy phạm pháp luật)."
        )
    number, year, symbol = match["number"], match["year"], match["symbol"]
    if int(number) == 0:
        return "Số văn bản phải lớn hơn 0."
    if len(number) < 2:
        return f"Số văn bản dưới 10 phải ghi hai chữ số (0{number}), theo Nghị định 30/2020/NĐ-CP."
    if doc_type in LEGAL_YEAR_TYPES and not year:
        return (
            f"{DOCUMENT_TYPES[doc_type][0]} là văn bản quy phạm pháp luật: số, ký hiệu phải có năm ban hành, "
            "ví dụ 37/2020/TT-BGDĐT."
        )
    if year and issue_date and int(year) != issue_date.year:
        return f"Năm trong số, ký hiệu ({year}) khác năm của ngày ban hành ({issue_date.year})."
    if not doc_type or issuer is None:
        return None  # the missing field gets its own "required" message
    parts = symbol.split("-")
    abbreviation = DOCUMENT_TYPES[doc_type][1]
    issuer_abbr = issuer.abbreviation
    if abbreviation:
        if parts[0] != abbreviation:
            return (
                f"Ký hiệu phải bắt đầu bằng chữ viết tắt của loại văn bản "
                f"“{DOCUMENT_TYPES[doc_type][0]}” là {abbreviation}, "
                f"ví dụ {number}/{abbreviation}-{issuer_abbr}."
            )
        rest = parts[1:]
    else:  # công văn, luật: no type abbreviation
        rest = parts[1:] if parts[0] == "CV" and len(parts) > 1 else parts
    if not rest or rest[0] != issuer_abbr:
        example = f"{number}/{abbreviation}-{issuer_abbr}" if abbreviation else f"{number}/{issuer_abbr}-VP"
        return (
            f"Ký hiệu không khớp cơ quan ban hành {issuer}: sau loại văn bản phải là {issuer_abbr}, "
            f"ví dụ {example}."
        )
    return None


class DocumentFile(OfficeFileAttachment):
    """A file of the document (the signed PDF, an annex in Word or Excel)."""

    page = ParentalKey(OfficialDocumentPage, on_delete=models.CASCADE, related_name="files")
    label = models.CharField("Mô tả tệp", max_length=200, blank=True, help_text="Ví dụ: Bản ký số, Phụ lục")

    class Meta(OfficeFileAttachment.Meta):
        verbose_name = "Tệp văn bản"
        verbose_name_plural = "Tệp văn bản"


def _related_documents():
    """{document id: [ids of the documents it relates to, then of those relating to it]} in one query."""
    related = {}
    rows = list(
        DocumentRelation.objects.order_by("page_id", "sort_order", "pk").values_list("page_id", "target_id")
    )
    for page_id, target_id in rows:
        related.setdefault(page_id, []).append(target_id)
    for page_id, target_id in sorted(rows, key=lambda row: row[1]):
        related.setdefault(target_id, []).append(page_id)
    return related


class DocumentRelation(Orderable):
    """A relation to another document: this one replaces, amends or relates to ``target``."""

    class Kind(models.TextChoices):
        REPLACES = "thay-the", "Thay thế văn bản"
        AMENDS = "sua-doi", "Sửa đổi, bổ sung văn bản"
        RELATES = "lien-quan", "Văn bản liên quan"
        IMPLEMENTS = "can-cu", "Căn cứ văn bản"

    REVERSE_LABELS = {
        "thay-the": "Bị thay thế bởi",
        "sua-doi": "Được sửa đổi, bổ sung bởi",
        "lien-quan": "Văn bản liên quan",
        "can-cu": "Được dùng làm căn cứ cho",
    }

    page = ParentalKey(OfficialDocumentPage, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField("Quan hệ", max_length=20, choices=Kind.choices, default=Kind.RELATES)
    target = models.ForeignKey(
        OfficialDocumentPage,
        verbose_name="Văn bản",
        on_delete=models.CASCADE,
        related_name="incoming_relations",
    )

    panels = [FieldPanel("kind"), FieldPanel("target")]

    class Meta(Orderable.Meta):
        verbose_name = "Quan hệ văn bản"
        verbose_name_plural = "Quan hệ văn bản"

    def clean(self):
        super().clean()
        if self.target_id and self.page_id and self.target_id == self.page_id:
            raise ValidationError({"target": "Văn bản không thể liên quan đến chính nó."})


class StatusCheck(models.Model):
    """The last day (Vietnam time) the periodic job looked for documents whose legal status changed."""

    checked_on = models.DateField()

    class Meta:
        verbose_name = "Lần kiểm tra hiệu lực"
        verbose_name_plural = "Lần kiểm tra hiệu lực"

    def __str__(self):
        return f"{self.checked_on:%d/%m/%Y}"
