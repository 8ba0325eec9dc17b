"""Issue 14, Điều 12.3a: backup → restore into an empty instance → build gives the same site, file for file.

Two child processes, each on its own brand-new database (a SQLite file, or a new PostgreSQL database when the
suite runs on PostgreSQL) with its own media and site folders: the first installs a school, publishes an
article with an image and a PDF, builds and backs up; the second restores into an empty instance and builds.
"""

import json
import os
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest

from cms.core.backup import BackupError, decrypt_file, encrypt_file, prune
from cms.publishing.manifest import read_tree

PROJECT = Path(__file__).resolve().parents[3]
PASSPHRASE = "mật khẩu sao lưu của trường 2026"

SOURCE = textwrap.dedent(
    """
    import json, sys, django
    django.setup()
    from datetime import date
    from io import BytesIO
    from django.conf import settings
    from django.core.files.images import ImageFile
    from django.core.management import call_command
    from wagtail.images import get_image_model
    from wagtail.rich_text import RichText
    from cms.core.pdf import ensure_pdf_document
    from cms.core.school_pages import school_page
    from cms.demo.images import make_image
    from cms.news.models import ArticlePage
    from cms.publishing.builder import build_site, builds_suspended
    from cms.core.backup import create_backup

    call_command("migrate", verbosity=0)
    call_command("setup_school", "--name", "Trường Tiểu học Lê Lợi", "--short-name", "THLL", "--no-input",
                 "--public-url", "https://thll.edu.vn", verbosity=0)
    with builds_suspended():
        image = get_image_model()(title="Lễ khai giảng")
        image.file = ImageFile(BytesIO(make_image("Lễ khai giảng", "school", 7)), name="khai-giang.jpg")
        image.save()
        plan = ensure_pdf_document("Kế hoạch năm học", "ke-hoach.pdf", ["Trường Tiểu học Lê Lợi"])
        article = ArticlePage(title="Lễ khai giảng năm học mới", slug="le-khai-giang", lead="Tựu trường.",
                              cover_image=image, cover_alt="Sân trường", publication_date=date(2026, 9, 5),
                              body=[("paragraph", RichText("<p>Tựu trường.</p>")),
                                    ("attachment", {"document": plan, "title": "Kế hoạch (PDF)"})])
        school_page("tin_tuc").add_child(instance=article)
        article.save_revision().publish()
    build_site(trigger="test")
    archive = create_backup(sys.argv[1], sys.argv[2])
    print(json.dumps({"site": str(settings.SITE_OUTPUT_DIR), "archive": str(archive)}))
    """
)

TARGET = textwrap.dedent(
    """
    import json, sys, django
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.contrib.auth import get_user_model
    from cms.core.backup import BackupError, restore_backup
    from cms.publishing.builder import build_site

    call_command("migrate", verbosity=0)
    result = {"site": str(settings.SITE_OUTPUT_DIR), "refused": []}
    for archive, passphrase in json.loads(sys.argv[2]):  # damaged archives first: each must be refused
        try:
            restore_backup(archive, passphrase)
        except BackupError as exc:
            result["refused"].append(str(exc))
    result["users_after_refusals"] = get_user_model().objects.count()
    meta = restore_backup(sys.argv[1], sys.argv[3])
    build_site(trigger="test")
    result["manifest_in_archive"] = sorted(meta["manifest"]["files"])
    try:
        restore_backup(sys.argv[1], sys.argv[3])
    except BackupError as exc:
        result["second_restore"] = str(exc)
    print(json.dumps(result))
    """
)


def _child_env(tmp, name):
    env = {k: v for k, v in os.environ.items() if k not in ("PORTAL_SQLITE_PATH",)}
    env["DJANGO_SETTINGS_MODULE"] = "portal_site.settings.test"
    if os.environ.get("PORTAL_TEST_DB") == "postgres":
        import psycopg

        database = f"bk_{name}_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(dbname="postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
        env["PGDATABASE"] = database
    else:
        env["PORTAL_SQLITE_PATH"] = str(tmp / f"{name}.sqlite3")
    return env


def _run(code, env, *args):
    done = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _files(root):
    """Every file of a release, through its shared folders (``Path.rglob`` does not enter symlinked folders
    on Python 3.11, decision record 0015)."""
    from cms.publishing.release import walk_files

    return {rel: (root / rel).read_bytes() for rel in walk_files(root)}


