"""The admin form every portal page type is edited with (``VietnamesePageMixin.base_form_class``).

Django gives a form field ``show_hidden_initial`` when its model field has a *callable* default
(``default=timezone.localdate`` on publication dates, notice dates, validity times…) and then compares the
posted value with a hidden "initial-" input. Wagtail's ``FieldPanel`` never renders that hidden input, so
such fields counted as changed on every post: an untouched editor looked edited, saved a new revision on
every workflow click and, with re-approval on edit, sent the item back to the first stage (issue 10).
Without ``show_hidden_initial`` the field is compared with the instance's stored value, as every other
field is. One fix here serves every page type, including ones added later.
"""

from wagtail.admin.forms import WagtailAdminPageForm

BYLINE_HELP = "Lấy từ tài khoản tác giả khi gửi duyệt; chỉ Ban biên tập được sửa."


class PortalPageForm(WagtailAdminPageForm):
    """Wagtail's page form whose ``has_changed()`` reports real edits only.

    Page types with a byline from the account (``BYLINE_FIELDS`` and ``byline_from_account``, e.g.
    ``ArticlePage``) get it filled from the author's account on save; only the board may edit those fields.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.show_hidden_initial = False
        self.byline_locked = bool(getattr(self.instance, "BYLINE_FIELDS", ())) and not _is_board(
            self.for_user
        )
        if self.byline_locked:
            for name in self.instance.BYLINE_FIELDS:
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[
                        name
                    ].help_text = "Lấy từ tài khoản tác giả khi gửi duyệt; chỉ Ban biên tập được sửa."

    def clean(self):
        cleaned_data = super().clean()
        account_byline = getattr(self.instance, "byline_from_account", None)
        if account_byline is not None:
            author = getattr(self.instance, "owner", None) or self.for_user
            for name, value in (account_byline(author) or {}).items():
                if name in self.fields and (self.byline_locked or not cleaned_data.get(name)):
                    cleaned_data[name] = value
        return cleaned_data


def _is_board(user):
    # Lazy: the board is known from the school structure (editorial), which builds on these page models.
    from editorial.moderation.access import is_board

    return bool(user) and is_board(user)
