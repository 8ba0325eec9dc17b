"""The file of an image or document the public site uses cannot be replaced in place (clarification #9).

"Uses" includes what will go public without another approval: pages approved with a go-live time ahead and
pages under review (see ``media.in_public_use``).

Replacing the bytes behind a published decision or photo would change the public site without approval.
To change it, upload a new file and change the page, which goes through moderation. The rule is held in
the Wagtail edit forms (``WAGTAILDOCS_DOCUMENT_FORM_BASE``, ``WAGTAILIMAGES_IMAGE_FORM_BASE``) with a
Vietnamese message, and again before any save (``guard_public_file``), so no other path can do it.
"""

from django.core.exceptions import ValidationError

from cms.core.upload_forms import CheckedDocumentForm, CheckedImageForm

from .media import in_public_use

REPLACE_REFUSED = (
    "Tệp này đang được dùng trên trang công khai (hoặc trong một trang đã duyệt chờ đến giờ đăng, "
    "hay đang chờ duyệt) nên không thể thay bằng tệp khác. "
    "Hãy tải lên một tệp mới, rồi sửa trang đang dùng tệp này để chọn tệp mới và gửi duyệt lại."
)


class PublicFileFormMixin:
    """Refuses a new file for an image or document that a public page or setting uses."""

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and "file" in self.changed_data and in_public_use(self.instance):
            self.add_error("file", REPLACE_REFUSED)
        return cleaned


# The focal point decides every cropped rendition ("fill-…"): moving it changes the published photos.
FOCAL_FIELDS = ("focal_point_x", "focal_point_y", "focal_point_width", "focal_point_height")
FOCAL_REFUSED = (
    "Ảnh này đang được dùng trên trang công khai (hoặc trong một trang chờ đăng, chờ duyệt) nên không thể "
    "đổi điểm lấy nét: các ảnh cắt trên trang công khai sẽ đổi mà không ai duyệt. Hãy tải lên một bản ảnh "
    "mới, đặt điểm lấy nét, rồi sửa trang để chọn ảnh mới và gửi duyệt."
)


class DocumentForm(PublicFileFormMixin, CheckedDocumentForm):
    """The checked document form (``cms.core.upload_forms``: type, size, content), public-file rule."""


class ImageForm(PublicFileFormMixin, CheckedImageForm):
    """The checked image form (``cms.core.upload_forms``: type, size, pixels, EXIF), public-file rule; the
    focal point of an image in public use is held too (it changes the cropped renditions)."""

    def clean(self):
        cleaned = super().clean()
        moved = any(name in self.changed_data for name in FOCAL_FIELDS)
        if self.instance.pk and moved and in_public_use(self.instance):
            self.add_error(None, FOCAL_REFUSED)
            for name in FOCAL_FIELDS:
                # Not copied onto the instance either: Wagtail saves it again while showing the form's errors.
                cleaned.pop(name, None)
        return cleaned


def guard_public_file(sender, instance, raw=False, **kwargs):
    """``pre_save`` of images and documents: refuse a changed file (or focal point) in public use."""
    if raw or not instance.pk:
        return
    focal = [name for name in FOCAL_FIELDS if hasattr(instance, name)]
    stored = sender.objects.filter(pk=instance.pk).values("file", *focal).first()
    if stored is None:
        return
    file_changed = stored["file"] != instance.file.name
    focal_changed = any(stored[name] != getattr(instance, name) for name in focal)
    if (file_changed or focal_changed) and in_public_use(instance):
        raise ValidationError(REPLACE_REFUSED if file_changed else FOCAL_REFUSED)
