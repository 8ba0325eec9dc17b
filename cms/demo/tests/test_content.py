"""Checks of the demo data and the image generator; plain pytest, no database needed."""

import ast
import io
import re
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from cms.demo import content
from cms.demo.images import MOTIFS, make_image

PEOPLE = {person["username"]: person for person in content.PEOPLE}
SECTIONS = {section["key"]: section for section in content.SECTIONS}
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Who may write in which section: the author decides the moderation route (mission.md, "Moderation").
ALLOWED_AUTHORS = {
    "tin_tuc": {"hieutruong", "phohieutruong", "quantri", "vanthu", "thuthu"},
    "chuyen_mon": {"phohieutruong", "totruong1", "giaovien1", "gvcn1a", "thuthu"},
    "doi_cong_doan": {"congdoan", "phohieutruong"},
    "goc_hoc_sinh": {"hocsinh1a", "gvcn1a"},
}


def _strings(value):
    """Every string inside nested dicts, lists and tuples (keys included)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _jpeg(data):
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


# --- content -------------------------------------------------------------------------------------------


def test_content_module_has_no_imports():
    """Pure data: importable without Django (or anything else)."""
    tree = ast.parse(Path(content.__file__).read_text(encoding="utf-8"))
    assert ast.get_docstring(tree)
    assert not [node for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)]


def test_school():
    school = content.SCHOOL
    assert school["name"] == "Trường Tiểu học Nguyễn Khuyến"
    assert school["short_name"] == "THNK"
    assert school["principal"] == "Phạm Văn Tuấn"
    assert (
        "Cầu Đất" in school["address"]
        and "Ngô Quyền" in school["address"]
        and "Hải Phòng" in school["address"]
    )
    assert school["phone"] and re.fullmatch(r"[\w.+-]+@thnk\.edu\.vn", school["email"])
    assert school["managing_bodies"] == ["UBND quận Ngô Quyền", "Phòng GD&ĐT quận Ngô Quyền"]
    assert school["managing_body"] in school["managing_bodies"]


def test_people():
    assert [p["username"] for p in content.PEOPLE] == [
        "hieutruong",
        "phohieutruong",
        "totruong1",
        "giaovien1",
        "gvcn1a",
        "hocsinh1a",
        "congdoan",
        "quantri",
        "vanthu",
        "thuthu",
    ]
    for person in content.PEOPLE:
        assert person["full_name"] == f"{person['last_name']} {person['first_name']}"
        assert person["first_name"] and " " not in person["first_name"]
        assert len(person["last_name"].split()) >= 2, "family name and middle name"
        assert person["position"]
        assert person["email"].isascii() and re.fullmatch(r"[a-z0-9.]+@thnk\.edu\.vn", person["email"])
    assert len({p["email"] for p in content.PEOPLE}) == len(content.PEOPLE)
    assert PEOPLE["hieutruong"]["full_name"] == "Phạm Văn Tuấn"
    assert PEOPLE["hieutruong"]["position"] == "Hiệu trưởng"
    assert PEOPLE["gvcn1a"]["class_name"] == PEOPLE["hocsinh1a"]["class_name"] == "1A"
    assert PEOPLE["totruong1"]["department"] == PEOPLE["giaovien1"]["department"] == "Tổ 1"


def test_sections():
    assert [(s["title"], s["slug"]) for s in content.SECTIONS] == [
        ("Tin tức – Sự kiện", "tin-tuc-su-kien"),
        ("Hoạt động chuyên môn", "hoat-dong-chuyen-mon"),
        ("Hoạt động Đội – Công đoàn", "hoat-dong-doi-cong-doan"),
        ("Góc học sinh", "goc-hoc-sinh"),
    ]
    assert len(SECTIONS) == 4
    assert all(s["intro"] for s in content.SECTIONS)


def test_enough_articles_in_every_section():
    assert len(content.ARTICLES) >= 20
    per_section = Counter(article["section"] for article in content.ARTICLES)
    assert set(per_section) == set(SECTIONS)
    assert min(per_section.values()) >= 5, per_section


def test_slugs_unique_and_ascii():
    slugs = [article["slug"] for article in content.ARTICLES] + [s["slug"] for s in content.SECTIONS]
    assert len(slugs) == len(set(slugs))
    for slug in slugs:
        assert slug.isascii() and SLUG_RE.match(slug), slug
        assert len(slug) <= 80, slug
        assert "dj" not in slug, f"{slug}: đ must fold to d"


def test_titles_unique():
    # The seeder finds an article's generated cover image by title.
    titles = [article["title"] for article in content.ARTICLES]
    assert len(titles) == len(set(titles))


def test_all_text_is_nfc():
    data = [content.SCHOOL, content.PEOPLE, content.SECTIONS, content.ARTICLES]
    not_nfc = [text for text in _strings(data) if not unicodedata.is_normalized("NFC", text)]
    assert not not_nfc


def test_no_placeholder_text():
    for text in _strings(content.ARTICLES):
        lowered = text.lower()
        assert "lorem" not in lowered and "ipsum" not in lowered and "todo" not in lowered, text
        assert text == text.strip() and "  " not in text, repr(text)


@pytest.mark.parametrize("article", content.ARTICLES, ids=lambda a: a["slug"])
def test_article(article):
    assert article["section"] in SECTIONS
    assert article["title"] and len(article["title"]) <= 255
    assert date(2025, 8, 20) <= date.fromisoformat(article["date"]) <= date(2026, 11, 20)

    author = PEOPLE[article["author_username"]]
    assert article["author_username"] in ALLOWED_AUTHORS[article["section"]]
    assert article["author_name"] == author["full_name"]
    assert article["author_position"].startswith(author["position"])

    assert 20 <= len(article["lead"]) <= 600
    assert article["cover_caption"] and len(article["cover_caption"]) <= 250
    assert article["image_motif"] in MOTIFS

    kinds = Counter(kind for kind, _ in article["body"])
    assert set(kinds) <= {"paragraph", "quote", "image"}
    assert 3 <= kinds["paragraph"] <= 6
    assert kinds["quote"] <= 1 and kinds["image"] <= 1
    for kind, value in article["body"]:
        if kind == "paragraph":
            assert isinstance(value, str) and value.strip()
            assert not set("<>&") & set(value), "paragraphs are plain text, inserted into <p> by the seeder"
        elif kind == "quote":
            assert set(value) == {"text", "attribution"} and value["text"] and value["attribution"]
            assert len(value["attribution"]) <= 200
        else:
            assert set(value) == {"caption"} and 0 < len(value["caption"]) <= 250


def test_articles_oldest_first():
    dates = [article["date"] for article in content.ARTICLES]
    assert dates == sorted(dates)


def test_images_and_quotes_are_used():
    kinds = Counter(kind for article in content.ARTICLES for kind, _ in article["body"])
    assert kinds["image"] >= 5 and kinds["quote"] >= 5
    assert {article["image_motif"] for article in content.ARTICLES} == set(MOTIFS)


# --- images --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("motif", MOTIFS)
def test_make_image_is_a_jpeg_of_the_requested_size(motif):
    image = _jpeg(make_image("Lễ khai giảng năm học 2025–2026", motif, seed=7))
    assert image.format == "JPEG"
    assert image.size == (1200, 675)
    assert image.mode == "RGB"


@pytest.mark.parametrize("size", [(640, 360), (400, 400), (300, 500)])
def test_make_image_other_sizes(size):
    assert _jpeg(make_image("Góc học sinh", "tree", seed=3, size=size)).size == size


def test_make_image_is_deterministic():
    article = content.ARTICLES[0]
    first = make_image(article["title"], article["image_motif"], 1)
    assert make_image(article["title"], article["image_motif"], 1) == first
    assert make_image(article["title"], article["image_motif"], "1") == make_image(
        article["title"], article["image_motif"], "1"
    )
    assert make_image(article["title"], article["image_motif"], 2) != first
    assert make_image("Một tiêu đề khác", article["image_motif"], 1) != first


def test_make_image_handles_long_titles_and_nfd_input():
    long_title = " ".join(["Trường Tiểu học Nguyễn Khuyến tổ chức hoạt động trải nghiệm"] * 6)
    assert _jpeg(make_image(long_title, "star", seed=1)).size == (1200, 675)
    nfd = unicodedata.normalize("NFD", "Ngày hội đọc sách")
    assert make_image(nfd, "books", 5) == make_image("Ngày hội đọc sách", "books", 5)


def test_make_image_rejects_unknown_motif():
    with pytest.raises(ValueError):
        make_image("Tiêu đề", "rocket", 1)
