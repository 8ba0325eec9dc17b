"""Bulk-generate a school of about N public pages (articles with cover images, notices, documents).

Pages are inserted in bulk (treebeard paths computed here, one INSERT per chunk) instead of through
``add_child`` + revisions, which would take hours at 50,000 pages. The rows are what Wagtail would
store for a published page (live, url_path, timestamps); revisions and the admin search index are left
out — the static build and the public views never read them.
"""

import io
import random
import uuid
from datetime import UTC, date, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import connection, transaction
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.rich_text import RichText

from cms.documents.models import DocumentIndexPage, Issuer, OfficialDocumentPage
from cms.news.models import ArticlePage, SectionPage
from cms.notices.models import NoticeIndexPage, NoticePage

WORDS = (
    "học sinh giáo viên nhà trường hoạt động chuyên môn phong trào thi đua ngoại khóa thể dục thể thao "
    "văn nghệ liên đội đoàn thể công đoàn tổ khối lớp năm học kế hoạch tuần lễ kỷ niệm ngày nhà giáo "
    "Việt Nam khai giảng tổng kết trải nghiệm sáng tạo đọc sách thư viện an toàn giao thông vệ sinh"
).split()
CHUNK = 500


def _sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def _images(count, rng):
    """``count`` small JPEG images (distinct pixels, so distinct files and renditions)."""
    from PIL import Image as PILImage

    model = get_image_model()
    images = []
    for i in range(count):
        buf = io.BytesIO()
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        PILImage.new("RGB", (320, 200), colour).save(buf, "JPEG", quality=70)
        image = model(title=f"Ảnh thử {i}")
        image.file = ImageFile(buf, name=f"bench-{i}.jpg")
        image.save()
        images.append(image)
    return images


def _insert_child_rows(model, objs):
    """INSERT the rows of ``model``'s own table (multi-table inheritance: Django cannot bulk_create them)."""
    fields = list(model._meta.local_concrete_fields)
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    rows = [[f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields] for obj in objs]
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def bulk_add_children(parent, objs, published):
    """Add ``objs`` (unsaved specific pages) as live children of ``parent``; ``published[i]`` datetimes."""
    parent = Page.objects.get(pk=parent.pk)
    last = parent.get_last_child()
    start = Page._str2int(last.path[-Page.steplen :]) if last else 0
    content_type = ContentType.objects.get_for_model(type(objs[0]))
    base_fields = [f.attname for f in Page._meta.concrete_fields if f.attname != "id"]
    for offset in range(0, len(objs), CHUNK):
        chunk = objs[offset : offset + CHUNK]
        bases = []
        for i, obj in enumerate(chunk, start=offset + 1):
            obj.path = Page._get_path(parent.path, parent.depth + 1, start + i)
            obj.depth = parent.depth + 1
            obj.numchild = 0
            obj.url_path = f"{parent.url_path}{obj.slug}/"
            obj.content_type = content_type
            obj.live = True
            obj.has_unpublished_changes = False
            obj.first_published_at = obj.last_published_at = published[i - 1]
            obj.latest_revision_created_at = published[i - 1]
            obj.draft_title = obj.title
            obj.locale_id = parent.locale_id
            obj.translation_key = uuid.uuid4()
            bases.append(Page(**{name: getattr(obj, name) for name in base_fields}))
        Page.objects.bulk_create(bases)
        for obj, base in zip(chunk, bases, strict=True):
            obj.pk = obj.id = obj.page_ptr_id = base.pk
        _insert_child_rows(type(obj), chunk)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(objs))


def _aware(day, rng):
    return datetime(day.year, day.month, day.day, 1 + rng.randrange(10), rng.randrange(60), tzinfo=UTC)


def generate(pages, years=10, seed=15):
    """Add about ``pages`` public pages to the seeded demo school: 80 % articles (one cover image per
    article, drawn from a pool of ``pages // 20`` images), 10 % notices, 10 % documents, spread over
    ``years`` years. Returns counts."""
    rng = random.Random(seed)
    n_articles, n_notices = pages * 8 // 10, pages // 10
    n_documents = pages - n_articles - n_notices
    today = date(2026, 11, 27)
    days = [today - timedelta(days=rng.randrange(365 * years)) for _ in range(pages)]
    with transaction.atomic():
        images = _images(max(5, pages // 20), rng)
        sections = list(SectionPage.objects.live().order_by("path"))
        by_section = {s.pk: [] for s in sections}
        for i in range(n_articles):
            section = sections[i % len(sections)]
            day = days[i]
            image = images[i % len(images)]
            body = [("paragraph", RichText("".join(f"<p>{_sentence(rng, 40)}.</p>" for _ in range(4))))]
            by_section[section.pk].append(
                ArticlePage(
                    title=f"{_sentence(rng, 8)} ({i})",
                    slug=f"bai-thu-{i}",
                    lead=_sentence(rng, 25) + ".",
                    body=body,
                    publication_date=day,
                    cover_image=image,
                    cover_alt=f"Ảnh minh họa {i}",
                    author_name="Nguyễn Thị Hà",
                    author_position="Giáo viên",
                )
            )
        for section in sections:
            objs = sorted(by_section[section.pk], key=lambda a: a.publication_date)
            if objs:
                bulk_add_children(section, objs, [_aware(a.publication_date, rng) for a in objs])

        notice_index = NoticeIndexPage.objects.get()
        notices = []
        for i in range(n_notices):
            day = days[n_articles + i]
            start = _aware(day, rng)
            notices.append(
                NoticePage(
                    title=f"Thông báo {_sentence(rng, 6)} ({i})",
                    slug=f"thong-bao-thu-{i}",
                    notice_date=day,
                    sender="Ban Giám hiệu",
                    valid_from=start,
                    valid_to=start + timedelta(days=14),
                    summary=_sentence(rng, 20) + ".",
                    body=f"<p>{_sentence(rng, 60)}.</p>",
                )
            )
        notices.sort(key=lambda n: n.notice_date)
        bulk_add_children(notice_index, notices, [n.valid_from for n in notices])

        document_index = DocumentIndexPage.objects.get()
        issuer = Issuer.objects.filter(is_school=True).first() or Issuer.objects.first()
        documents = []
        for i in range(n_documents):
            day = days[n_articles + n_notices + i]
            doc = OfficialDocumentPage(
                title=f"Quyết định về {_sentence(rng, 6).lower()} ({i})",
                slug=f"van-ban-thu-{i}",
                number_symbol=f"{1000 + i}/QĐ-THNK",
                doc_type="quyet-dinh",
                issue_date=day,
                issuer=issuer,
                signer_name="Phạm Văn Tuấn",
                signer_position="Hiệu trưởng",
                summary=_sentence(rng, 20),
                field="hanh-chinh",
            )
            doc._derive()
            documents.append(doc)
        documents.sort(key=lambda d: d.issue_date)
        bulk_add_children(document_index, documents, [_aware(d.issue_date, rng) for d in documents])
    return {"articles": n_articles, "notices": n_notices, "documents": n_documents, "images": len(images)}
