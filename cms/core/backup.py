"""Backups (Quy chế Điều 12.3a): one encrypted archive per run, restorable into an empty instance.

An archive holds, in a tar file:

- ``database/db.sqlite3`` (SQLite's online backup API) or ``database/db.pgdump`` (``pg_dump`` custom format):
  each engine's native, consistent dump;
- ``media/…``: every file of the media storage (originals, renditions, documents), local folder or bucket;
- ``site/manifest.json``: the live site's manifest (what the public saw at backup time);
- ``meta.json``: format, engine, time, and the SHA-256 and size of every other member (checked on restore
  before anything is written).

The tar is encrypted because it holds pupils' data and password hashes: AES-256-GCM in 1 MiB chunks, the key
derived from a passphrase with scrypt. Each chunk is authenticated with its number and a "last chunk" flag, so
a flipped bit, a truncated file or a reordered chunk is refused; a key-check block tells a wrong passphrase
apart from a damaged file. File layout::

    MAGIC(8) version(1) salt(16) log2n(1) r(1) p(1) nonce_prefix(4) check(12 nonce + 32 ciphertext)
    then chunks: flag(1: 0 more, 1 last) length(4, big-endian) ciphertext(length, incl. 16-byte tag)
"""

import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

MAGIC = b"PORTALBK"
VERSION = 1
CHUNK = 1024 * 1024
SCRYPT = (15, 8, 1)  # n = 2**15, r, p: ~32 MB and a fraction of a second
CHECK_PLAINTEXT = b"cong-ttdt-backup-key-check-00000"
SUFFIX = ".portal-backup"
NAME_RE = re.compile(r"^cong-ttdt-.*-\d{8}-\d{6}" + re.escape(SUFFIX) + "$")


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is Vietnamese, for the person running it."""


# --- Encryption -------------------------------------------------------------------------------------------


def _key(passphrase, salt, log2n, r, p):
    return Scrypt(salt=salt, length=32, n=2**log2n, r=r, p=p).derive(passphrase.encode("utf-8"))


def encrypt_file(src, dst, passphrase):
    """Encrypt file ``src`` into ``dst`` (paths) with ``passphrase`` (format in the module docstring)."""
    if not passphrase:
        raise BackupError("Cần mật khẩu sao lưu (passphrase) để mã hoá tệp sao lưu.")
    salt, prefix = os.urandom(16), os.urandom(4)
    log2n, r, p = SCRYPT
    aes = AESGCM(_key(passphrase, salt, log2n, r, p))
    header = MAGIC + bytes([VERSION]) + salt + bytes([log2n, r, p]) + prefix
    check_nonce = os.urandom(12)
    check = check_nonce + aes.encrypt(check_nonce, CHECK_PLAINTEXT, header)
    size = Path(src).stat().st_size
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        fout.write(header + check)
        counter, done = 0, 0
        while True:
            block = fin.read(CHUNK)
            done += len(block)
            last = done >= size
            flag = b"\x01" if last else b"\x00"
            nonce = prefix + counter.to_bytes(8, "big")
            sealed = aes.encrypt(nonce, block, header + counter.to_bytes(8, "big") + flag)
            fout.write(flag + len(sealed).to_bytes(4, "big") + sealed)
            counter += 1
            if last:
                break
        fout.flush()
        os.fsync(fout.fileno())


def decrypt_file(src, dst, passphrase):
    """Decrypt ``src`` into ``dst``; ``BackupError`` on a wrong passphrase or a damaged/truncated file."""
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        header = fin.read(len(MAGIC) + 1 + 16 + 3 + 4)
        if len(header) < len(MAGIC) + 24 or not header.startswith(MAGIC):
            raise BackupError("Đây không phải tệp sao lưu của cổng thông tin (hoặc tệp đã hỏng phần đầu).")
        if header[len(MAGIC)] != VERSION:
            raise BackupError(f"Tệp sao lưu phiên bản {header[len(MAGIC)]} chưa được hỗ trợ.")
        salt = header[len(MAGIC) + 1 : len(MAGIC) + 17]
        log2n, r, p = header[len(MAGIC) + 17 : len(MAGIC) + 20]
        prefix = header[len(MAGIC) + 20 :]
        if not (10 <= log2n <= 22 and 1 <= r <= 32 and 1 <= p <= 16):
            raise BackupError("Tệp sao lưu bị hỏng (thông số khoá không hợp lệ).")
        aes = AESGCM(_key(passphrase, salt, log2n, r, p))
        check = fin.read(12 + len(CHECK_PLAINTEXT) + 16)
        try:
            if aes.decrypt(check[:12], check[12:], header) != CHECK_PLAINTEXT:
                raise InvalidTag
        except InvalidTag:
            raise BackupError("Sai mật khẩu sao lưu (hoặc phần đầu tệp đã hỏng).") from None
        counter = 0
        while True:
            head = fin.read(5)
            if len(head) < 5:
                raise BackupError("Tệp sao lưu bị cắt cụt (thiếu phần cuối): không khôi phục.")
            flag, length = head[:1], int.from_bytes(head[1:], "big")
            if flag not in (b"\x00", b"\x01") or length > CHUNK + 16:
                raise BackupError(f"Tệp sao lưu bị hỏng ở khối {counter + 1}.")
            sealed = fin.read(length)
            if len(sealed) < length:
                raise BackupError("Tệp sao lưu bị cắt cụt (thiếu phần cuối): không khôi phục.")
            nonce = prefix + counter.to_bytes(8, "big")
            try:
                fout.write(aes.decrypt(nonce, sealed, header + counter.to_bytes(8, "big") + flag))
            except InvalidTag:
                raise BackupError(f"Tệp sao lưu bị hỏng ở khối {counter + 1}: không khôi phục.") from None
            counter += 1
            if flag == b"\x01":
                if fin.read(1):
                    raise BackupError("Tệp sao lưu có dữ liệu lạ sau phần cuối: không khôi phục.")
                return


# --- What goes into the archive ---------------------------------------------------------------------------


def _engine():
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu {vendor}.")
    return vendor


def _pg_env():
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    env.update(
        PGHOST=str(db.get("HOST") or ""),
        PGPORT=str(db.get("PORT") or ""),
        PGUSER=str(db.get("USER") or ""),
        PGPASSWORD=str(db.get("PASSWORD") or ""),
        PGDATABASE=str(connection.settings_dict["NAME"]),
    )
    return {k: v for k, v in env.items() if v != "" or not k.startswith("PG")}


def _dump_database(folder):
    if _engine() == "sqlite":
        target_path = folder / "db.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(target_path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        return target_path
    target_path = folder / "db.pgdump"
    done = subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", "--no-acl", "--file", str(target_path)],
        env=_pg_env(),
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise BackupError(f"pg_dump thất bại: {done.stderr.strip()}")
    return target_path


def _media_names(storage, folder=""):
    try:
        dirs, files = storage.listdir(folder)
    except FileNotFoundError:
        # A new install with no upload yet has no media folder: nothing to back up, not an error.
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(dirs):
        yield from _media_names(storage, f"{folder}/{sub}" if folder else sub)


def _live_manifest():
    """The live site's whole manifest as one JSON document (its root and every folder's part, decision
    record 0015), or None before the first build or when it cannot be read."""
    from cms.publishing.manifest import read_tree
    from cms.publishing.release import current_dir

    try:
        whole = read_tree(Path(current_dir()).resolve()).whole()
    except (OSError, ValueError):
        return None
    return json.dumps(whole, ensure_ascii=False, sort_keys=True, indent=1).encode()


def _sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def archive_name(now=None):
    """``cong-ttdt-<short name>-YYYYMMDD-HHMMSS.portal-backup`` (Vietnam time)."""
    from cms.core.vietnamese import slugify_vi

    now = timezone.localtime(now)
    try:
        from wagtail.models import Site

        from cms.core.models import SchoolSettings

        short = SchoolSettings.for_site(Site.objects.get(is_default_site=True)).short_name
    except Exception:  # noqa: BLE001 - a backup never fails for want of a pretty name
        short = "truong"
    return f"cong-ttdt-{slugify_vi(short) or 'truong'}-{now:%Y%m%d-%H%M%S}{SUFFIX}"


def create_backup(dest_dir, passphrase, keep=None):
    """Write one encrypted archive into ``dest_dir``; return its path. ``keep``: then keep only the newest N.

    Written to a temporary name and renamed when complete, so a full USB drive never leaves a file that looks
    like a finished backup.
    """
    if not passphrase:
        raise BackupError("Cần mật khẩu sao lưu (passphrase) để mã hoá tệp sao lưu.")
    if keep is not None and int(keep) < 1:
        raise BackupError("--keep phải là một số nguyên dương (số bản sao lưu mới nhất được giữ lại).")
    dest_dir = Path(dest_dir)
    if not dest_dir.is_dir():
        # Never create the destination: with the USB drive unplugged, a nightly job would otherwise write the
        # backup onto the server's own disk under the mount point and report success (Điều 12.3a).
        raise BackupError(
            f"Thư mục đích {dest_dir} không tồn tại (ổ USB chưa cắm hoặc chưa gắn?). "
            "Hãy cắm ổ và tạo thư mục trước khi sao lưu."
        )
    engine = _engine()
    with tempfile.TemporaryDirectory(prefix="portal-backup-") as tmp:
        tmp = Path(tmp)
        members = {}
        db_path = _dump_database(tmp)
        members[f"database/{db_path.name}"] = db_path
        media_dir = tmp / "media"
        for name in _media_names(default_storage):
            local = media_dir / name
            local.parent.mkdir(parents=True, exist_ok=True)
            with default_storage.open(name, "rb") as src, open(local, "wb") as out:
                shutil.copyfileobj(src, out)
            members[f"media/{name}"] = local
        manifest = _live_manifest()
        if manifest is not None:
            (tmp / "manifest.json").write_bytes(manifest)
            members["site/manifest.json"] = tmp / "manifest.json"
        meta = {
            "format": "cong-ttdt-backup",
            "version": VERSION,
            "created_at": timezone.now().isoformat(),
            "engine": engine,
            "files": {
                name: {"sha256": _sha256_file(path), "size": path.stat().st_size}
                for name, path in sorted(members.items())
            },
        }
        tar_path = tmp / "backup.tar"
        with tarfile.open(tar_path, "w") as tar:
            data = json.dumps(meta, ensure_ascii=False, indent=1).encode("utf-8")
            info = tarfile.TarInfo("meta.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            for name, path in sorted(members.items()):
                tar.add(path, arcname=name, recursive=False)
        final = dest_dir / archive_name()
        partial = final.with_name(final.name + ".dang-ghi")
        try:
            encrypt_file(tar_path, partial, passphrase)
            # The archive holds pupils' data and password hashes: readable by its owner only.
            partial.chmod(0o600)
            partial.rename(final)
        finally:
            partial.unlink(missing_ok=True)
    if keep is not None:
        prune(dest_dir, keep)
    return final


def prune(dest_dir, keep):
    """Keep only the newest ``keep`` (≥ 1) archives in ``dest_dir`` (names sort by time); return the deleted.

    Raises ``BackupError`` for ``keep`` < 1: a negative count would otherwise delete every archive.
    """
    if int(keep) < 1:
        raise BackupError("--keep phải là một số nguyên dương.")
    archives = sorted(p for p in Path(dest_dir).iterdir() if NAME_RE.match(p.name))
    old = archives[: max(0, len(archives) - int(keep))]
    for path in old:
        path.unlink()
    return old


# --- Restore ----------------------------------------------------------------------------------------------


def _safe_members(tar):
    for member in tar.getmembers():
        path = PurePosixPath(member.name)
        if member.isdir():
            continue
        if not member.isfile() or path.is_absolute() or ".." in path.parts:
            raise BackupError(f"Tệp sao lưu chứa đường dẫn không hợp lệ: {member.name}")
        yield member


def instance_is_empty():
    """An instance is empty when nobody has an account, no page exists beyond Wagtail's first ones and the
    media storage holds no file (restoring over another school's media would mix the two schools' files)."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    if get_user_model().objects.exists() or Page.objects.filter(depth__gt=2).exists():
        return False
    return media_is_empty(default_storage)


