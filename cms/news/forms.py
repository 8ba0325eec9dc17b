"""The admin form of articles: a pupil's article is checked on the server (``cms.news.pupil_rules``)."""

from django.forms.utils import ErrorList
from wagtail import hooks
from wagtail.blocks import StreamBlockValidationError

from cms.core.forms import VietnamesePageForm

from .pupil_rules import article_problems

RESTRICTIONS_HOOK = "article_writer_restrictions"


def writer_restriction(user):
    """The first restriction a ``article_writer_restrictions`` hook gives for ``user`` (None: staff)."""
    if user is None:
        return None
    for hook in hooks.get_hooks(RESTRICTIONS_HOOK):
        restriction = hook(user)
        if restriction is not None:
            return restriction
    return None


class ArticlePageForm(VietnamesePageForm):
    """Refuses, field by field with Vietnamese messages, what a pupil's article may not contain.

    Nothing is dropped silently: the pupil sees what to remove and keeps everything else they typed.
    """

    def clean(self):
        cleaned_data = super().clean()
        restriction = writer_restriction(self.for_user)
        if restriction is None:
            return cleaned_data
        page = self.instance
        for name in ("body", "cover_image"):
            if name in cleaned_data:
                setattr(page, name, cleaned_data[name])
        problems = article_problems(page, restriction)
        if problems:
            # Shown above the article's blocks by Wagtail's StreamField editor.
            self.add_error("body", StreamBlockValidationError(non_block_errors=ErrorList(problems)))
        return cleaned_data
