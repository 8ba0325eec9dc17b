"""Wagtail's image and document forms with the project's upload gate (``cms.core.files``).

Set as ``WAGTAILIMAGES_IMAGE_FORM_BASE`` and ``WAGTAILDOCS_DOCUMENT_FORM_BASE``, so every admin path that
stores a file goes through them: the add and edit views, the multiple uploader and the choosers' upload tabs.
Our check runs before Wagtail's own (whose messages are English), and images are stored sanitised (EXIF
orientation applied, metadata removed, HEIC converted to JPEG).
"""

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from .files import check_upload, sanitise_image


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, with ``check_upload(file, "image")`` before Wagtail's own checks."""

    def to_python(self, data):
        if data is not None and hasattr(data, "read"):
            check_upload(data, "image")
        return super().to_python(data)


class CheckedImageForm(BaseImageForm):
    """Image form base: the file is checked (type, size, pixels, animation) and stored without metadata."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if isinstance(field, WagtailImageField) and not isinstance(field, CheckedImageField):
            # Wagtail builds the field itself (formfield_for_dbfield); switch it to our subclass in place so
            # its widget, label and limits stay Wagtail's.
            field.__class__ = CheckedImageField
            # "image/*" only: Wagtail adds "image/heic", which makes Safari on macOS refuse every file.
            field.widget.attrs["accept"] = "image/*"

    def clean_file(self):
        file = self.cleaned_data.get("file")
        # add_prefix: the choosers' upload tabs use a prefixed form ("image-chooser-upload-file").
        if (
            file is not None
            and self.add_prefix("file") in self.files
            and not getattr(file, "portal_sanitised", False)
        ):
            file = sanitise_image(file)
        return file


class CheckedDocumentForm(BaseDocumentForm):
    """Document form base: extension from WAGTAILDOCS_EXTENSIONS and content must agree (no renamed files)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None:
            # Our check first (Django's own "empty file" message would come before clean_file).
            to_python = field.to_python

            def checked_to_python(data):
                if data is not None and hasattr(data, "read"):
                    check_upload(data, "document")
                return to_python(data)

            field.to_python = checked_to_python

    def _post_clean(self):
        # Wagtail's Document.clean() repeats a refused file as an English "File extension “” is not allowed";
        # our Vietnamese message already says what is wrong.
        file_errors = list(self.errors.get("file", []))
        super()._post_clean()
        if file_errors:
            self.errors["file"] = self.error_class(file_errors)
