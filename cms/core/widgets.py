"""Admin widgets shared by every content type."""

from wagtail.admin.widgets.slug import SlugInput

from .vietnamese import slug_formatters


class VietnameseSlugInput(SlugInput):
    """Wagtail's slug input with the project's Vietnamese folding (``cms.core.vietnamese.slugify_vi``).

    Wagtail's own scripts turn đ into "dj" and drop letters they do not know (ộ, ể, ầ …). The formatters
    run in the browser before Wagtail's ``urlify``, while a title is typed (``TitleFieldPanel`` syncs the
    title into the slug) and when the slug field itself loses focus. Registered for every ``SlugField`` of
    the admin in ``CoreConfig.ready`` so one widget serves every page type.
    """

    def __init__(self, attrs=None, formatters=None, locale=None):
        super().__init__(attrs=attrs, formatters=formatters or slug_formatters(), locale=locale)
