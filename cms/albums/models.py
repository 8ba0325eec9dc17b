"""Thư viện ảnh (photo albums): one album per school event, grouped by school year.

``AlbumIndexPage`` ("Thư viện ảnh", under the home page) → ``AlbumPage`` with ordered ``AlbumPhoto`` rows.
Photos are images of Wagtail's image library (chosen, not uploaded again) with a caption and a required alt
text. A photo showing pupils is published only with the parents' consent (clarifications #14): every public
output (page, search index, Open Graph) reads :meth:`AlbumPage.public_photos`, never ``photos``. Albums go
through the news route (vice principal → principal), attached by ``editorial.moderation.workflows``
(page key ``albums``).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.images import get_image_model_string
from wagtail.models import Orderable, Page

from cms.core.listings import pages_under
from cms.core.pages import VietnamesePageMixin
from cms.core.school_years import current_school_year, school_year_name_for
from cms.core.vietnamese import nfc


class AlbumIndexPage(VietnamesePageMixin, Page):
    """The public "Thư viện ảnh": albums by school year, the current year first."""

    intro = models.TextField("Giới thiệu", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["albums.AlbumPage"]
    max_count = 1
    show_in_menus_default = True
    shows_school_structure = True  # marks the current school year

    class Meta:
        verbose_name = "Thư viện ảnh"
        verbose_name_plural = "Thư viện ảnh"

    def albums(self):
        """Live public albums, newest event first."""
        # The shared listing shape: a walk of albums_event_date_idx from the newest end.
        return pages_under(AlbumPage, self, children_only=True).order_by("-event_date", "-pk")

    def years(self):
        """[(school year, [albums])], newest school year first."""
        groups = {}
        for album in self.albums():
            groups.setdefault(album.school_year, []).append(album)
        return sorted(groups.items(), reverse=True)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["years"] = self.years()
        year = current_school_year()
        context["current_year"] = year.name if year else ""
        return context


class AlbumPage(VietnamesePageMixin, Page):
    """One event's photos (e.g. "Hội khỏe Phù Đổng cấp trường"); the school year follows the event date."""

    sitemap_date_field = "event_date"  # its sitemap part follows this year

    event_date = models.DateField("Ngày diễn ra", default=timezone.localdate)
    school_year = models.CharField("Năm học", max_length=9, blank=True, editable=False)
    intro = models.TextField("Giới thiệu ngắn", blank=True, max_length=600)

    content_panels = Page.content_panels + [
        FieldPanel("event_date"),
        FieldPanel("intro"),
        InlinePanel(
            "photos",
            label="Ảnh",
            min_num=1,
            help_text="Ảnh có học sinh chỉ được đăng khi cha mẹ học sinh đã đồng ý.",
        ),
    ]
    parent_page_types = ["albums.AlbumIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Album ảnh"
        verbose_name_plural = "Album ảnh"
        # "Thư viện ảnh" reads albums newest event first (cms.core.listings): a walk of this index.
        indexes = [models.Index(fields=["event_date", "page_ptr"], name="albums_event_date_idx")]

    def save(self, *args, **kwargs):
        if self.event_date:
            self.school_year = school_year_name_for(self.event_date)
        super().save(*args, **kwargs)

    @property
    def lead(self):
        """Page description, Open Graph and feed text."""
        return self.intro

    @property
    def publication_date(self):
        return self.event_date

    def public_photos(self):
        """Photos that may be published (no pupils, or the parents' consent), in order, with their images."""
        return [p for p in self.photos.select_related("image").all() if p.is_publishable and p.image_id]

    def private_media_objects(self):
        """Images of photos that may not be published (no consent) and no public photo of this album uses:
        the static builder never copies their files (``cms.publishing.media.page_refs``)."""
        public = {photo.image_id for photo in self.public_photos()}
        return [
            photo.image
            for photo in self.photos.select_related("image").all()
            if photo.image_id and photo.image_id not in public
        ]

    def cover(self):
        """The first public photo, or None."""
        photos = self.public_photos()
        return photos[0] if photos else None

    def search_shard(self):
        return "thu-vien-anh"


class AlbumPhoto(Orderable):
    """One photo of an album: an image of the library, a caption, an alt text and the consent flags."""

    page = ParentalKey(AlbumPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        get_image_model_string(), on_delete=models.PROTECT, related_name="+", verbose_name="Ảnh"
    )
    caption = models.CharField("Chú thích", max_length=300, blank=True)
    alt_text = models.CharField(
        "Mô tả ảnh (cho người khiếm thị)",
        max_length=250,
        help_text="Tả điều ảnh cho thấy, không ghi họ tên đầy đủ của học sinh.",
    )
    shows_pupils = models.BooleanField("Ảnh có học sinh", default=True)
    consent = models.BooleanField("Cha mẹ học sinh đồng ý đăng", default=False)

    panels = [
        FieldPanel("image"),
        FieldRowPanel([FieldPanel("caption"), FieldPanel("alt_text")]),
        FieldRowPanel([FieldPanel("shows_pupils"), FieldPanel("consent")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Ảnh"
        verbose_name_plural = "Ảnh"

    @property
    def is_publishable(self):
        """No pupils in it, or the parents agreed."""
        return not self.shows_pupils or self.consent

    def clean(self):
        self.caption = nfc(self.caption).strip()
        self.alt_text = nfc(self.alt_text).strip()
        if not self.alt_text:
            raise ValidationError({"alt_text": "Cần mô tả ảnh cho người khiếm thị."})
