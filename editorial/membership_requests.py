"""Department heads propose, the principal decides (clarification #11, Quy chế 39 Điều 3.1, 5.4).

A head's change to their department's member list (``propose``) records one ``MembershipRequest`` per person
and changes nothing else; the principal, or the portal administrator holding the account delegation
(``editorial.account_admin``), approves (``approve``: the membership is created or deleted and the person's
roles are re-derived) or refuses (``refuse``). A change that would grant reviewing or publishing rights takes
effect only when the principal approves it. Every step is in Wagtail's audit log on the person's account
(``editorial.membership_requested|approved|refused``) and mailed: the deciders on a proposal, the head on a
decision.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from .account_admin import account_administrators, active_delegation, grants_review_rights, is_principal
from .admin_forms import head_may_add
from .models import DepartmentMembership, MembershipRequest
from .models.profiles import person_name
from .roles import role_keys_for, roles_synced_once

SUBJECT_PREFIX = "[Cổng TTĐT] "
Action = MembershipRequest.Action
Status = MembershipRequest.Status


def _log_data(request):
    return {
        "department": request.department.name,
        "school_year": str(request.department.school_year),
        "action": request.get_action_display(),
        "requested_by": request.requested_by.username if request.requested_by else "",
    }


def _mail(recipients, subject, body):
    addresses = sorted({u.email for u in recipients if u is not None and u.is_active and u.email})
    if not addresses:
        return
    messages = [(SUBJECT_PREFIX + subject, body, settings.DEFAULT_FROM_EMAIL, [a]) for a in addresses]
    transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=False))


def _link():
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return base + reverse("editorial_membership_requests:index")


@transaction.atomic
def propose(department, head, added, removed):
    """Record the head's proposals for ``department``: ``added``/``removed`` are users. Returns new requests.

    A person already proposed the same way is not proposed twice; an opposite pending request (adding
    someone whose removal waits) replaces the earlier one, which is withdrawn (refused with a reason).
    """
    created = []
    for action, people in ((Action.ADD, added), (Action.REMOVE, removed)):
        opposite = Action.REMOVE if action == Action.ADD else Action.ADD
        for person in people:
            for old in MembershipRequest.objects.filter(
                department=department, person=person, action=opposite, status=Status.PENDING
            ):
                _close(old, head, Status.REFUSED, "Tổ trưởng đã rút đề nghị.")
            if MembershipRequest.objects.filter(
                department=department, person=person, action=action, status=Status.PENDING
            ).exists():
                continue
            try:
                with transaction.atomic():
                    request = MembershipRequest.objects.create(
                        department=department, person=person, action=action, requested_by=head
                    )
            except IntegrityError:  # the same proposal saved twice at once
                continue
            log(person, "editorial.membership_requested", user=head, data=_log_data(request))
            created.append(request)
    if created:
        lines = [
            f"- {r.get_action_display()}: {person_name(r.person)} ({r.person.username})" for r in created
        ]
        _mail(
            account_administrators(),
            f"Đề nghị thay đổi thành viên {department.name}",
            f"{person_name(head)} đề nghị thay đổi thành viên {department.name} năm học "
            f"{department.school_year}:\n" + "\n".join(lines) + f"\n\nXem và quyết định: {_link()}\n",
        )
    return created


def may_decide(user):
    """True for the principal and for a portal administrator holding the account delegation."""
    return is_principal(user) or active_delegation(user) is not None


def _close(request, user, status, reason=""):
    request.status = status
    request.decided_by = user
    request.decided_at = timezone.now()
    request.reason = reason
    request.save(update_fields=["status", "decided_by", "decided_at", "reason"])


def _apply(request):
    department, person = request.department, request.person
    if request.action == Action.REMOVE:
        DepartmentMembership.objects.filter(department=department, user=person).delete()
        return
    if not head_may_add(person, department):
        raise ValidationError(
            f"{person_name(person)} không còn là cán bộ, giáo viên thuộc loại "
            f"“{department.get_kind_display()}” "
            "hoặc đã thuộc Ban giám hiệu, Ban biên tập: không thể thêm vào tổ theo đề nghị này."
        )
    clash = (
        DepartmentMembership.objects.filter(school_year_id=department.school_year_id, user=person)
        .exclude(department=department)
        .select_related("department")
        .first()
    )
    if clash is not None:
        raise ValidationError(
            f"{person_name(person)} đã thuộc {clash.department.name} năm học này: hãy chuyển tổ trong "
            "“Tài khoản” hoặc từ chối đề nghị."
        )
    DepartmentMembership.objects.get_or_create(department=department, user=person)


def _pending(request_id):
    request = (
        MembershipRequest.objects.select_for_update(of=("self",))  # PostgreSQL: not the outer joins
        .select_related("department__school_year", "person", "requested_by")
        .filter(pk=request_id)
        .first()
    )
    if request is None or request.status != Status.PENDING:
        raise ValidationError("Đề nghị này đã được xử lý hoặc không còn.")
    return request


def approve(request_id, user):
    """Apply a pending request and re-derive the person's roles; return it.

    Raises ``PermissionDenied`` for someone who may not decide, and ``ValidationError`` (Vietnamese) when the
    request was already decided, the person is no longer eligible, or the change would grant reviewing or
    publishing rights and ``user`` is not the principal. Nothing changes in those cases.
    """
    if not may_decide(user):
        raise PermissionDenied
    with transaction.atomic():
        # A conditional, locked read: two approvals at once give one change.
        request = _pending(request_id)
        person = request.person
        with roles_synced_once():
            before = role_keys_for(person)
            _apply(request)
            after = role_keys_for(person)
            if grants_review_rights(before, after) and not is_principal(user):
                raise ValidationError(
                    "Thay đổi này trao quyền thẩm định hoặc xuất bản: chỉ Hiệu trưởng được duyệt."
                )
            _close(request, user, Status.APPROVED)
            log(person, "editorial.membership_approved", user=user, data=_log_data(request))
    _tell_head(request, "đã được duyệt")
    return request


def refuse(request_id, user, reason=""):
    """Refuse a pending request (nothing changes); ``reason`` is recorded and mailed to the head."""
    if not may_decide(user):
        raise PermissionDenied
    with transaction.atomic():
        request = _pending(request_id)
        _close(request, user, Status.REFUSED, reason.strip())
        data = _log_data(request) | {"reason": request.reason}
        log(request.person, "editorial.membership_refused", user=user, data=data)
    _tell_head(request, "bị từ chối")
    return request


def _tell_head(request, outcome):
    reason = f"\nLý do: {request.reason}" if request.reason else ""
    _mail(
        [request.requested_by],
        f"Đề nghị {request.get_action_display().lower()} {outcome}",
        f"Đề nghị {request.get_action_display().lower()} {request.department.name}: "
        f"{person_name(request.person)} {outcome} ({person_name(request.decided_by)}).{reason}\n",
    )
