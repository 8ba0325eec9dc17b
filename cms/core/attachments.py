"""The shared shape of an office file attached to a page (documents, notices): content-checked on save."""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from .files import validate_office_file
from .vietnamese import nfc


class OfficeFileAttachment(Orderable):
    """A Wagtail document (PDF, Word, Excel: extension and content checked) with a short label.

    Subclasses add the ``page`` ParentalKey and their own Meta.
    """

    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="Tệp", on_delete=models.PROTECT, related_name="+"
    )
    label = models.CharField("Mô tả tệp", max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        abstract = True

    def clean(self):
        super().clean()
        self.label = nfc(self.label)
        if self.document_id:
            try:
                validate_office_file(self.document.file)
            except ValidationError as exc:
                raise ValidationError({"document": exc.messages}) from exc
