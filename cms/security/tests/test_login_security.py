"""Sign-in safeguards through the real admin URLs: lockout, unlock, passwords, forced change, two factors."""

from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import PageLogEntry

from cms.security.models import AccountSecurity
from cms.security.passwords import needs_password_change

pytestmark = pytest.mark.django_db

DEMO_PASSWORD = "truong-hoc-2026"
LOGIN = "/admin/login/"
HOME_ADDRESS = "10.0.0.5"
SCHOOL_OFFICE = "10.0.0.9"


def _client(address):
    return Client(REMOTE_ADDR=address)


def _sign_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


def _signed_in(client):
    return "_auth_user_id" in client.session


def test_thirty_wrong_passwords_lock_the_account_until_the_principal_unlocks_it():
    attacker = _client(HOME_ADDRESS)
    for attempt in range(30):
        response = _sign_in(attacker, "hieutruong", f"sai-mat-khau-{attempt}")
        assert response.status_code in (200, 429)
    # The right password from the locked address now fails too, with a Vietnamese explanation.
    response = _sign_in(attacker, "hieutruong", DEMO_PASSWORD)
    assert response.status_code == 429
    assert "tạm thời không đăng nhập được" in response.content.decode()
    assert not _signed_in(attacker)

    # Lockout is per username + address: the principal still signs in at school, and unlocks the other place.
    office = _client(SCHOOL_OFFICE)
    response = _sign_in(office, "hieutruong", DEMO_PASSWORD)
    assert response.status_code == 302 and _signed_in(office)
    page = office.get(reverse("security_login_activity"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Mở khoá hieutruong" in body and HOME_ADDRESS in body
    attempt = AccessAttempt.objects.get(username="hieutruong", ip_address=HOME_ADDRESS)
    response = office.post(reverse("security_unlock", args=[attempt.pk]))
    assert response.status_code == 302
    assert PageLogEntry.objects.model  # the log model exists; the account log is checked below
    from wagtail.models import ModelLogEntry

    assert ModelLogEntry.objects.filter(action="security.unlocked").exists()

    response = _sign_in(attacker, "hieutruong", DEMO_PASSWORD)
    assert response.status_code == 302 and _signed_in(attacker)


def test_behind_nginx_a_stranger_cannot_lock_the_principal_out(settings):
    """Production: gunicorn on a unix socket (REMOTE_ADDR empty), nginx appends the client's address to
    X-Forwarded-For. Guesses from one address, even with a forged header, never lock out another address."""
    settings.PORTAL_BEHIND_PROXY = True

    def behind_nginx(real, forged=""):
        chain = f"{forged}, {real}" if forged else real
        return Client(REMOTE_ADDR="", HTTP_X_FORWARDED_FOR=chain)

    stranger = behind_nginx("113.160.10.1", forged="14.161.20.2")  # pretends to be the school's address
    for attempt in range(settings.AXES_FAILURE_LIMIT + 3):
        _sign_in(stranger, "hieutruong", f"sai-{attempt}")
    assert _sign_in(stranger, "hieutruong", DEMO_PASSWORD).status_code == 429
    assert AccessAttempt.objects.filter(username="hieutruong", ip_address="113.160.10.1").exists()

    principal = behind_nginx("14.161.20.2")
    response = _sign_in(principal, "hieutruong", DEMO_PASSWORD)
    assert response.status_code == 302 and _signed_in(principal)


def test_only_the_principal_and_the_portal_admin_see_the_login_page(client, login):
    for username, allowed in (
        ("hieutruong", True),
        ("quantri", True),
        ("giaovien1", False),
        ("hocsinh1a", False),
    ):
        login(username)
        response = client.get(reverse("security_login_activity"))
        assert (response.status_code == 200) is allowed, username
        if not allowed:
            assert "Đăng nhập sai gần đây" not in response.content.decode()
    login("giaovien1")
    attempt = AccessAttempt.objects.create(
        username="hieutruong",
        ip_address=HOME_ADDRESS,
        failures_since_start=9,
        user_agent="x",
        get_data="",
        post_data="",
        http_accept="",
        path_info="/admin/login/",
    )
    # Wagtail answers a refused admin view with a redirect to the dashboard and a message.
    assert client.post(reverse("security_unlock", args=[attempt.pk])).status_code in (302, 403)
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("matkhau12", "quá ngắn"),
        ("matkhau123", "quá dễ đoán"),
        ("matkhau123456", "quá dễ đoán"),
        ("truonghoc2026", "quá dễ đoán"),
        ("Truong-Hoc-2026!", "quá dễ đoán"),
        ("nguyenvananh12", "quá dễ đoán"),
        ("1234567890", "quá dễ đoán"),
        ("aaaaaaaaaaaa", "quá dễ đoán"),
        ("password1234", "quá dễ đoán"),
        ("qwertyuiop12", "quá dễ đoán"),
        ("Thao.LePhuong#88", "quá giống tên"),
        # Found by an attacker: a name with an initial, look-alike symbols, "new password", the e-mail.
        ("nguyenvana1", "quá dễ đoán"),
        ("tranthib1234", "quá dễ đoán"),
        ("P@ssw0rd2026", "quá dễ đoán"),
        ("m@tkh@u123", "quá dễ đoán"),
        ("matkhaumoi1", "quá dễ đoán"),
        ("emyeutruong1", "quá dễ đoán"),
        ("lethiphuongthao@thnk.edu.vn", "quá giống tên"),
    ],
)
def test_weak_passwords_refused_in_vietnamese(client, login, password, message):
    login("hieutruong")
    teacher = get_user_model().objects.get(username="giaovien1")
    teacher.first_name, teacher.last_name = "Thảo", "Lê Thị Phương"
    teacher.email = "lethiphuongthao@thnk.edu.vn"
    teacher.save()
    before = teacher.password
    response = client.post(
        reverse("editorial_accounts:password", args=[teacher.pk]),
        {"password1": password, "password2": password},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    teacher.refresh_from_db()
    assert teacher.password == before


@pytest.mark.parametrize("password", ["Gió-bấc 7 cây bàng!", "Sáng nay trời 19 độ", "Kien7!Gio-nam"])
def test_a_passphrase_of_unrelated_words_is_accepted(password):
    from django.contrib.auth import password_validation

    teacher = get_user_model().objects.get(username="giaovien1")
    password_validation.validate_password(password, teacher)  # raises if refused


def test_reset_by_the_principal_forces_a_change_at_first_login_and_history_is_kept(client, login):
    login("hieutruong")
    teacher = get_user_model().objects.get(username="giaovien1")
    response = client.post(
        reverse("editorial_accounts:password", args=[teacher.pk]),
        {"password1": "Gió bấc 7 cây bàng", "password2": "Gió bấc 7 cây bàng"},
    )
    assert response.status_code == 302
    teacher.refresh_from_db()
    teacher_client = Client()
    teacher_client.force_login(teacher)
    response = teacher_client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("wagtailadmin_account"))
    # Every admin page is closed until the change; the account page and logout stay open.
    assert teacher_client.get("/admin/pages/").status_code == 302
    assert teacher_client.get(reverse("wagtailadmin_account")).status_code == 200
    assert teacher_client.get(reverse("wagtailadmin_sprite")).status_code == 200

    def change(old, new):
        return account_post(
            teacher_client,
            {"password-old_password": old, "password-new_password1": new, "password-new_password2": new},
        )

    # The same password again is refused (history), in Vietnamese.
    response = change("Gió bấc 7 cây bàng", "Gió bấc 7 cây bàng")
    assert "đã dùng mật khẩu này gần đây" in response.content.decode()
    response = change("Gió bấc 7 cây bàng", "Sân trường 9 chú sẻ nâu")
    assert response.status_code == 302
    assert teacher_client.get("/admin/").status_code == 200
    teacher.refresh_from_db()
    assert needs_password_change(teacher) is None


