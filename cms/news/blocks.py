"""StreamField blocks of an article body."""

import re
from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from .pupil_rules import PUPIL_FEATURES

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "www.youtube-nocookie.com"}


def youtube_id(url):
    """Return the 11-character video id of a YouTube address, or ``None`` if it is not one.

    Accepts the forms editors paste: ``watch?v=…``, ``youtu.be/…``, ``shorts/…``, ``embed/…``.
    """
    try:
        parsed = urlparse((url or "").strip())
    except ValueError:
        return None
    host = (parsed.hostname or "").lower()
    if host not in _YOUTUBE_HOSTS:
        return None
    candidate = None
    if host == "youtu.be":
        candidate = parsed.path.strip("/").split("/")[0]
    elif parsed.path == "/watch":
        candidate = (parse_qs(parsed.query).get("v") or [""])[0]
    else:
        parts = parsed.path.strip("/").split("/")
        if len(parts) >= 2 and parts[0] in ("shorts", "embed", "live", "v"):
            candidate = parts[1]
    return candidate if candidate and _YOUTUBE_ID.match(candidate) else None


class ImageBlock(blocks.StructBlock):
    """An image with a required description for screen readers and an optional caption."""

    image = ImageChooserBlock(label="Ảnh")
    alt_text = blocks.CharBlock(
        label="Mô tả ảnh (cho người khiếm thị)",
        max_length=250,
        help_text="Bắt buộc: mô tả ngắn nội dung ảnh.",
    )
    caption = blocks.CharBlock(label="Chú thích", required=False, max_length=250)

    def clean(self, value):
        value = super().clean(value)
        if not (value.get("alt_text") or "").strip():
            raise ValidationError("Vui lòng nhập mô tả ảnh.")
        return value

    class Meta:
        icon = "image"
        label = "Ảnh"
        template = "news/blocks/image.html"


class GalleryImageBlock(ImageBlock):
    """One photo of a gallery: same rules as a single image (description required)."""

    class Meta:
        icon = "image"
        label = "Ảnh trong bộ ảnh"


class GalleryBlock(blocks.StructBlock):
    """A set of photos shown as a grid; each photo keeps its own description and caption."""

    title = blocks.CharBlock(label="Tên bộ ảnh", required=False, max_length=200)
    images = blocks.ListBlock(GalleryImageBlock(), label="Các ảnh", min_num=2, max_num=30)

    class Meta:
        icon = "image"
        label = "Bộ ảnh"
        template = "news/blocks/gallery.html"


class QuoteBlock(blocks.StructBlock):
    """A quotation with who said it."""

    text = blocks.TextBlock(label="Trích dẫn")
    attribution = blocks.CharBlock(label="Người nói", required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = "Trích dẫn"
        template = "news/blocks/quote.html"


class VideoBlock(blocks.StructBlock):
    """A YouTube video as a local poster and a link: nothing from a third party loads with the page."""

    url = blocks.URLBlock(label="Địa chỉ video YouTube", help_text="Ví dụ: https://www.youtube.com/watch?v=…")
    title = blocks.CharBlock(label="Tên video", max_length=200)
    duration = blocks.CharBlock(label="Thời lượng", required=False, max_length=20, help_text="Ví dụ: 3:25")

    def clean(self, value):
        value = super().clean(value)
        if not youtube_id(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError("Đây không phải địa chỉ video YouTube hợp lệ.")}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        video_id = youtube_id(value.get("url"))
        context["watch_url"] = f"https://www.youtube.com/watch?v={video_id}" if video_id else value.get("url")
        return context

    class Meta:
        icon = "media"
        label = "Video (YouTube)"
        template = "news/blocks/video.html"


class AttachmentBlock(blocks.StructBlock):
    """A file to download (Wagtail document), linked by its direct media address so the static site has it."""

    document = DocumentChooserBlock(label="Tệp đính kèm")
    title = blocks.CharBlock(
        label="Tên hiển thị", required=False, max_length=200, help_text="Để trống để dùng tên của tệp."
    )

    class Meta:
        icon = "doc-full"
        label = "Tệp đính kèm"
        template = "news/blocks/attachment.html"


class ArticleTableBlock(TableBlock):
    """A data table (first row as column headings by default), scrollable on phones."""

    class Meta:
        icon = "table"
        label = "Bảng"
        template = "news/blocks/table.html"


class ArticleBodyBlock(blocks.StreamBlock):
    """Paragraphs, images, galleries, quotes, tables, videos and attachments, in any order."""

    paragraph = blocks.RichTextBlock(
        label="Đoạn văn",
        features=["bold", "italic", "link", "ol", "ul", "h2", "h3"],
        template="news/blocks/paragraph.html",
    )
    image = ImageBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()
    table = ArticleTableBlock(
        table_options={"startRows": 3, "startCols": 3, "colHeaders": False, "rowHeaders": False},
    )
    video = VideoBlock()
    attachment = AttachmentBlock()


class PupilArticleBodyBlock(blocks.StreamBlock):
    """The body editor a pupil sees: only what ``cms.news.pupil_rules`` accepts on the server.

    Paragraphs with bold, italic, lists and links (``PUPIL_FEATURES``: no headings, document links, embeds or
    images inside the text), quotes, images and galleries (the chooser offers only the class's collection,
    ``editorial.class_images``); no tables, videos or attachments. Block names and stored values are the
    same as ``ArticleBodyBlock``'s, so the page keeps one StreamField; only the editor differs
    (``cms.news.forms.ArticlePageForm`` swaps it in for pupils).
    """

    paragraph = blocks.RichTextBlock(
        label="Đoạn văn", features=list(PUPIL_FEATURES), template="news/blocks/paragraph.html"
    )
    image = ImageBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()
