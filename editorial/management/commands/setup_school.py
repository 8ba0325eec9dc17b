"""`manage.py setup_school`: install a school (no demo) or repair an installed one. Idempotent.

First install (answers as options, or asked interactively when a terminal is attached)::

    manage.py setup_school --name "Trường Tiểu học Lê Lợi" --short-name THLL \\
        --managing-body "UBND quận Hồng Bàng" --managing-body "Phòng GD&ĐT quận Hồng Bàng" \\
        --address "Số 1 Lê Lợi, Hồng Bàng, Hải Phòng" --public-url https://thll.edu.vn \\
        --principal-username hieutruong --principal-name "Nguyễn Thị Hoa"

Later runs without answers repair pages, roles and workflows and keep the school's settings.
"""

import re
import sys

from django.conf import settings
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator, validate_email

from cms.core.addresses import is_local
from cms.core.models import SchoolSettings
from cms.core.school_pages import SchoolAnswers
from cms.core.text import clean_line
from editorial.install import install_school, installed_answers

QUESTIONS = [
    ("name", "Tên trường (ví dụ: Trường Tiểu học Lê Lợi)"),
    ("short_name", "Tên viết tắt dùng trong ký hiệu văn bản (ví dụ: THLL)"),
    ("managing_body", "Các cơ quan quản lý cấp trên, từ cấp cao xuống, cách nhau bằng dấu ;"),
    ("address", "Địa chỉ"),
    ("public_url", "Địa chỉ cổng thông tin công khai (https://…)"),
    ("principal_username", "Tên đăng nhập của Hiệu trưởng"),
    ("principal_name", "Họ và tên Hiệu trưởng"),
]


class Command(BaseCommand):
    help = (
        "Cài đặt một trường mới (không có dữ liệu mẫu): cây trang, địa chỉ, thông tin trường, nhóm quyền, "
        "quy trình duyệt, tài khoản Hiệu trưởng; hoặc sửa lại trường đã cài (chạy lại an toàn)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", help="Tên trường")
        parser.add_argument("--short-name", help="Tên viết tắt (ký hiệu văn bản: 12/KH-THLL)")
        parser.add_argument(
            "--managing-body",
            action="append",
            default=None,
            help="Cơ quan quản lý (lặp lại, từ cấp cao xuống)",
        )
        parser.add_argument("--address", default=None)
        parser.add_argument("--phone", default=None)
        parser.add_argument("--email", default=None)
        parser.add_argument("--public-url", default=None, help="Mặc định: PORTAL_PUBLIC_URL")
        parser.add_argument("--principal-username", default=None)
        parser.add_argument("--principal-name", default="")
        parser.add_argument("--principal-email", default="")
        parser.add_argument("--no-input", "--noinput", action="store_false", dest="interactive")

    def handle(self, *args, **options):
        current = installed_answers()
        given = self._given(options)
        if current is None and not given.get("name") and options["interactive"] and sys.stdin.isatty():
            try:
                given = self._ask(given)
            except (EOFError, KeyboardInterrupt):
                raise CommandError("Đã dừng cài đặt: chưa thay đổi gì.") from None
        given = validate_answers(given)
        if current is None and not (given.get("name") and given.get("short_name")):
            raise CommandError(
                "Trường chưa được cài đặt: cần --name và --short-name "
                "(hoặc chạy trong terminal để trả lời câu hỏi)."
            )
        answers = self._answers(current, given)
        public = answers.public_url or settings.SITE_PUBLIC_URL
        if getattr(settings, "PORTAL_PRODUCTION", False) and is_local(public):
            raise CommandError(
                f"Địa chỉ công khai '{public}' trỏ về máy này. "
                "Hãy đặt PORTAL_PUBLIC_URL hoặc --public-url là địa chỉ thật của trường."
            )
        result = install_school(
            answers,
            principal_username=given.get("principal_username") or ("hieutruong" if current is None else None),
            principal_name=options["principal_name"],
            principal_email=options["principal_email"],
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã cài đặt {answers.name}: {len(result['pages'])} trang, năm học {result['year']}, "
                f"{result['users_changed']} tài khoản được cập nhật quyền."
            )
        )
        if result["password"]:
            self.stdout.write(
                f"Tài khoản Hiệu trưởng: {result['principal'].username} — mật khẩu dùng một lần: "
                f"{result['password']}\nLần đăng nhập đầu tiên phải đổi mật khẩu và bật xác thực hai bước."
            )
        self.stdout.write("Tiếp theo: manage.py build_site để xuất bản trang công khai.")

    def _given(self, options):
        given = {
            key: options[key]
            for key in ("name", "short_name", "address", "phone", "email", "public_url", "principal_username")
            if options.get(key) is not None
        }
        if options["managing_body"] is not None:
            given["managing_bodies"] = tuple(options["managing_body"])
        return given

    def _ask(self, given):
        for key, question in QUESTIONS:
            if key in given or (key == "managing_body" and "managing_bodies" in given):
                continue
            default = settings.SITE_PUBLIC_URL if key == "public_url" else ""
            suffix = f" [{default}]" if default else ""
            value = input(f"{question}{suffix}: ").strip() or default
            if key == "managing_body":
                given["managing_bodies"] = tuple(part.strip() for part in value.split(";") if part.strip())
            elif value:
                given[key] = value
        return given

    def _answers(self, current, given):
        # Production records the public address (PORTAL_PUBLIC_URL) as the school's data at install; in
        # development it stays empty and follows the port `make run` serves the site on.
        seeded = "" if settings.DEBUG else settings.SITE_PUBLIC_URL
        base = current or SchoolAnswers(name="", short_name="", public_url=seeded)
        values = {
            field: given.get(field, getattr(base, field)) for field in SchoolAnswers.__dataclass_fields__
        }
        values["admin_url"] = getattr(settings, "WAGTAILADMIN_BASE_URL", "")
        return SchoolAnswers(**values)


# Document symbols (NĐ 30/2020) use the short name after a slash: "12/KH-THLL". Letters (Đ included), digits
# and inner hyphens only; a space or a slash would break every symbol the office writes.
SHORT_NAME_RE = re.compile(r"^[A-ZĐ0-9]+(?:-[A-ZĐ0-9]+)*$")
_TEXT_FIELDS = {"name": "Tên trường", "address": "Địa chỉ", "phone": "Điện thoại"}


def _max_length(field):
    return SchoolSettings._meta.get_field(field).max_length


def validate_answers(given):
    """Clean and check the answers of ``setup_school`` (a dict as built by ``Command._given``).

    Returns a new dict with one-line texts cleaned (controls, bidi overrides, extra spaces removed, NFC) and
    the short name upper-cased. Raises ``CommandError`` with a Vietnamese message listing every problem: an
    empty name, texts longer than their field, a short name unfit for document symbols, a malformed e-mail, a
    public address that is not an http(s) URL, a username Django would refuse. Nothing is written before this
    passes.
    """
    cleaned = dict(given)
    problems = []
    for key, label in _TEXT_FIELDS.items():
        if key in cleaned:
            cleaned[key] = clean_line(cleaned[key])
            limit = _max_length(key)
            if len(cleaned[key]) > limit:
                problems.append(f"{label} dài {len(cleaned[key])} ký tự, tối đa {limit}.")
    if "name" in given and not cleaned["name"]:
        problems.append("Tên trường không được để trống.")
    if "short_name" in cleaned:
        short = clean_line(cleaned["short_name"]).upper()
        cleaned["short_name"] = short
        if not SHORT_NAME_RE.match(short) or len(short) > _max_length("short_name"):
            problems.append(
                f"Tên viết tắt '{short}' không dùng được trong ký hiệu văn bản: chỉ chữ cái, chữ số "
                f"và dấu '-', không dấu cách hay '/', tối đa {_max_length('short_name')} ký tự (ví dụ THLL)."
            )
    if "managing_bodies" in cleaned:
        cleaned["managing_bodies"] = tuple(
            b for b in (clean_line(x) for x in cleaned["managing_bodies"]) if b
        )
        if any(len(body) > _max_length("managing_body") for body in cleaned["managing_bodies"]):
            problems.append(f"Tên cơ quan quản lý tối đa {_max_length('managing_body')} ký tự.")
    if cleaned.get("email"):
        cleaned["email"] = clean_line(cleaned["email"])
        try:
            validate_email(cleaned["email"])
        except ValidationError:
            problems.append(f"Thư điện tử '{cleaned['email']}' không hợp lệ.")
    if cleaned.get("public_url"):
        cleaned["public_url"] = clean_line(cleaned["public_url"])
        try:
            URLValidator(schemes=["http", "https"])(cleaned["public_url"])
        except ValidationError:
            problems.append(
                f"Địa chỉ công khai '{cleaned['public_url']}' không phải địa chỉ http(s) đầy đủ "
                "(ví dụ https://thll.edu.vn)."
            )
    if cleaned.get("principal_username"):
        try:
            UnicodeUsernameValidator()(cleaned["principal_username"])
        except ValidationError:
            problems.append(
                f"Tên đăng nhập '{cleaned['principal_username']}' chỉ được gồm chữ, số và các ký tự "
                "@ . + - _ (không dấu cách)."
            )
    if problems:
        raise CommandError("Không cài đặt được:\n- " + "\n- ".join(problems))
    return cleaned