def _damaged(archive, tmp):
    data = bytearray(archive.read_bytes())
    flipped = tmp / "flipped.portal-backup"
    data[len(data) // 2] ^= 0x01
    flipped.write_bytes(bytes(data))
    truncated = tmp / "truncated.portal-backup"
    truncated.write_bytes(archive.read_bytes()[:-40])
    wrong = [str(archive), "không phải mật khẩu này"]
    return [[str(flipped), PASSPHRASE], [str(truncated), PASSPHRASE], wrong]


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("backup")
    usb = tmp / "usb"
    usb.mkdir()  # the drive's folder exists: a backup never creates its destination
    source = _run(SOURCE, _child_env(tmp, "nguon"), str(usb), PASSPHRASE)
    archive = Path(source["archive"])
    damaged = json.dumps(_damaged(archive, tmp))
    target = _run(TARGET, _child_env(tmp, "dich"), str(archive), damaged, PASSPHRASE)
    return source, target, archive


def test_restore_then_build_gives_the_same_site_file_for_file(round_trip):
    source, target, _ = round_trip
    before = _files(Path(source["site"]) / "current")
    after = _files(Path(target["site"]) / "current")
    assert any(name.startswith("media/images/") for name in before)  # the image and its renditions
    assert any(name.startswith("media/documents/") for name in before)
    # "Identical" ignores build timestamps: manifest.json records when it was built, nothing else does.
    before.pop("manifest.json")
    after.pop("manifest.json")
    before_manifest = read_tree(Path(source["site"]) / "current").whole()
    after_manifest = read_tree(Path(target["site"]) / "current").whole()
    assert sorted(after) == sorted(before)
    assert [name for name in before if before[name] != after[name]] == []
    assert after_manifest["files"] == before_manifest["files"]
    assert target["manifest_in_archive"] == sorted(before_manifest["files"])


def test_damaged_archives_and_a_wrong_passphrase_are_refused_before_anything_is_written(round_trip):
    _, target, _ = round_trip
    flipped, truncated, wrong = target["refused"]
    assert "bị hỏng" in flipped
    assert "cắt cụt" in truncated
    assert "Sai mật khẩu" in wrong
    assert target["users_after_refusals"] == 0  # nothing restored by a refused archive


def test_restore_fills_only_an_empty_instance(round_trip):
    _, target, _ = round_trip
    assert "đã có dữ liệu" in target["second_restore"]


def test_the_archive_is_encrypted(round_trip):
    _, _, archive = round_trip
    data = archive.read_bytes()
    assert b"SQLite format" not in data and b"PGDMP" not in data and b"meta.json" not in data
    assert b"pbkdf2" not in data and b"md5$" not in data  # no password hashes in clear


def test_encryption_round_trip_and_tampering(tmp_path):
    plain = tmp_path / "plain"
    plain.write_bytes(os.urandom(3 * 1024 * 1024 + 17))  # several chunks and a partial last one
    sealed, back = tmp_path / "sealed", tmp_path / "back"
    encrypt_file(plain, sealed, PASSPHRASE)
    decrypt_file(sealed, back, PASSPHRASE)
    assert back.read_bytes() == plain.read_bytes()
    with pytest.raises(BackupError, match="Sai mật khẩu"):
        decrypt_file(sealed, back, "sai")


def test_the_periodic_job_keeps_the_newest_n(tmp_path):
    names = [f"cong-ttdt-thll-202611{day:02d}-013000.portal-backup" for day in range(1, 8)]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "ghi-chu.txt").write_text("không phải bản sao lưu")
    deleted = prune(tmp_path, 3)
    assert sorted(p.name for p in deleted) == names[:4]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names[4:] + ["ghi-chu.txt"])


def test_a_backup_never_creates_its_destination(tmp_path):
    """An unplugged USB drive: the folder is missing; the backup fails instead of writing to the disk."""
    from cms.core.backup import create_backup

    missing = tmp_path / "usb" / "sao-luu"
    with pytest.raises(BackupError, match="không tồn tại"):
        create_backup(missing, PASSPHRASE)
    assert not missing.exists()


@pytest.mark.parametrize("keep", [0, -1])
def test_keep_must_be_positive(tmp_path, keep):
    from cms.core.backup import create_backup

    archive = tmp_path / "cong-ttdt-thll-20261101-013000.portal-backup"
    archive.write_bytes(b"x")
    with pytest.raises(BackupError, match="--keep"):
        create_backup(tmp_path, PASSPHRASE, keep=keep)
    with pytest.raises(BackupError, match="--keep"):
        prune(tmp_path, keep)
    assert archive.exists()  # nothing deleted


@pytest.mark.django_db
def test_backup_command_refuses_bad_input_with_a_message(tmp_path):
    from django.core.management import CommandError, call_command

    secret = tmp_path / "pass"
    secret.write_text(PASSPHRASE)
    with pytest.raises(CommandError, match="không tồn tại"):
        call_command("backup", str(tmp_path / "khong-co"), "--passphrase-file", str(secret))
    with pytest.raises(CommandError, match="--keep"):
        call_command("backup", str(tmp_path), "--keep", "-1", "--passphrase-file", str(secret))


def test_restore_counts_media_files_as_data(tmp_path):
    """A restore into an install whose media folder already holds files would mix two schools' files."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import FileSystemStorage

    from cms.core.backup import media_is_empty

    storage = FileSystemStorage(location=tmp_path / "media")
    assert media_is_empty(storage)  # the folder does not even exist yet: a new install
    (tmp_path / "media" / "images").mkdir(parents=True)
    assert media_is_empty(storage)  # empty folders are not data
    storage.save("documents/cu.pdf", ContentFile(b"%PDF-1.4 old"))
    assert not media_is_empty(storage)