def test_staff_passwords_expire_pupils_and_demo_accounts_do_not(settings):
    User = get_user_model()
    teacher = User.objects.get(username="giaovien1")
    pupil = User.objects.get(username="hocsinh1a")
    old = timezone.now() - timedelta(days=settings.PORTAL_PASSWORD_MAX_AGE_DAYS + 1)
    for user in (teacher, pupil):
        AccountSecurity.objects.update_or_create(
            user=user, defaults={"password_changed_at": old, "password_never_expires": False}
        )
    assert needs_password_change(teacher) == "expired"
    assert needs_password_change(pupil) is None
    demo = User.objects.get(username="totruong1")
    AccountSecurity.objects.filter(user=demo).update(password_changed_at=old)
    assert needs_password_change(demo) is None  # demo accounts: the README's password keeps working


def test_pupil_passwords_are_shorter_but_not_trivial(client, login):
    login("hieutruong")
    pupil = get_user_model().objects.get(username="hocsinh1a")
    url = reverse("editorial_accounts:password", args=[pupil.pk])
    response = client.post(url, {"password1": "12345678", "password2": "12345678"})
    assert "quá dễ đoán" in response.content.decode()
    response = client.post(url, {"password1": "meo-con-7", "password2": "meo-con-7"})
    assert response.status_code == 302
    assert needs_password_change(pupil) is None  # no forced change and no expiry for pupils


