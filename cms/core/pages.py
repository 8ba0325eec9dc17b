"""Behaviour every portal page shares: NFC text and Vietnamese-folded slugs."""

from .text import clean_instance
from .vietnamese import slugify_vi


class VietnamesePageMixin:
    """Normalise text fields (NFC, no control characters) and fold the slug (đ→d) before validation and save.

    Editors paste from Word or macOS, which often yields decomposed (NFD) text; stored text
    must be NFC so that search, sorting and comparisons behave.
    """

    def _normalise_vietnamese(self):
        # NFC and no control characters in every text, rich-text and StreamField field (cms.core.text),
        # before validation too, so the revision an editor submits is already clean.
        clean_instance(self)
        folded = slugify_vi(self.slug or self.title or "")
        if folded:
            self.slug = folded

    def full_clean(self, *args, **kwargs):
        self._normalise_vietnamese()
        return super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        self._normalise_vietnamese()
        return super().save(*args, **kwargs)
