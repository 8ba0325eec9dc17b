"""Request-level safeguards of the back office.

- ``AdminHostMiddleware``: the back office answers only on its own host names (``PORTAL_ADMIN_HOSTS``);
  a request for the public site's host gets 404, whatever ALLOWED_HOSTS says (Điều 13.2).
- ``MalformedRequestMiddleware``: a POST missing fields a form needs (a StreamField's ``body-count``, a
  formset's management form) answers 400 with a Vietnamese message instead of a 500.
- ``AccountPolicyMiddleware``: after login, a person who must use two-factor verification is sent to it,
  and a person whose password is forced or expired is sent to change it, before anything else.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.datastructures import MultiValueDictKeyError


def _host(request):
    return request.get_host().rsplit(":", 1)[0].lower()


def _public_netloc():
    return urlsplit(getattr(settings, "SITE_PUBLIC_URL", "") or "").netloc.lower()


class AdminHostMiddleware:
    """404 on the public site's host (``SITE_PUBLIC_URL``) and on hosts outside ``PORTAL_ADMIN_HOSTS``.

    The public site is static files served by nginx; if a proxy or DNS mistake sends its host name to
    Django, nothing of the back office (login page included) is answered there.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        netloc = request.get_host().lower()
        if netloc == _public_netloc():
            raise Http404("Trang quản trị không phục vụ trên tên miền của trang công khai.")
        hosts = [h.lower() for h in getattr(settings, "PORTAL_ADMIN_HOSTS", []) if h]
        if hosts and _host(request) not in hosts:
            raise Http404("Trang quản trị không phục vụ trên tên miền này.")
        return self.get_response(request)


class MalformedRequestMiddleware:
    """Turn errors caused by a request missing form data into 400 with a message, never 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.method not in ("POST", "PUT", "PATCH"):
            return None
        malformed = (
            isinstance(exception, MultiValueDictKeyError)
            or (
                isinstance(exception, ValidationError)
                and getattr(exception, "code", None) in ("missing_management_form", "ManagementForm")
            )
            or (
                isinstance(exception, (KeyError, ValueError, TypeError, IndexError))
                and _reading_form_data(exception)
            )
        )
        if not malformed:
            return None
        response = TemplateResponse(
            request,
            "security/bad_request.html",
            {"back_url": request.path},
            status=400,
        )
        return response


# Functions that turn request data into form values (Django widgets, Wagtail blocks, formsets).
_DATA_READERS = {"value_from_datadict", "value_omitted_from_data", "management_form", "total_form_count"}


def _reading_form_data(exception):
    """True when ``exception`` was raised while a widget or formset read the POSTed data (bad counts …)."""
    traceback = exception.__traceback__
    while traceback is not None:
        if traceback.tb_frame.f_code.co_name in _DATA_READERS:
            return True
        traceback = traceback.tb_next
    return False


def _exempt_paths():
    names = (
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_account",
        "security_two_factor_verify",
        "security_two_factor_setup",
        "wagtailadmin_javascript_catalog",
        # The icon sprite is fetched by every admin page's script: redirecting it would inject the target
        # page's HTML into the page as "icons".
        "wagtailadmin_sprite",
    )
    paths = []
    for name in names:
        try:
            paths.append(reverse(name))
        except Exception:  # noqa: BLE001 - a URL an app did not install
            continue
    return paths


class AccountPolicyMiddleware:
    """Two-factor verification, then a forced or expired password change, before any other admin page.

    Applies to admin URLs only (``/admin/``) and to logged-in people. Static files, the login and logout
    views, the account page (where the password is changed) and the two-factor views stay reachable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        redirect_to = self._redirect_for(request)
        if redirect_to:
            return redirect_to
        return self.get_response(request)

    def _redirect_for(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        admin_prefix = reverse("wagtailadmin_home")
        if not request.path.startswith(admin_prefix):
            return None
        exempt = _exempt_paths()
        if any(request.path.startswith(path) for path in exempt if path != admin_prefix):
            return None
        from .two_factor import needs_two_factor

        step = needs_two_factor(request)
        if step:
            return redirect(f"{reverse('security_two_factor_' + step)}?next={request.get_full_path()}")
        from .passwords import needs_password_change

        reason = needs_password_change(user)
        if reason:
            from django.contrib import messages

            text = (
                "Bạn cần đổi mật khẩu trước khi làm việc: tài khoản vừa được tạo hoặc vừa được đặt lại "
                "mật khẩu."
                if reason == "forced"
                else "Mật khẩu của bạn đã quá hạn sử dụng; hãy đổi mật khẩu mới để tiếp tục "
                "(Quy chế, Điều 2)."
            )
            messages.warning(request, text)
            return redirect(reverse("wagtailadmin_account") + "#password")
        return None
