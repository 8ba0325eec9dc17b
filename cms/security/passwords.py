"""Password rules of Quy chế Điều 2 ("giữ bí mật, thay đổi mật khẩu định kỳ"), as Django password validators.

Listed in ``AUTH_PASSWORD_VALIDATORS``; every form that sets a password (Wagtail's account page, the
principal's account and reset forms, the homeroom teacher's pupil reset) runs them, with Vietnamese messages:

- ``MinimumLengthValidator``: 10 characters for staff, 8 for pupils ("simple but not trivial",
  clarification #11).
- ``CommonPasswordValidator``: Django's list of 20,000 common passwords, plus passwords built only from
  Vietnamese-common words, names and digits (``data/vietnamese-common-words.txt``: "matkhau123",
  "truonghoc2026", "nguyenvana1"), digits only, or one repeated character.
- ``NameSimilarityValidator``: not the person's name or username (compared folded: no tone marks, đ→d).
- ``PasswordHistoryValidator``: not one of the last ``count`` (5) passwords; records each new password and
  its date (``password_changed``), which drives expiry.

Expiry and forced change are enforced by ``cms.security.middleware.AccountPolicyMiddleware`` with
``needs_password_change(user)``.
"""

import re
from datetime import timedelta
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from cms.core.vietnamese import fold

WORDS_FILE = Path(__file__).resolve().parent / "data" / "vietnamese-common-words.txt"
PUPIL_POSITION = "hoc_sinh"


def is_pupil(user):
    """True for a pupil's account (position ``hoc_sinh`` in their staff profile)."""
    profile = getattr(user, "staff_profile", None) if user is not None else None
    return getattr(profile, "position", None) == PUPIL_POSITION


def _compact(text):
    """Folded, lower-case letters and digits only ("Trường-Học 2026!" → "truonghoc2026")."""
    return re.sub(r"[^a-z0-9]", "", fold(text or "").lower())


@cache
def vietnamese_common_words():
    """The folded words of ``data/vietnamese-common-words.txt`` (comments and blanks skipped)."""
    words = set()
    for line in WORDS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(_compact(line))
    return frozenset(words)


# Letters people swap for look-alike symbols ("P@ssw0rd", "m@tkh@u"): undone before the checks.
_LEET = str.maketrans(
    {"@": "a", "4": "a", "0": "o", "1": "i", "!": "i", "3": "e", "5": "s", "$": "s", "7": "t"}
)
# A name initial or two ("nguyenvana", "tranthib") does not make a weak password strong.
_SPARE_LETTERS = 2


def _uncovered(letters, words):
    """The fewest letters of ``letters`` left over when it is split into ``words`` and single letters
    (dynamic programming over positions): 0 means made only of ``words``."""
    longest = max((len(w) for w in words), default=0)
    best = [0] + [len(letters) + 1] * len(letters)
    for end in range(1, len(letters) + 1):
        best[end] = best[end - 1] + 1  # this letter left over
        for start in range(max(0, end - longest), end):
            if letters[start:end] in words:
                best[end] = min(best[end], best[start])
    return best[-1]


def _made_of(letters, words, spare=0):
    """True when ``letters`` is made of ``words`` with at most ``spare`` letters left over."""
    return not letters or _uncovered(letters, words) <= spare


class MinimumLengthValidator:
    """At least ``min_length`` characters (default 10) for staff, ``pupil_min_length`` (8) for pupils."""

    def __init__(self, min_length=10, pupil_min_length=8):
        self.min_length = min_length
        self.pupil_min_length = pupil_min_length

    def _length_for(self, user):
        return self.pupil_min_length if is_pupil(user) else self.min_length

    def validate(self, password, user=None):
        length = self._length_for(user)
        if len(password) < length:
            raise ValidationError(
                f"Mật khẩu quá ngắn: cần ít nhất {length} ký tự (hiện có {len(password)}).",
                code="password_too_short",
            )

    def get_help_text(self):
        return (
            f"Mật khẩu cần ít nhất {self.min_length} ký tự "
            f"(tài khoản học sinh: {self.pupil_min_length} ký tự)."
        )


class CommonPasswordValidator:
    """Refuse common passwords: Django's list, Vietnamese-common words and names, digits, repeats."""

    message = (
        "Mật khẩu này quá dễ đoán ({reason}). Hãy ghép vài từ không liên quan đến nhau, "
        "xen chữ số hoặc ký hiệu (tự nghĩ ra, đừng chép một ví dụ có sẵn)."
    )

    def __init__(self):
        self._django = password_validation.CommonPasswordValidator()

    def validate(self, password, user=None):
        reason = self._reason(password) or self._reason(password.lower().translate(_LEET), leet=True)
        if reason:
            raise ValidationError(self.message.format(reason=reason), code="password_too_common")

    def _reason(self, password, leet=False):
        """Why ``password`` is too common, or None. ``leet``: symbols already read as letters."""
        compact = _compact(password)
        letters = re.sub(r"[0-9]", "", compact)
        if not letters:
            return None if leet else "chỉ có chữ số hoặc ký hiệu"
        if len(set(compact)) <= 3:
            return "lặp lại vài ký tự"
        if password.lower().strip() in self._django.passwords or compact in self._django.passwords:
            return "nằm trong danh sách mật khẩu phổ biến"
        if letters in self._django.passwords:
            return "là một mật khẩu phổ biến thêm vài chữ số"
        if _made_of(letters, vietnamese_common_words(), spare=_SPARE_LETTERS):
            return "chỉ ghép từ những từ, tên hoặc cụm thường gặp như “matkhau”, “truonghoc”, họ tên"
        return None

    def get_help_text(self):
        return (
            "Không dùng mật khẩu phổ biến, chỉ có chữ số, hoặc chỉ ghép từ tên người, tên trường, “matkhau”…"
        )


class NameSimilarityValidator:
    """Refuse a password that is the person's username or made (almost) only of their names.

    Compared folded ("Nguyễn Văn A" → nguyen, van, a), digits and punctuation ignored: ``nguyenvana1`` and
    ``An.Nguyen-2026`` are refused for Nguyễn Văn An.
    """

    def validate(self, password, user=None):
        if user is None:
            return
        compact = _compact(password)
        letters = re.sub(r"[0-9]", "", compact)
        username = _compact(user.get_username())
        names = fold(f"{user.last_name} {user.first_name}").lower().split()
        parts = ({_compact(part) for part in names} | {username}) - {""}
        email = (user.email or "").lower()
        email_local, _, domain = email.partition("@")
        parts |= {_compact(email_local)} | {_compact(label) for label in domain.split(".")}
        parts.discard("")
        too_close = len(username) >= 3 and username in compact
        # The person's own e-mail address (or its local part) is not a password.
        too_close = too_close or (len(_compact(email_local)) >= 4 and _compact(email_local) in compact)
        if not too_close and letters and parts:
            remainder = letters
            for part in sorted(parts, key=len, reverse=True):
                if len(part) >= 2:
                    remainder = remainder.replace(part, "")
            too_close = len(remainder) < 4
        if too_close:
            raise ValidationError(
                "Mật khẩu quá giống tên hoặc tên đăng nhập của bạn; hãy chọn mật khẩu không chứa tên.",
                code="password_too_similar",
            )

    def get_help_text(self):
        return "Mật khẩu không được giống tên hoặc tên đăng nhập của bạn."


class PasswordHistoryValidator:
    """Refuse the last ``count`` passwords (default 5); record every new password's hash and date."""

    def __init__(self, count=5):
        self.count = count

    def validate(self, password, user=None):
        if user is None or not user.pk:
            return
        from .models import UsedPassword

        recent = list(UsedPassword.objects.filter(user=user).values_list("password", flat=True)[: self.count])
        if user.password and user.password not in recent:
            recent.append(user.password)
        if any(check_password(password, used) for used in recent):
            raise ValidationError(
                f"Bạn đã dùng mật khẩu này gần đây; hãy chọn mật khẩu khác {self.count} mật khẩu gần nhất.",
                code="password_reused",
            )

    def password_changed(self, password, user=None):
        if user is None or not user.pk:
            return
        from .models import AccountSecurity, UsedPassword

        UsedPassword.objects.create(user=user, password=user.password)
        stale = UsedPassword.objects.filter(user=user).values_list("pk", flat=True)[self.count :]
        UsedPassword.objects.filter(pk__in=list(stale)).delete()
        AccountSecurity.objects.update_or_create(
            user=user, defaults={"password_changed_at": timezone.now(), "must_change_password": False}
        )

    def get_help_text(self):
        return f"Không dùng lại {self.count} mật khẩu gần nhất."


def security_of(user):
    """The ``AccountSecurity`` row of ``user``, created on first use (date unknown: counted from now)."""
    from .models import AccountSecurity

    record, _ = AccountSecurity.objects.get_or_create(
        user=user, defaults={"password_changed_at": timezone.now()}
    )
    return record


def require_password_change(user):
    """Make ``user`` choose a new password at their next login (accounts the principal creates or resets).

    Pupils are exempt: their homeroom teacher gives them a simple password (clarification #11).
    """
    if is_pupil(user):
        return
    record = security_of(user)
    record.must_change_password = True
    record.password_never_expires = False  # a demo account given a new password is a real account now
    record.save(update_fields=["must_change_password", "password_never_expires"])


def mark_password_never_expires(user):
    """Exempt ``user`` from expiry and forced change (demo accounts, whose password the README gives)."""
    record = security_of(user)
    record.password_never_expires = True
    record.must_change_password = False
    record.save(update_fields=["password_never_expires", "must_change_password"])


def password_max_age():
    """How long a staff password lasts (``PORTAL_PASSWORD_MAX_AGE_DAYS``, default 90 days; 0 = never)."""
    return timedelta(days=int(getattr(settings, "PORTAL_PASSWORD_MAX_AGE_DAYS", 90)))


def needs_password_change(user):
    """``"forced"``, ``"expired"`` or None: whether ``user`` must change their password before working.

    Pupils and exempt accounts never expire; accounts without a usable password are left alone.
    """
    if not (user.is_authenticated and user.has_usable_password()):
        return None
    record = security_of(user)
    if record.password_never_expires:
        return None
    if record.must_change_password:
        return "forced"
    max_age = password_max_age()
    if max_age and not is_pupil(user) and record.password_changed_at:
        if timezone.now() - record.password_changed_at > max_age:
            return "expired"
    return None