def account_post(client, changes):
    """Submit "Tài khoản của tôi" as a browser would: every field's current value, with ``changes``."""
    import lxml.html

    page = lxml.html.fromstring(client.get(reverse("wagtailadmin_account")).content)
    form = next(
        f for f in page.forms if f.get("method", "").lower() == "post" and "csrfmiddlewaretoken" in f.fields
    )
    data = {key: value for key, value in form.form_values()}
    data.update(changes)
    return client.post(reverse("wagtailadmin_account"), {k: v for k, v in data.items() if v is not None})


def _errors(response):
    import re

    body = response.content.decode()
    return re.findall(r'class="error-message"[^>]*>(.*?)</', body, re.S) + re.findall(
        r'<li class="error">(.*?)</li>', body, re.S
    )


def _totp_now(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


def test_two_factor_setup_and_sign_in_with_app_and_recovery_code(settings):
    settings.PORTAL_REQUIRE_2FA = True
    principal = _client(SCHOOL_OFFICE)
    assert _sign_in(principal, "hieutruong", DEMO_PASSWORD).status_code == 302
    response = principal.get("/admin/")
    assert response.status_code == 302 and reverse("security_two_factor_setup") in response["Location"]
    page = principal.get(reverse("security_two_factor_setup"))
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user__username="hieutruong", confirmed=False)
    response = principal.post(reverse("security_two_factor_setup"), {"token": "000000", "next": "/admin/"})
    assert "Mã không đúng" in response.content.decode()
    # django-otp slows down guessing after a wrong code; a person simply types the next code a moment later.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )
    response = principal.post(
        reverse("security_two_factor_setup"), {"token": _totp_now(device), "next": "/admin/"}
    )
    codes = response.context["codes"]
    assert len(codes) == 10
    assert principal.get("/admin/").status_code == 200

    # Next sign-in: the password alone is not enough.
    again = _client(SCHOOL_OFFICE)
    _sign_in(again, "hieutruong", DEMO_PASSWORD)
    response = again.get("/admin/pages/")
    assert response.status_code == 302 and reverse("security_two_factor_verify") in response["Location"]
    response = again.post(reverse("security_two_factor_verify"), {"token": codes[0], "next": "/admin/pages/"})
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert again.get("/admin/").status_code == 200
    # A recovery code works once.
    third = _client(SCHOOL_OFFICE)
    _sign_in(third, "hieutruong", DEMO_PASSWORD)
    response = third.post(reverse("security_two_factor_verify"), {"token": codes[0], "next": "/admin/"})
    assert response.status_code == 200 and "đã được dùng" in response.content.decode()

    # A teacher is not asked for a second factor.
    teacher = _client(SCHOOL_OFFICE)
    _sign_in(teacher, "giaovien1", DEMO_PASSWORD)
    assert teacher.get("/admin/").status_code == 200


def test_break_glass_command_resets_the_principal():
    principal = get_user_model().objects.get(username="hieutruong")
    TOTPDevice.objects.create(user=principal, name="cũ", confirmed=True)
    attacker = _client(HOME_ADDRESS)
    for attempt in range(settings.AXES_FAILURE_LIMIT + 1):
        _sign_in(attacker, "hieutruong", f"sai-{attempt}")
    out = StringIO()
    call_command("reset_principal", stdout=out)
    password = out.getvalue().split("phải đổi khi đăng nhập): ")[1].split()[0]
    request = RequestFactory().post(LOGIN, REMOTE_ADDR=HOME_ADDRESS)
    assert authenticate(request, username="hieutruong", password=password) is not None
    assert not TOTPDevice.objects.filter(user=principal).exists()
    assert not StaticDevice.objects.filter(user=principal).exists()
    assert needs_password_change(principal) == "forced"


def test_sessions_end_after_two_hours_idle():
    assert settings.SESSION_COOKIE_AGE == 2 * 60 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_a_person_cannot_rename_themselves_but_sets_own_contact_details(client, login):
    pupil = login("hocsinh1a")
    name = (pupil.first_name, pupil.last_name, pupil.email)
    page = client.get(reverse("wagtailadmin_account")).content.decode()
    assert 'name="name_email-first_name"' not in page and 'name="avatar-avatar"' not in page
    response = account_post(
        client,
        {
            "name_email-first_name": '=HYPERLINK("http://x","y")',
            "name_email-last_name": "X",
            "name_email-email": "a@b.vn",
        },
    )
    pupil.refresh_from_db()
    assert (pupil.first_name, pupil.last_name, pupil.email) == name
    assert response.status_code in (200, 302)

    teacher = login("giaovien1")
    page = client.get(reverse("wagtailadmin_account")).content.decode()
    assert 'name="contact-phone"' in page
    response = account_post(client, {"contact-phone": "0912 345 678", "contact-show_contact_publicly": "on"})
    assert response.status_code == 302, _errors(response)
    teacher.staff_profile.refresh_from_db()
    assert teacher.staff_profile.phone == "0912 345 678" and teacher.staff_profile.show_contact_publicly
