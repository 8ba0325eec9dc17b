"""The admin form of articles: a pupil's article is checked on the server (``cms.news.pupil_rules``)."""

from django.forms.utils import ErrorList
from wagtail import hooks
from wagtail.blocks import BlockWidget, StreamBlockValidationError

from cms.core.forms import VietnamesePageForm

from .blocks import PupilArticleBodyBlock
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


class PupilBodyWidget(BlockWidget):
    """Shows the pupil's narrowed editor but reads the post with the full body block.

    Whatever arrives (a hand-made post with a table) is then parsed, and refused by ``article_problems``
    with a Vietnamese message, instead of failing on a block type the pupil's editor does not know.
    """

    def __init__(self, block_def, full_block, attrs=None):
        super().__init__(block_def, attrs=attrs)
        self.full_block = full_block

    def value_from_datadict(self, data, files, name):
        return self.full_block.value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data, files, name):
        return self.full_block.value_omitted_from_data(data, files, name)


class ArticlePageForm(VietnamesePageForm):
    """Refuses, field by field with Vietnamese messages, what a pupil's article may not contain.

    Nothing is dropped silently: the pupil sees what to remove and keeps everything else they typed. A
    pupil's editor offers only what the server accepts (``PupilArticleBodyBlock``: no tables, videos,
    attachments or headings; bold, italic, lists and links), so the toolbar and the rule agree.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.writer_restriction = writer_restriction(self.for_user)
        body = self.fields.get("body")
        if self.writer_restriction is not None and body is not None:
            body.widget = PupilBodyWidget(PupilArticleBodyBlock(), body.block)

    def clean(self):
        cleaned_data = super().clean()
        restriction = self.writer_restriction
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
