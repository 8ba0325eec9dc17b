"""The admin form every portal page type starts from (``VietnamesePageMixin.base_form_class``)."""

import re
from urllib.parse import unquote

from django import forms
from wagtail import hooks
from wagtail.admin.forms.pages import CopyForm

from .page_forms import PortalPageForm
from .vietnamese import slugify_vi
from .widgets import VietnameseSlugInput

_PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")

ADDRESS_HOOK = "may_change_published_address"
ADDRESS_LOCKED = (
    "Trang này đã được đăng: chỉ Ban biên tập được đổi địa chỉ của trang (các liên kết cũ đang trỏ tới "
    "địa chỉ “{slug}”). Hãy giữ địa chỉ cũ hoặc nhờ Ban biên tập đổi."
)


def may_change_published_address(user):
    """True if ``user`` may change the address of a published page: a ``may_change_published_address``
    hook says so (``editorial`` answers: the board); without any hook, superusers only."""
    if user is None:
        return False
    answers = [hook(user) for hook in hooks.get_hooks(ADDRESS_HOOK)]
    return any(answers) if answers else user.is_superuser


class VietnamesePageForm(PortalPageForm):
    """``PortalPageForm`` (real edits only, bylines from the account) that also keeps the address of a
    published page unless the board changes it.

    Wagtail then records a ``Redirect`` from the old address when the change is published, and the static
    builder writes it (``cms.publishing.renderers.redirects``). Pages never published take any address;
    the model repairs stock-script slugs (``cms.core.pages.repaired_slug``).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        posted = self.data.get("slug") if self.is_bound else None
        if posted and not _PLAIN_SLUG.fullmatch(posted):
            # A slug typed or pasted with marks, spaces or %-escapes ("th%C3%B4ng-b%C3%A1o", "Thông báo"):
            # folded here instead of Django's English "Enter a valid slug" error.
            data = self.data.copy()
            data["slug"] = slugify_vi(unquote(posted))
            self.data = data

    def clean(self):
        cleaned_data = super().clean()
        page = self.instance
        shown = self.initial.get("slug") or ""
        slug = cleaned_data.get("slug")
        published = page.pk and (page.live or page.first_published_at or page.last_published_at)
        if (
            published
            and slug
            and slugify_vi(slug) != shown
            and not may_change_published_address(self.for_user)
        ):
            self.add_error("slug", ADDRESS_LOCKED.format(slug=shown))
        return cleaned_data


class VietnameseCopyForm(CopyForm):
    """Wagtail's "Sao chép trang" form with the project's Vietnamese slug folding (every page type).

    Wagtail builds the copy form's ``new_slug`` with its stock ``SlugInput`` (đ → "dj", unknown letters
    dropped) and never syncs the new title into it. Here the slug uses ``VietnameseSlugInput`` and the new
    title drives it while typed (the ``w-sync`` controller, as ``TitleFieldPanel`` does in the editor); the
    server folds whatever arrives with ``slugify_vi`` before Wagtail checks the address is free.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        slug = self.fields["new_slug"]
        slug.widget = VietnameseSlugInput(locale=self.page.locale)
        slug.allow_unicode = False
        self.fields["new_title"].widget.attrs.update(
            {
                "data-controller": "w-sync",
                "data-action": "focus->w-sync#check blur->w-sync#apply change->w-sync#apply "
                "keyup->w-sync#apply",
                "data-w-sync-target-value": "#id_new_slug",
            }
        )

    def clean_new_slug(self):
        slug = slugify_vi(self.cleaned_data.get("new_slug") or "")
        if not slug:
            raise forms.ValidationError("Vui lòng nhập địa chỉ (slug) cho bản sao.")
        return slug
