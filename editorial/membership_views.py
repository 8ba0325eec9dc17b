"""Admin views of the principal: department heads' membership requests and the account delegation (13.6)."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from . import membership_requests
from .account_admin import PORTAL_ADMIN_KEY, is_principal
from .models import AccountDelegation, MembershipRequest
from .models.profiles import order_people, person_name


def _deciders_only(request):
    if not membership_requests.may_decide(request.user):
        raise PermissionDenied


def request_list(request):
    """Pending requests (approve / refuse with a reason) and the 50 latest decisions."""
    _deciders_only(request)
    rows = MembershipRequest.objects.select_related(
        "department__school_year", "person", "requested_by", "decided_by"
    )
    return TemplateResponse(
        request,
        "editorial/membership_requests.html",
        {
            "pending": rows.filter(status=MembershipRequest.Status.PENDING).order_by("requested_at", "pk"),
            "decided": rows.exclude(status=MembershipRequest.Status.PENDING).order_by("-decided_at")[:50],
        },
    )


def _decide(request, pk, decide, done):
    _deciders_only(request)
    try:
        item = decide()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"{done}: {item.get_action_display().lower()} {person_name(item.person)} "
            f"({item.department.name}).",
        )
    return redirect("editorial_membership_requests:index")


@require_POST
def request_approve(request, pk):
    """Apply one request (the principal, or the delegate for changes that grant no reviewing rights)."""
    return _decide(request, pk, lambda: membership_requests.approve(pk, request.user), "Đã duyệt đề nghị")


@require_POST
def request_refuse(request, pk):
    """Refuse one request; the optional reason goes to the head."""
    reason = (request.POST.get("reason") or "")[:1000]
    return _decide(
        request, pk, lambda: membership_requests.refuse(pk, request.user, reason), "Đã từ chối đề nghị"
    )


class DelegationForm(forms.Form):
    delegate = forms.ModelChoiceField(
        label="Quản trị cổng TTĐT được uỷ quyền",
        queryset=get_user_model().objects.none(),
        help_text="Người này quản lý tài khoản và duyệt đề nghị của tổ trưởng thay Hiệu trưởng; "
        "thay đổi trao "
        "quyền thẩm định hoặc xuất bản vẫn cần Hiệu trưởng.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        admins = get_user_model().objects.filter(is_active=True, groups__school_role__key=PORTAL_ADMIN_KEY)
        self.fields["delegate"].queryset = order_people(admins.distinct())
        self.fields["delegate"].label_from_instance = lambda u: f"{person_name(u)} ({u.username})"


def account_delegation(request):
    """The principal delegates account administration to a portal administrator, or revokes it (Điều 13.6)."""
    if not is_principal(request.user):
        raise PermissionDenied
    active = AccountDelegation.objects.filter(revoked_at__isnull=True).select_related("delegate")
    form = DelegationForm(request.POST or None)
    if request.method == "POST" and request.POST.get("revoke"):
        for delegation in active.filter(pk=request.POST.get("revoke")):
            delegation.revoked_at = timezone.now()
            delegation.save(update_fields=["revoked_at"])
            log(delegation.delegate, "editorial.account_delegation_revoked", user=request.user)
            messages.success(request, f"Đã thu hồi uỷ quyền của {person_name(delegation.delegate)}.")
        return redirect("editorial_account_delegation")
    if request.method == "POST" and form.is_valid():
        delegate = form.cleaned_data["delegate"]
        if not active.filter(delegate=delegate).exists():
            AccountDelegation.objects.create(delegate=delegate, granted_by=request.user)
            log(delegate, "editorial.account_delegated", user=request.user)
        messages.success(request, f"Đã uỷ quyền quản trị tài khoản cho {person_name(delegate)}.")
        return redirect("editorial_account_delegation")
    return TemplateResponse(request, "editorial/account_delegation.html", {"form": form, "active": active})
