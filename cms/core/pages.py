"""Behaviour every portal page shares: NFC text and Vietnamese-folded slugs."""

from django.db import models

from .page_forms import PortalPageForm
from .vietnamese import nfc, slugify_vi


class VietnamesePageMixin:
    """Normalise text fields to NFC and fold the slug (đ→d) before validation and saving.

    Editors paste from Word or macOS, which often yields decomposed (NFD) text; stored text
    must be NFC so that search, sorting and comparisons behave.

    Every page type is edited with ``PortalPageForm`` (an untouched editor is never "changed").
    """

    base_form_class = PortalPageForm

    def _normalise_vietnamese(self):
        for field in self._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField) and field.name != "slug":
                value = getattr(self, field.attname)
                if isinstance(value, str):
                    setattr(self, field.attname, nfc(value))
        folded = slugify_vi(self.slug or self.title or "")
        if folded:
            self.slug = folded

    def full_clean(self, *args, **kwargs):
        self._normalise_vietnamese()
        return super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        self._normalise_vietnamese()
        return super().save(*args, **kwargs)
