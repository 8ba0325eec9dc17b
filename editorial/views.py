"""Admin views: the principal's account management and the new-school-year action.

Every view checks ``editorial.manage_accounts`` (or the school-year permission) on the server and answers 403
otherwise. Superuser accounts are invisible here (404) so nobody can take one over by resetting its password.
"""

from datetime import date
from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from cms.core.vietnamese import nfc
from cms.security.passwords import require_password_change

from .account_admin import PRINCIPAL_KEY, grants_review_rights, is_principal
from .forms import AccountForm, NewSchoolYearForm, ResetPasswordForm
from .models import DepartmentMembership, Position, SchoolYear
from .models.profiles import order_people, person_name, search_people
from .roles import role_keys_for, sync_user_roles
from .services import start_new_school_year

MANAGE_ACCOUNTS = "editorial.manage_accounts"


def require_perm(codename):
    """403 unless the user holds ``codename`` (checked on every request, GET and POST alike)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.has_perm(codename):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _accounts():
    return get_user_model().objects.filter(is_superuser=False)


def _account(pk):
    user = get_object_or_404(get_user_model(), pk=pk)
    if user.is_superuser:
        raise Http404
    return user


@require_perm(MANAGE_ACCOUNTS)
def account_list(request):
    """All school accounts with position, department and roles."""
    year = SchoolYear.objects.current()
    users = (
        _accounts()
        .select_related("staff_profile")
        .prefetch_related(
            "groups",
            Prefetch(
                "department_memberships",
                queryset=DepartmentMembership.objects.filter(school_year=year).select_related("department"),
            ),
        )
    )
    # Active accounts first, each group in Vietnamese name order (given name, then family name; Đ after D).
    users = order_people(users, "-is_active")
    query = nfc(request.GET.get("q", "")).strip()
    if query:
        users = search_people(users, query)  # tone marks and đ folded: "duc" finds "Đức"
    position = request.GET.get("position", "")
    if position in Position.values:
        users = users.filter(staff_profile__position=position)
    page = Paginator(users, 50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "editorial/accounts/index.html",
        {
            "users": page,
            "page": page,
            "year": year,
            "query": query,
            "position": position,
            "positions": Position.choices,
        },
    )


def _changed_fields(form):
    return sorted(name for name in form.changed_data if not name.startswith("password"))


class _NeedsPrincipal(Exception):
    pass


def _save_account(request, form):
    """Save the account form; return the user, or None (with a form error) when the principal is needed.

    The portal administrator holding the account delegation (Điều 13.6) may not make a change that grants
    reviewing or publishing rights (clarification #11): it is rolled back with a Vietnamese message.
    """
    if is_principal(request.user):
        return form.save()
    User = get_user_model()
    try:
        with transaction.atomic():
            before = role_keys_for(User.objects.get(pk=form.instance.pk)) if form.instance.pk else set()
            user = form.save()
            after = role_keys_for(User.objects.select_related("staff_profile").get(pk=user.pk))
            if grants_review_rights(before, after):
                raise _NeedsPrincipal
    except _NeedsPrincipal:
        form.add_error(
            None,
            "Thay đổi này trao quyền thẩm định hoặc xuất bản (chức vụ, tổ trưởng, chủ nhiệm lớp…): chỉ Hiệu "
            "trưởng thực hiện được.",
        )
        return None
    return user


def _account_for(request, pk):
    """An account the acting person may manage: the principal's own account is the principal's alone."""
    account = _account(pk)
    if not is_principal(request.user) and account.groups.filter(school_role__key=PRINCIPAL_KEY).exists():
        raise PermissionDenied
    return account


@require_perm(MANAGE_ACCOUNTS)
def account_create(request):
    """Create an account with its position and place in this year's structure."""
    form = AccountForm(request.POST or None, acting_user=request.user)
    if request.method == "POST" and form.is_valid() and (user := _save_account(request, form)):
        # Điều 2: the person chooses their own password at first login (pupils excepted).
        require_password_change(user)
        log(user, "editorial.account_created", data={"fields": _changed_fields(form)})
        messages.success(request, f"Đã tạo tài khoản “{user.username}”.")
        return redirect("editorial_accounts:index")
    if request.method == "POST":
        messages.error(request, "Chưa lưu được tài khoản: hãy sửa các lỗi bên dưới.")
    return TemplateResponse(
        request, "editorial/accounts/form.html", {"form": form, "title": "Tạo tài khoản", "account": None}
    )


@require_perm(MANAGE_ACCOUNTS)
def account_edit(request, pk):
    """Edit an account; roles follow from the position and memberships chosen here."""
    account = _account_for(request, pk)
    form = AccountForm(request.POST or None, instance=account, acting_user=request.user)
    if request.method == "POST" and form.is_valid() and (user := _save_account(request, form)):
        if form.changed_data:
            log(user, "editorial.account_changed", data={"fields": _changed_fields(form)})
        messages.success(request, f"Đã lưu tài khoản “{user.username}”.")
        return redirect("editorial_accounts:index")
    if request.method == "POST":
        messages.error(request, "Chưa lưu được tài khoản: hãy sửa các lỗi bên dưới.")
    return TemplateResponse(
        request,
        "editorial/accounts/form.html",
        {
            "form": form,
            "title": f"Sửa tài khoản {person_name(account)}",
            "account": account,
        },
    )


@require_perm(MANAGE_ACCOUNTS)
@require_POST
def account_set_active(request, pk, active):
    """Deactivate (khoá) or reactivate an account; a locked account loses every school role at once."""
    account = _account_for(request, pk)
    if account.pk == request.user.pk:
        messages.error(request, "Bạn không thể tự khoá tài khoản của mình.")
        return redirect("editorial_accounts:index")
    if active and not account.is_active and not is_principal(request.user):
        account.is_active = True  # in memory: which roles would the reactivated account get?
        if grants_review_rights(set(), role_keys_for(account)):
            messages.error(
                request,
                "Mở khoá tài khoản này trao lại quyền thẩm định hoặc xuất bản: chỉ Hiệu trưởng thực hiện.",
            )
            return redirect("editorial_accounts:index")
        account.is_active = False
    if account.is_active != active:
        account.is_active = active
        account.save(update_fields=["is_active"])
        log(account, "editorial.account_reactivated" if active else "editorial.account_deactivated")
        sync_user_roles(account)
    verb = "mở khoá" if active else "khoá"
    messages.success(request, f"Đã {verb} tài khoản “{account.username}”.")
    return redirect("editorial_accounts:index")


@require_perm(MANAGE_ACCOUNTS)
def account_password(request, pk):
    """Set a new password for an account (the person should change it at first login)."""
    account = _account_for(request, pk)
    form = ResetPasswordForm(request.POST or None, user=account)
    if request.method == "POST" and form.is_valid():
        account.set_password(form.cleaned_data["password1"])
        account.save(update_fields=["password"])
        require_password_change(account)
        log(account, "editorial.password_reset")
        messages.success(request, f"Đã đặt lại mật khẩu cho “{account.username}”.")
        return redirect("editorial_accounts:index")
    return TemplateResponse(
        request,
        "editorial/accounts/form.html",
        {
            "form": form,
            "title": f"Đặt lại mật khẩu: {account.username}",
            "account": account,
            "password": True,
        },
    )


@require_perm("editorial.add_schoolyear")
def new_school_year(request, pk):
    """Copy a school year's departments, classes, unions and board into a new year (the old one is kept)."""
    source = get_object_or_404(SchoolYear, pk=pk)
    from .services import _next_name

    name = _next_name(source)
    first = int(name[:4])
    initial = {"name": name, "start_date": date(first, 8, 1), "end_date": date(first + 1, 5, 31)}
    form = NewSchoolYearForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            year = start_new_school_year(
                source,
                name=form.cleaned_data["name"],
                start_date=form.cleaned_data["start_date"],
                end_date=form.cleaned_data["end_date"],
                make_current=form.cleaned_data["make_current"],
                user=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, f"Đã tạo năm học {year} từ năm học {source}; năm học {source} được giữ nguyên."
            )
            return redirect(reverse("editorial_school_years:index"))
    return TemplateResponse(
        request,
        "editorial/accounts/form.html",
        {
            "form": form,
            "title": f"Sao chép năm học {source} sang năm học mới",
            "account": None,
            "submit_label": "Sao chép",
            "cancel_url": reverse("editorial_school_years:index"),
        },
    )


def _homeroom_pupils(teacher):
    """Pupils of the classes ``teacher`` is homeroom teacher of this school year (Điều 7.4)."""
    year = SchoolYear.objects.current()
    if year is None or not teacher.is_authenticated:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(
            is_superuser=False,
            class_memberships__school_year=year,
            class_memberships__school_class__homeroom_teacher=teacher,
            class_memberships__school_class__school_year=year,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def is_homeroom_teacher(user):
    """True when ``user`` is the homeroom teacher of a class with pupil accounts this year."""
    return _homeroom_pupils(user).exists()


def homeroom_pupils(request):
    """A homeroom teacher's list of their pupils' accounts, each with "reset password"."""
    pupils = _homeroom_pupils(request.user)
    if not pupils.exists():
        raise PermissionDenied
    return TemplateResponse(request, "editorial/accounts/homeroom.html", {"pupils": pupils})


def homeroom_pupil_password(request, pk):
    """The homeroom teacher gives their pupil a new simple (not trivial) password; no forced change."""
    pupil = get_object_or_404(_homeroom_pupils(request.user), pk=pk)
    form = ResetPasswordForm(request.POST or None, user=pupil)
    if request.method == "POST" and form.is_valid():
        pupil.set_password(form.cleaned_data["password1"])
        pupil.save(update_fields=["password"])
        log(pupil, "editorial.password_reset", user=request.user)
        messages.success(request, f"Đã đặt lại mật khẩu cho học sinh {person_name(pupil)}.")
        return redirect("editorial_homeroom:index")
    return TemplateResponse(
        request,
        "editorial/accounts/form.html",
        {
            "form": form,
            "title": f"Đặt lại mật khẩu cho học sinh {person_name(pupil)}",
            "account": pupil,
            "password": True,
            "cancel_url": reverse("editorial_homeroom:index"),
        },
    )


@require_perm(MANAGE_ACCOUNTS)
def leavers(request):
    """The current year's leavers (GET: the list; POST: lock them all) — clarification #11."""
    from .leavers import deactivate_leavers
    from .leavers import leavers as find_leavers

    year = SchoolYear.objects.current()
    if request.method == "POST":
        people = deactivate_leavers(year, actor=request.user)
        messages.success(
            request,
            f"Đã khoá {len(people)} tài khoản người rời trường; bài viết, lượt mượn và nhật ký vẫn được giữ.",
        )
        return redirect("editorial_leavers")
    return TemplateResponse(
        request,
        "editorial/accounts/leavers.html",
        {"year": year, "people": find_leavers(year).select_related("staff_profile")},
    )
