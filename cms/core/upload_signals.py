"""The multiple uploader's holding area gets the same sanitising as the image form.

When a multiple-upload form fails on a field other than the file (the file itself passed ``check_upload``),
Wagtail keeps the raw upload as an ``UploadedFile`` and later copies it into the image. Strip its metadata
here, before it is stored, so that path too keeps no EXIF/GPS (and HEIC becomes JPEG).
"""

from django.core.exceptions import ValidationError
from wagtail.images import get_image_model

from .files import check_upload, sanitise_image


def sanitise_held_upload(sender, instance, **kwargs):
    """``pre_save`` of ``wagtail.models.UploadedFile``: re-encode a new image upload without metadata."""
    file = instance.file
    if not file or getattr(file, "_committed", True) or instance.for_content_type_id is None:
        return
    if instance.for_content_type.model_class() is not get_image_model():
        return
    raw = file.file
    if getattr(raw, "portal_sanitised", False):
        return
    try:
        check_upload(raw, "image")
    except ValidationError:
        return  # the upload form already refused it; nothing of it is used
    instance.file = sanitise_image(raw)
