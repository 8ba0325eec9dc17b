"""Two-factor sign-in (TOTP app + one-time recovery codes) for the principal, vice principals and the admin.

Built on django-otp (``TOTPDevice``, ``StaticDevice``): Wagtail's login checks the password as usual; the
``AccountPolicyMiddleware`` then sends a person who must use two factors to ``security_two_factor_verify``
(or to ``..._setup`` the first time) before any other admin page. ``PORTAL_REQUIRE_2FA`` switches the rule on
(True in production; False in development so the README's demo logins work without a phone).
"""

from django.conf import settings
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

# Role keys (editorial.models.RoleGroup) whose members must use two factors (Điều 13.6, clarification #11).
DEFAULT_ROLE_KEYS = ("hieu_truong", "pho_hieu_truong", "quan_tri")
RECOVERY_CODES = 10
TOTP_NAME = "Ứng dụng xác thực"
RECOVERY_NAME = "Mã dự phòng"


def requires_two_factor(user):
    """True when two-factor sign-in is switched on and ``user`` is a superuser or holds a listed role."""
    if not getattr(settings, "PORTAL_REQUIRE_2FA", False):
        return False
    if not (user and user.is_authenticated):
        return False
    if user.is_superuser:
        return True
    keys = getattr(settings, "PORTAL_2FA_ROLE_KEYS", DEFAULT_ROLE_KEYS)
    return user.groups.filter(school_role__key__in=keys).exists()


def needs_two_factor(request):
    """``"setup"``, ``"verify"`` or None: the two-factor step this request's user must take first."""
    user = request.user
    if not requires_two_factor(user):
        return None
    is_verified = getattr(user, "is_verified", None)
    if is_verified is not None and is_verified():
        return None
    return "verify" if user_has_device(user) else "setup"


def new_totp_device(user):
    """The person's unconfirmed TOTP device (re-used while setting up, so the QR code stays the same)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def new_recovery_codes(user):
    """Replace the person's recovery codes with ``RECOVERY_CODES`` new ones; return them (shown once)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    for code in codes:
        device.token_set.create(token=code)
    return codes


def verify(user, token):
    """The confirmed device (TOTP, or a recovery code then used up) that accepts ``token``, or None."""
    token = "".join((token or "").split()).lower()
    if not token:
        return None
    for device in devices_for_user(user, confirmed=True):
        if device.verify_is_allowed()[0] if hasattr(device, "verify_is_allowed") else True:
            if device.verify_token(token):
                return device
    return None


def throttled(user):
    """True while django-otp slows down guessing after a wrong code (1 s, then 2 s, 4 s … per failure)."""
    return any(
        hasattr(device, "verify_is_allowed") and not device.verify_is_allowed()[0]
        for device in devices_for_user(user, confirmed=True)
    )


def remove_devices(user):
    """Delete every two-factor device of ``user`` (break-glass reset); they set it up again at next login."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
