"""Account form of the principal: person, position and place in this year's structure.

Never groups or superuser:

Roles are not chosen here: they follow from position and memberships (``editorial.roles``). The form has no
``is_superuser``, ``is_staff``, ``groups`` or ``user_permissions`` field, so a crafted POST carrying them is
ignored by construction.
"""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.db import transaction
from wagtail.admin.widgets import AdminDateInput

from cms.core.vietnamese import nfc

from .models import (
    ClassMembership,
    Department,
    DepartmentMembership,
    Position,
    SchoolClass,
    SchoolYear,
    StaffProfile,
    Union,
    UnionMembership,
)
from .roles import roles_synced_once


class AccountForm(forms.ModelForm):
    """Create or edit one account and its place in the current school year."""

    position = forms.ChoiceField(label="Chức vụ", choices=Position.choices)
    phone = forms.CharField(label="Điện thoại", required=False, max_length=20)
    show_contact_publicly = forms.BooleanField(
        label="Đồng ý công khai thông tin liên hệ", required=False, initial=False
    )
    leaving = forms.BooleanField(
        label="Rời trường khi sang năm học mới",
        required=False,
        help_text="Tài khoản sẽ bị khoá khi năm học mới bắt đầu (bài viết, lượt mượn, nhật ký được giữ).",
    )
    department = forms.ModelChoiceField(label="Tổ", queryset=Department.objects.none(), required=False)
    is_department_head = forms.BooleanField(label="Là tổ trưởng của tổ này", required=False)
    student_class = forms.ModelChoiceField(
        label="Lớp (nếu là học sinh)", queryset=SchoolClass.objects.none(), required=False
    )
    homeroom_class = forms.ModelChoiceField(
        label="Chủ nhiệm lớp", queryset=SchoolClass.objects.none(), required=False
    )
    unions = forms.ModelMultipleChoiceField(
        label="Đoàn thể", queryset=Union.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    password1 = forms.CharField(label="Mật khẩu", widget=forms.PasswordInput, required=False, strip=False)
    password2 = forms.CharField(
        label="Nhập lại mật khẩu", widget=forms.PasswordInput, required=False, strip=False
    )

    class Meta:
        model = get_user_model()
        fields = ["username", "last_name", "first_name", "email"]
        help_texts = {
            "username": "Bắt buộc; tối đa 150 ký tự: chữ cái, chữ số và @ . + - _ (ví dụ: giaovien2)."
        }
        labels = {
            "username": "Tên đăng nhập",
            "last_name": "Họ và tên đệm",
            "first_name": "Tên",
            "email": "Thư điện tử",
        }

    def __init__(self, *args, acting_user, **kwargs):
        super().__init__(*args, **kwargs)
        self.acting_user = acting_user
        self.year = SchoolYear.objects.current()
        self.creating = self.instance.pk is None
        for name in ("last_name", "first_name"):
            self.fields[name].required = True
        if self.year is not None:
            self.fields["department"].queryset = Department.objects.filter(school_year=self.year)
            classes = SchoolClass.objects.filter(school_year=self.year)
            self.fields["student_class"].queryset = classes
            self.fields["homeroom_class"].queryset = classes
            self.fields["unions"].queryset = Union.objects.filter(school_year=self.year)
        if self.creating:
            self.fields["password1"].required = True
            self.fields["password2"].required = True
        else:
            del self.fields["password1"]
            del self.fields["password2"]
            self._load_initial()
        if self.is_self:
            # Nobody changes their own role: the principal cannot promote or lock out themselves.
            for name in (
                "position",
                "department",
                "is_department_head",
                "student_class",
                "homeroom_class",
                "unions",
                "leaving",
            ):
                self.fields[name].disabled = True

    @property
    def is_self(self):
        return self.instance.pk is not None and self.instance.pk == self.acting_user.pk

    def _load_initial(self):
        user = self.instance
        profile = StaffProfile.objects.filter(user=user).first()
        if profile:
            self.initial.update(
                position=profile.position,
                phone=profile.phone,
                show_contact_publicly=profile.show_contact_publicly,
                leaving=profile.leaving,
            )
        if self.year is None:
            return
        membership = DepartmentMembership.objects.filter(user=user, school_year=self.year).first()
        headed = Department.objects.filter(school_year=self.year, head=user).first()
        department = membership.department if membership else headed
        self.initial["department"] = department.pk if department else None
        self.initial["is_department_head"] = bool(headed and department and headed.pk == department.pk)
        student = ClassMembership.objects.filter(user=user, school_year=self.year).first()
        self.initial["student_class"] = student.school_class_id if student else None
        homeroom = SchoolClass.objects.filter(school_year=self.year, homeroom_teacher=user).first()
        self.initial["homeroom_class"] = homeroom.pk if homeroom else None
        self.initial["unions"] = list(
            UnionMembership.objects.filter(user=user, school_year=self.year).values_list(
                "union_id", flat=True
            )
        )

    def clean_username(self):
        return nfc(self.cleaned_data["username"]).strip()

    def clean(self):
        cleaned = super().clean()
        for name in ("last_name", "first_name", "phone"):
            if isinstance(cleaned.get(name), str):
                cleaned[name] = nfc(cleaned[name]).strip()
        if cleaned.get("is_department_head") and not cleaned.get("department"):
            self.add_error("is_department_head", "Hãy chọn tổ mà người này làm tổ trưởng.")
        if cleaned.get("student_class") and cleaned.get("position") != Position.STUDENT:
            self.add_error(
                "student_class", "Chỉ học sinh mới được xếp vào lớp; giáo viên chọn ô “Chủ nhiệm lớp”."
            )
        if cleaned.get("homeroom_class") and cleaned.get("position") == Position.STUDENT:
            self.add_error("homeroom_class", "Học sinh không thể làm giáo viên chủ nhiệm.")
        if cleaned.get("phone"):
            profile = StaffProfile(user=self.instance if self.instance.pk else None, phone=cleaned["phone"])
            try:
                profile.clean_fields(exclude=["user", "position", "show_contact_publicly", "leaving"])
            except forms.ValidationError as error:
                self.add_error("phone", error.message_dict.get("phone"))
        if self.creating:
            password1, password2 = cleaned.get("password1"), cleaned.get("password2")
            if password1 and password2 and password1 != password2:
                self.add_error("password2", "Hai mật khẩu không khớp.")
            elif password1:
                probe = get_user_model()(
                    username=cleaned.get("username", ""),
                    first_name=cleaned.get("first_name", ""),
                    last_name=cleaned.get("last_name", ""),
                    email=cleaned.get("email", ""),
                )
                # Pupils get the shorter password rule (cms.security.passwords).
                probe.staff_profile = StaffProfile(position=cleaned.get("position") or Position.TEACHER)
                try:
                    password_validation.validate_password(password1, probe)
                except forms.ValidationError as error:
                    self.add_error("password1", error)
        return cleaned

    def save(self, commit=True):
        """Save the account, its profile and this year's memberships; roles are re-derived once at the end."""
        with transaction.atomic(), roles_synced_once():
            return self._save()

    def _save(self):
        user = super().save(commit=False)
        if self.creating:
            user.set_password(self.cleaned_data["password1"])
            user.is_staff = False
            user.is_superuser = False
        user.save()
        data = self.cleaned_data
        StaffProfile.objects.update_or_create(
            user=user,
            defaults={
                "position": data["position"],
                "phone": data.get("phone", ""),
                "show_contact_publicly": data.get("show_contact_publicly", False),
                "leaving": data.get("leaving", False),
            },
        )
        if self.year is not None and not self.is_self:
            self._save_memberships(user, data)
        return user

    def _save_memberships(self, user, data):
        year = self.year
        department = data.get("department")
        DepartmentMembership.objects.filter(user=user, school_year=year).exclude(
            department=department
        ).delete()
        if department is not None:
            DepartmentMembership.objects.get_or_create(department=department, user=user, school_year=year)
        for headed in Department.objects.filter(school_year=year, head=user):
            if not (data.get("is_department_head") and headed == department):
                headed.head = None
                headed.save(update_fields=["head"])
        if data.get("is_department_head") and department is not None and department.head_id != user.pk:
            department.head = user
            department.save(update_fields=["head"])

        student_class = data.get("student_class")
        ClassMembership.objects.filter(user=user, school_year=year).exclude(
            school_class=student_class
        ).delete()
        if student_class is not None:
            ClassMembership.objects.get_or_create(school_class=student_class, user=user, school_year=year)
        homeroom = data.get("homeroom_class")
        for school_class in SchoolClass.objects.filter(school_year=year, homeroom_teacher=user).exclude(
            pk=getattr(homeroom, "pk", None)
        ):
            school_class.homeroom_teacher = None
            school_class.save(update_fields=["homeroom_teacher"])
        if homeroom is not None and homeroom.homeroom_teacher_id != user.pk:
            homeroom.homeroom_teacher = user
            homeroom.save(update_fields=["homeroom_teacher"])

        unions = set(data.get("unions") or [])
        UnionMembership.objects.filter(user=user, school_year=year).exclude(union__in=unions).delete()
        for union in unions:
            UnionMembership.objects.get_or_create(union=union, user=user, school_year=year)


class ResetPasswordForm(forms.Form):
    """The principal sets a new password for an account (checked by the site's password rules)."""

    password1 = forms.CharField(label="Mật khẩu mới", widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label="Nhập lại mật khẩu mới", widget=forms.PasswordInput, strip=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "Hai mật khẩu không khớp.")
        elif password1:
            try:
                password_validation.validate_password(password1, self.user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


DATE_INPUTS = ["%d/%m/%Y", "%Y-%m-%d"]


class NewSchoolYearForm(forms.Form):
    """Copy a school year's structure and board into a new year."""

    name = forms.CharField(label="Tên năm học mới", max_length=9, help_text="Ví dụ 2026–2027.")
    start_date = forms.DateField(
        label="Ngày bắt đầu", input_formats=DATE_INPUTS, widget=AdminDateInput(format="%d/%m/%Y")
    )
    end_date = forms.DateField(
        label="Ngày kết thúc", input_formats=DATE_INPUTS, widget=AdminDateInput(format="%d/%m/%Y")
    )
    make_current = forms.BooleanField(
        label="Đặt làm năm học hiện tại ngay",
        required=False,
        help_text="Quyền của mọi người sẽ theo cơ cấu năm mới.",
    )

    def clean_name(self):
        name = nfc(self.cleaned_data["name"]).strip().replace("-", "–")
        if SchoolYear.objects.filter(name=name).exists():
            raise forms.ValidationError(f"Năm học {name} đã có.")
        return name

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("name") and cleaned.get("start_date") and cleaned.get("end_date"):
            probe = SchoolYear(
                name=cleaned["name"], start_date=cleaned["start_date"], end_date=cleaned["end_date"]
            )
            try:
                probe.clean()
            except forms.ValidationError as error:
                for field, messages in error.message_dict.items():
                    self.add_error(field if field in self.fields else None, messages)
        return cleaned
