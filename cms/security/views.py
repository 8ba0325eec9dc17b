"""Back-office views: login activity and unlocking (principal, portal administrator), two-factor steps."""

from urllib.parse import urlencode

import segno
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from wagtail.log_actions import log

from . import two_factor

MANAGE_ACCOUNTS = "editorial.manage_accounts"
ADMIN_ROLE_KEY = "quan_tri"


def can_manage_logins(user):
    """The principal (account management right) or the portal administrator (Điều 13.6), or a superuser."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser or user.has_perm(MANAGE_ACCOUNTS):
        return True
    return user.groups.filter(school_role__key=ADMIN_ROLE_KEY).exists()


def lockouts():
    """Current lockouts: attempts at or over the failure limit, still inside the cool-off time."""
    attempts = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    cool_off = getattr(settings, "AXES_COOLOFF_TIME", None)
    if cool_off:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    return attempts.order_by("-attempt_time")


def login_activity(request):
    """Recent sign-ins and failures, and the accounts locked now with an "unlock" button each."""
    if not can_manage_logins(request.user):
        raise PermissionDenied
    username = (request.GET.get("username") or "").strip()
    logins = AccessLog.objects.order_by("-attempt_time")
    failures = AccessFailureLog.objects.order_by("-attempt_time")
    if username:
        logins = logins.filter(username__iexact=username)
        failures = failures.filter(username__iexact=username)
    return TemplateResponse(
        request,
        "security/login_activity.html",
        {
            "lockouts": lockouts(),
            "logins": logins[:100],
            "failures": failures[:100],
            "username": username,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cool_off_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
            if settings.AXES_COOLOFF_TIME
            else None,
        },
    )


@require_POST
def unlock(request, pk):
    """Remove one lockout (username + address) so the person can sign in again; audit-logged."""
    if not can_manage_logins(request.user):
        raise PermissionDenied
    attempt = get_object_or_404(AccessAttempt, pk=pk)
    username, address = attempt.username, attempt.ip_address
    AccessAttempt.objects.filter(username=username, ip_address=address).delete()
    from django.contrib.auth import get_user_model

    account = get_user_model().objects.filter(username=username).first()
    if account is not None:
        log(account, "security.unlocked", data={"ip_address": address}, user=request.user)
    messages.success(request, f"Đã mở khoá đăng nhập cho “{username}” (từ địa chỉ {address}).")
    return redirect("security_login_activity")


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Mã xác thực",
        max_length=20,
        help_text="6 chữ số trong ứng dụng xác thực, hoặc một mã dự phòng.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or reverse("wagtailadmin_home")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("wagtailadmin_home")
    return target


def _require_login(request):
    if not request.user.is_authenticated:
        return redirect(f"{reverse('wagtailadmin_login')}?{urlencode({'next': request.get_full_path()})}")
    return None


def two_factor_setup(request):
    """First two-factor setup: scan the QR code, type the code it shows, receive the recovery codes once."""
    response = _require_login(request)
    if response:
        return response
    user = request.user
    if two_factor.user_has_device(user) and not request.user.is_verified():
        return redirect("security_two_factor_verify")
    device = two_factor.new_totp_device(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = "".join(form.cleaned_data["token"].split())
        if device.verify_token(token):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = two_factor.new_recovery_codes(user)
            otp_login(request, device)
            log(user, "security.two_factor_enabled", user=user)
            return TemplateResponse(
                request, "security/two_factor_codes.html", {"codes": codes, "next": _next_url(request)}
            )
        form.add_error("token", "Mã không đúng hoặc đã hết hạn; hãy nhập mã đang hiện trong ứng dụng.")
    qr = segno.make(device.config_url, error="m")
    svg = qr.svg_inline(scale=5, title="Mã QR để thêm tài khoản vào ứng dụng xác thực")
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode().rstrip("=")
    return TemplateResponse(
        request,
        "security/two_factor_setup.html",
        {"form": form, "qr_svg": mark_safe(svg), "secret": secret, "next": _next_url(request)},  # noqa: S308
    )


def two_factor_verify(request):
    """The second step of signing in: a code from the authenticator app or a recovery code."""
    response = _require_login(request)
    if response:
        return response
    if not two_factor.user_has_device(request.user):
        return redirect("security_two_factor_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.verify(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        if two_factor.throttled(request.user):
            form.add_error(
                "token", "Mã không đúng hoặc đã được dùng. Vì an toàn, hãy đợi vài giây rồi nhập lại mã mới."
            )
        else:
            form.add_error("token", "Mã không đúng hoặc đã được dùng; hãy thử lại với mã mới.")
    return TemplateResponse(
        request, "security/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )
