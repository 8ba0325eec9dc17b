"""The backup passphrase: ``--passphrase-file``, else ``PORTAL_BACKUP_PASSPHRASE``, else asked."""

import getpass
import os
import sys
from pathlib import Path

from django.core.management.base import CommandError


def read_passphrase(options, confirm=False):
    if options.get("passphrase_file"):
        try:
            value = Path(options["passphrase_file"]).read_text("utf-8").strip()
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp mật khẩu: {exc}") from None
    elif os.environ.get("PORTAL_BACKUP_PASSPHRASE"):
        value = os.environ["PORTAL_BACKUP_PASSPHRASE"]
    elif sys.stdin.isatty():
        value = getpass.getpass("Mật khẩu sao lưu: ")
        if confirm and getpass.getpass("Nhập lại mật khẩu: ") != value:
            raise CommandError("Hai lần nhập mật khẩu không khớp.")
    else:
        raise CommandError("Cần mật khẩu: --passphrase-file TỆP hoặc biến PORTAL_BACKUP_PASSPHRASE.")
    if len(value) < 12:
        raise CommandError("Mật khẩu sao lưu cần ít nhất 12 ký tự.")
    return value
