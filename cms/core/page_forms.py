"""The admin form every portal page type is edited with (``VietnamesePageMixin.base_form_class``).

Django gives a form field ``show_hidden_initial`` when its model field has a *callable* default
(``default=timezone.localdate`` on publication dates, notice dates, validity times…) and then compares the
posted value with a hidden "initial-" input. Wagtail's ``FieldPanel`` never renders that hidden input, so
such fields counted as changed on every post: an untouched editor looked edited, saved a new revision on
every workflow click and, with re-approval on edit, sent the item back to the first stage (issue 10).
Without ``show_hidden_initial`` the field is compared with the instance's stored value, as every other
field is. One fix here serves every page type, including ones added later.
"""

from django import forms
from django.db.models import Q
from wagtail.admin.forms import WagtailAdminPageForm

CHOICE_REFUSED = "Thầy/cô không được chọn “{label}” cho bài này."
BYLINE_HELP = "Lấy từ tài khoản tác giả khi gửi duyệt; chỉ Ban biên tập được sửa."


class PortalPageForm(WagtailAdminPageForm):
    """Wagtail's page form whose ``has_changed()`` reports real edits only.

    Page types with a byline from the account (``BYLINE_FIELDS`` and ``byline_from_account``, e.g.
    ``ArticlePage``) get it filled on save: from the author's account, or from what the author chose in
    ``BYLINE_CHOICE_FIELDS`` (a pupil of their class, a group byline: ``byline_options``, checked on the
    server by ``byline_choice_problems``). The byline fields are the board's to edit; the choices are the
    author's until the item is first submitted (or published), then the board's only.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.show_hidden_initial = False
        page = self.instance
        has_byline = bool(getattr(page, "BYLINE_FIELDS", ()))
        self.is_board = has_byline and _is_board(self.for_user)
        self.byline_locked = has_byline and not self.is_board
        # After submission the stored byline stands: only the board changes it (clarification "#8").
        self.byline_frozen = self.byline_locked and _submitted(page)
        if self.byline_locked:
            for name in page.BYLINE_FIELDS:
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = BYLINE_HELP
        if has_byline:
            self._byline_choice_fields()

    def _byline_choice_fields(self):
        """Offer each choice field only with what this user may choose (and the stored value)."""
        page = self.instance
        names = [name for name in getattr(page, "BYLINE_CHOICE_FIELDS", ()) if name in self.fields]
        if not names:
            return
        options = page.byline_options(self.for_user) if self.for_user else {"pupils": None, "groups": []}
        if "written_for" in names:
            field = self.fields["written_for"]
            pupils = options["pupils"]
            if pupils is not None and page.written_for_id:
                ids = Q(pk__in=pupils.values("pk")) | Q(pk=page.written_for_id)
                pupils = pupils.model.objects.filter(ids).order_by("first_name", "last_name")
            if pupils is None or not pupils.exists():
                del self.fields["written_for"]
            else:
                field.queryset = pupils
                field.label_from_instance = _person_label
                field.empty_label = "Không (bài của chính tôi)"
                field.error_messages["invalid_choice"] = "Chỉ gửi bài thay được cho học sinh của lớp mình."
        if "group_byline" in names:
            groups = list(options["groups"])
            stored = page.group_byline
            if stored and stored not in dict(groups):
                groups.append((stored, page.author_name or stored))
            if not groups:
                del self.fields["group_byline"]
            else:
                old = self.fields["group_byline"]
                self.fields["group_byline"] = forms.ChoiceField(
                    label=old.label,
                    help_text=old.help_text,
                    required=False,
                    choices=[("", "Cá nhân (tên người viết)"), *groups],
                    error_messages={"invalid_choice": "Thầy/cô không được đứng tên tập thể này."},
                )
        if self.byline_frozen:
            for name in names:
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = BYLINE_HELP

    def clean(self):
        cleaned_data = super().clean()
        page = self.instance
        account_byline = getattr(page, "byline_from_account", None)
        if account_byline is None:
            return cleaned_data
        names = getattr(page, "BYLINE_CHOICE_FIELDS", ())
        choices = {name: cleaned_data.get(name, getattr(page, name, None)) for name in names}
        changed = {name for name in names if name in self.fields and name in self.changed_data}
        for name in names:
            posted = self.data.get(self.add_prefix(name))
            stored = getattr(page, f"{name}_id", None) if hasattr(page, f"{name}_id") else getattr(page, name)
            if name not in self.fields and posted and str(posted) != str(stored or ""):
                # Not offered to this user (a forged post): refused, never silently ignored.
                label = page._meta.get_field(name).verbose_name
                self.add_error(None, CHOICE_REFUSED.format(label=label))
        if changed:
            problems = page.byline_choice_problems(self.for_user, choices, section=self.parent_page)
            for name, message in problems.items():
                if name in self.fields:
                    self.add_error(name, message)
        author = getattr(page, "owner", None) or self.for_user
        values = account_byline(author, choices if names else None) or {}
        override = (self.byline_locked and not self.byline_frozen) or bool(changed)
        for name, value in values.items():
            if name not in self.fields:
                continue
            if override or not cleaned_data.get(name):
                cleaned_data[name] = value
        return cleaned_data


def _person_label(user):
    from .people import full_name

    return full_name(user)


def _submitted(page):
    """Whether ``page`` was ever submitted for moderation or published (its byline then stands)."""
    if not page.pk:
        return False
    if page.first_published_at or page.live:
        return True
    from wagtail.models import WorkflowState

    return WorkflowState.objects.for_instance(page).exists()


def _is_board(user):
    # Lazy: the board is known from the school structure (editorial), which builds on these page models.
    from editorial.moderation.access import is_board

    return bool(user) and is_board(user)