def media_is_empty(storage):
    """True when ``storage`` (local folder or bucket) holds no file at all, in any folder."""
    return next(_media_names(storage), None) is None


def read_archive(archive, passphrase, workdir):
    """Decrypt and unpack ``archive`` into ``workdir`` and verify every checksum; return ``meta``.

    Nothing of the instance is touched here: a damaged archive is refused before the restore begins.
    """
    workdir = Path(workdir)
    tar_path = workdir / "backup.tar"
    decrypt_file(archive, tar_path, passphrase)
    out = workdir / "files"
    try:
        with tarfile.open(tar_path, "r") as tar:
            for member in _safe_members(tar):
                target = out / member.name
                target.parent.mkdir(parents=True, exist_ok=True)
                with tar.extractfile(member) as src, open(target, "wb") as dst:
                    shutil.copyfileobj(src, dst)
    except tarfile.TarError as exc:
        raise BackupError(f"Tệp sao lưu bị hỏng (không đọc được nội dung: {exc}).") from None
    tar_path.unlink()
    try:
        meta = json.loads((out / "meta.json").read_text("utf-8"))
    except (OSError, ValueError):
        raise BackupError("Tệp sao lưu thiếu hoặc hỏng mục lục (meta.json).") from None
    present = {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()} - {"meta.json"}
    if present != set(meta["files"]):
        raise BackupError("Danh sách tệp trong bản sao lưu không khớp mục lục: không khôi phục.")
    for name, info in meta["files"].items():
        path = out / name
        if path.stat().st_size != info["size"] or _sha256_file(path) != info["sha256"]:
            raise BackupError(f"Sai mã kiểm tra (SHA-256) của {name}: bản sao lưu bị hỏng, không khôi phục.")
    return meta


