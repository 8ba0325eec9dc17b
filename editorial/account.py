"""“Tài khoản của tôi”: what a person may change about themselves (Quy chế 3.1, clarification #11).

Names, positions and e-mail addresses are managed by the principal (``editorial.views``), so they reach
dashboards, e-mails and reports only from there: Wagtail's "Name and e-mail" panel is removed, and so is the
profile-picture upload (photos of pupils; and one upload path less). A person changes their password, their
own opt-in contact details (phone, "show publicly"), language, theme and notifications.
"""

from django import forms
from wagtail.admin.views.account import AccountView, BaseSettingsPanel

from .models import Position, StaffProfile

HIDDEN_PANELS = {"name_email", "avatar"}


class SchoolAccountView(AccountView):
    """Wagtail's account page without the panels a person may not use on themselves."""

    def get_panels(self):
        return [panel for panel in super().get_panels() if panel.name not in HIDDEN_PANELS]


class ContactDetailsForm(forms.ModelForm):
    """A staff member's own phone number and whether their contacts may be shown publicly (opt-in)."""

    class Meta:
        model = StaffProfile
        fields = ["phone", "show_contact_publicly"]


class ContactDetailsPanel(BaseSettingsPanel):
    """Own contact details for staff (pupils' contacts are never public)."""

    name = "contact"
    title = "Thông tin liên hệ"
    order = 150
    form_class = ContactDetailsForm
    form_object = "staff_profile"

    def _profile(self):
        return StaffProfile.objects.filter(user=self.user).first()

    def is_active(self):
        profile = self._profile()
        return profile is not None and profile.position != Position.STUDENT

    def get_form(self):
        kwargs = {"instance": self._profile(), "prefix": self.name}
        if self.request.method == "POST":
            return self.form_class(self.request.POST, **kwargs)
        return self.form_class(**kwargs)
