"""Admin forms of the structure sections: memberships are validated before anything is saved.

modelcluster validates inline rows before they know their parent, so the "one department (or class) per
person per year" and "no one twice in a list" rules are checked here, on the parent form, with a Vietnamese
message instead of a database error.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.db import models
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.models import register_form_field_override

from .models import BoardMembership, ClassMembership, Department, DepartmentMembership, Position
from .models.profiles import order_people, person_name

# Positions a department head may propose for a department of each kind (clarification #11: heads
# propose staff of their department's kind; pupils, the school board and the editorial board are placed
# by the principal).
HEAD_ELIGIBLE_POSITIONS = {
    Department.Kind.PROFESSIONAL: {Position.TEACHER, Position.DEPARTMENT_HEAD},
    Department.Kind.OFFICE: {Position.CLERK, Position.LIBRARIAN, Position.NURSE, Position.PORTAL_ADMIN},
}


def head_may_add(user, department):
    """True when ``user`` may be proposed for ``department``: staff of its kind, not on a board."""
    profile = getattr(user, "staff_profile", None)
    if profile is None or profile.position not in HEAD_ELIGIBLE_POSITIONS.get(department.kind, set()):
        return False
    return not BoardMembership.objects.filter(user=user, school_year=department.school_year_id).exists()


class PersonChoiceField(forms.ModelChoiceField):
    """A person chooser showing "Phạm Văn Tuấn (hieutruong)", sorted the Vietnamese way (by given name)."""

    def __init__(self, queryset, *args, **kwargs):
        super().__init__(order_people(queryset), *args, **kwargs)

    def label_from_instance(self, obj):
        return f"{person_name(obj)} ({obj.username})"


# Every person field of a Wagtail admin form (the structure, the board and their inline rows) uses it.
register_form_field_override(
    models.ForeignKey, to=get_user_model(), override={"form_class": PersonChoiceField}
)


class MembershipsForm(WagtailAdminModelForm):
    """Base form: ``per_year`` names the membership model whose person is unique within a school year."""

    per_year = None
    parent_field = None
    group_label = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "school_year" in self.fields:
            # Rows of a year stay in that year (memberships carry it); a new year is made by copying.
            self.fields["school_year"].disabled = True
            self.fields[
                "school_year"
            ].help_text = "Không đổi được năm học; hãy dùng “Sao chép sang năm học mới”."

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("memberships")
        if formset is None or formset.errors and any(formset.errors):
            return cleaned
        year = cleaned.get("school_year") or getattr(self.instance, "school_year", None)
        seen = set()
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            user = data.get("user")
            if user is None or data.get("DELETE"):
                continue
            if user.pk in seen:
                form.add_error("user", "Người này đã có trong danh sách.")
            seen.add(user.pk)
            if self.per_year is not None and year is not None:
                clash = self.per_year.objects.filter(school_year=year, user=user).select_related(
                    self.parent_field
                )
                if self.instance.pk:
                    clash = clash.exclude(**{self.parent_field: self.instance})
                clash = clash.first()
                if clash is not None:
                    other = getattr(clash, self.parent_field).name
                    person = person_name(user)
                    form.add_error("user", f"{person} đã thuộc {self.group_label}{other} năm học này.")
        return cleaned


class DepartmentAdminForm(MembershipsForm):
    per_year = DepartmentMembership
    parent_field = "department"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if user is not None and not user.has_perm("editorial.change_department"):
            # A department head (Điều 5.1) manages the member list only; the rest is the principal's.
            for name in ("school_year", "name", "kind", "head", "sections"):
                if name in self.fields:
                    self.fields[name].disabled = True

    @property
    def limited_to_members(self):
        user = getattr(self, "for_user", None)
        return user is not None and not user.has_perm("editorial.change_department")

    def submitted_member_ids(self):
        """Ids of the people the (valid) submitted member list keeps or adds."""
        formset = self.formsets["memberships"]
        ids = set()
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("user") is not None and not data.get("DELETE"):
                ids.add(data["user"].pk)
        return ids

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("memberships")
        if not self.limited_to_members or formset is None or not self.instance.pk:
            return cleaned
        current = set(self.instance.memberships.values_list("user_id", flat=True))
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            user = data.get("user")
            if user is None or data.get("DELETE") or user.pk in current:
                continue
            if not head_may_add(user, self.instance):
                kind = self.instance.get_kind_display()
                form.add_error(
                    "user",
                    f"Tổ trưởng chỉ đề nghị thêm được cán bộ, giáo viên thuộc loại “{kind}”. "
                    f"{person_name(user)} là "
                    "học sinh, thành viên Ban giám hiệu, Ban biên tập hoặc thuộc loại tổ khác: Hiệu trưởng "
                    "xếp tổ cho người này.",
                )
        return cleaned


class SchoolClassAdminForm(MembershipsForm):
    per_year = ClassMembership
    parent_field = "school_class"
    group_label = "lớp "
