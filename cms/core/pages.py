"""Behaviour every portal page shares: NFC text, Vietnamese slugs and folded search text."""

from wagtail.search import index

from .forms import VietnameseCopyForm, VietnamesePageForm
from .text import clean_instance
from .vietnamese import fold, is_mangled_slug, slugify_vi

FOLDED_FIELD = "search_folded"  # cms.core.search folds queries for models that index it


def never_published(page):
    """True if ``page`` has never been public: its address can still change without breaking a link."""
    return not page.live and page.first_published_at is None and page.last_published_at is None


def repaired_slug(page):
    """The slug ``page`` should be saved with (``cms.core.vietnamese.slugify_vi`` of its slug or title).

    The slug is always folded (đ→d, no tone marks). A page that was never published also gets the
    title's slug when its slug is a stock script's mangling of the title ("dji-tuyn-…" for "Đội tuyển …",
    see ``is_mangled_slug``). A published page keeps its address: changing it is a deliberate act, after
    which Wagtail records a ``Redirect`` (``WAGTAILREDIRECTS_AUTO_CREATE``) that the static builder writes.
    """
    title = page.title or ""
    slug = slugify_vi(page.slug or title)
    if title and never_published(page) and is_mangled_slug(page.slug, title):
        slug = slugify_vi(title)
    return slug or page.slug


class VietnamesePageMixin:
    """Normalise text fields (NFC, no control characters) and repair the slug before validation and saving;
    index folded text.

    Editors paste from Word or macOS, which often yields decomposed (NFD) text; stored text
    must be NFC so that search, sorting and comparisons behave. The slug rule is ``repaired_slug``.
    The search index gets ``search_folded`` (title and every indexed text, folded), so the admin's page
    search finds "Đội tuyển Đá cầu" when someone types "doi tuyen da cau" (queries are folded by
    ``cms.core.search``). The admin form (``cms.core.forms.VietnamesePageForm``, built on
    ``cms.core.page_forms.PortalPageForm``: an untouched editor is never "changed") keeps the address of a
    published page unless the board changes it.
    """

    base_form_class = VietnamesePageForm
    # Wagtail's copy view reads ``copy_form_class``: the copy's address is folded like the editor's.
    copy_form_class = VietnameseCopyForm

    def _normalise_vietnamese(self):
        # NFC and no control characters in every text, rich-text and StreamField field (cms.core.text),
        # before validation too, so the revision an editor submits is already clean.
        clean_instance(self)
        folded = repaired_slug(self)
        if folded:
            self.slug = folded

    def full_clean(self, *args, **kwargs):
        self._normalise_vietnamese()
        return super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        self._normalise_vietnamese()
        return super().save(*args, **kwargs)

    def search_folded(self):
        """Title and the other indexed texts of the page, folded (no tone marks, đ→d), for admin search."""
        parts = []
        for field in type(self).search_fields:
            if isinstance(field, index.SearchField) and field.field_name != FOLDED_FIELD:
                parts.append(_plain_text(self, field.field_name))
        return fold(" ".join(part for part in parts if part))

    @classmethod
    def get_search_fields(cls):
        """Wagtail's search fields of the page type plus ``search_folded`` (full text and autocomplete)."""
        fields = list(super().get_search_fields())
        # The admin's page search uses autocomplete (prefix match on the last word), other searches the
        # full text: index the folded copy for both. Pages may keep it as a column (documents, notices).
        for kind in (index.SearchField, index.AutocompleteField):
            if not any(type(f) is kind and f.field_name == FOLDED_FIELD for f in fields):
                fields.append(kind(FOLDED_FIELD))
        return fields


def _plain_text(page, name):
    """The text of one indexed field: StreamField blocks by their searchable content, HTML without tags."""
    from django.core.exceptions import FieldDoesNotExist
    from django.utils.html import strip_tags
    from wagtail.fields import StreamField

    value = getattr(page, name, "")
    value = value() if callable(value) else value
    if value is None:
        return ""
    try:
        model_field = page._meta.get_field(name)
    except FieldDoesNotExist:
        model_field = None
    if isinstance(model_field, StreamField):
        texts = model_field.stream_block.get_searchable_content(value)
        return " ".join(strip_tags(str(text)) for text in texts)
    return strip_tags(str(value))