def restore_backup(archive, passphrase, force=False):
    """Fill this EMPTY instance from ``archive``: verify everything first, then the database, then media.

    Returns ``meta``. Refuses (``BackupError``) a non-empty instance unless ``force``, an archive of another
    database engine, a wrong passphrase or any damaged member.
    """
    engine = _engine()
    if not force and not instance_is_empty():
        raise BackupError(
            "Hệ thống này đã có dữ liệu (tài khoản, trang hoặc tệp media). Chỉ khôi phục vào một cài đặt "
            "mới, trống (manage.py migrate trên cơ sở dữ liệu mới)."
        )
    with tempfile.TemporaryDirectory(prefix="portal-restore-") as tmp:
        meta = read_archive(archive, passphrase, tmp)
        if meta.get("engine") != engine:
            raise BackupError(
                f"Bản sao lưu của cơ sở dữ liệu {meta.get('engine')}, hệ thống này dùng {engine}: "
                "hãy khôi phục vào cùng loại cơ sở dữ liệu."
            )
        files = Path(tmp) / "files"
        _restore_database(engine, files / "database")
        for name in meta["files"]:
            if not name.startswith("media/"):
                continue
            media_name = name.removeprefix("media/")
            if default_storage.exists(media_name):
                default_storage.delete(media_name)
            with open(files / name, "rb") as fh:
                saved = default_storage.save(media_name, ContentFile(fh.read()))
            if saved != media_name:
                raise BackupError(f"Không ghi được tệp {media_name} đúng tên (kho đổi thành {saved}).")
        manifest = files / "site" / "manifest.json"
        if manifest.exists():
            meta["manifest"] = json.loads(manifest.read_text("utf-8"))
    return meta


def _restore_database(engine, folder):
    connection.ensure_connection()
    if engine == "sqlite":
        source = sqlite3.connect(folder / "db.sqlite3")
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        return
    connection.close()
    done = subprocess.run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-acl",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            _pg_env()["PGDATABASE"],
            str(folder / "db.pgdump"),
        ],
        env=_pg_env(),
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise BackupError(f"pg_restore thất bại: {done.stderr.strip()[-2000:]}")
