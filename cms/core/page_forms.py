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


class PortalPageForm(WagtailAdminPageForm):
    """Wagtail's page form whose ``has_changed()`` reports real edits only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.show_hidden_initial = False
