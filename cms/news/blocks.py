"""StreamField blocks of an article body."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


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


class QuoteBlock(blocks.StructBlock):
    """A quotation with who said it."""

    text = blocks.TextBlock(label="Trích dẫn")
    attribution = blocks.CharBlock(label="Người nói", required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = "Trích dẫn"
        template = "news/blocks/quote.html"


class ArticleBodyBlock(blocks.StreamBlock):
    """Paragraphs, images and quotes, in any order."""

    paragraph = blocks.RichTextBlock(
        label="Đoạn văn",
        features=["bold", "italic", "link", "ol", "ul", "h2", "h3"],
        template="news/blocks/paragraph.html",
    )
    image = ImageBlock()
    quote = QuoteBlock()
