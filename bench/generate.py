"""Bulk-generate a school of about N public pages: articles with cover images, notices, official documents
and library catalogue records with their copies; and pending submissions for the reviewers' dashboard.

The school itself is installed the real way (``install_school`` with the demo's answers, as the test world
does, plus the demo's role accounts), without the demo's content. Pages are then inserted in bulk (treebeard
paths computed here, one INSERT per chunk) instead of through ``add_child`` + revisions, which would take
hours at 50,000 pages. The rows are what Wagtail would store for a published page (live, url_path,
timestamps); revisions and the admin search index are left out — the static build and the public views never
read them. Pending items (``add_pending``) are real submissions: a draft revision and ``workflow.start``.
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


def bulk_add_children(parent, objs, published, live=True):
    """Add ``objs`` (unsaved specific pages) as children of ``parent``, live unless ``live=False`` (drafts
    never published); ``published[i]`` datetimes."""
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
            obj.live = live
            obj.has_unpublished_changes = not live
            obj.first_published_at = obj.last_published_at = published[i - 1] if live else None
            obj.latest_revision_created_at = published[i - 1]
            obj.draft_title = obj.title
            obj.locale_id = parent.locale_id
            obj.translation_key = uuid.uuid4()
            bases.append(Page(**{name: getattr(obj, name) for name in base_fields}))
        Page.objects.bulk_create(bases)
        for obj, base in zip(chunk, bases, strict=True):
            obj.pk = obj.id = obj.page_ptr_id = base.pk
            obj._state.adding = False  # saved: a later save_revision must not validate it as new
        _insert_child_rows(type(obj), chunk)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(objs))


def _aware(day, rng):
    return datetime(day.year, day.month, day.day, 1 + rng.randrange(10), rng.randrange(60), tzinfo=UTC)


def install():
    """The school without demo content: ``install_school`` (demo answers), role accounts, structure."""
    from cms.demo.seed import assign_office_roles, ensure_home, ensure_users
    from editorial.demo import seed_school_structure

    home = ensure_home()
    users = ensure_users()
    seed_school_structure(users, home)
    assign_office_roles(users)
    return home, users


def generate(pages, years=10, seed=15):
    """Install the school, then add about ``pages`` public pages: 70 % articles (one cover image per
    article, drawn from a pool of ``pages // 20`` images), 10 % notices, 10 % official documents, 10 %
    catalogue records (each with two copies; a record is a public page of the catalogue), spread over
    ``years`` years. Returns counts."""
    install()
    rng = random.Random(seed)
    n_articles, n_notices, n_records = pages * 7 // 10, pages // 10, pages // 10
    n_documents = pages - n_articles - n_notices - n_records
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
            notices[-1]._derive_search_folded()
        notices.sort(key=lambda n: n.notice_date)
        bulk_add_children(notice_index, notices, [n.valid_from for n in notices])

        document_index = DocumentIndexPage.objects.get()
        issuer = Issuer.objects.filter(is_school=True).first() or Issuer.objects.create(
            name="Trường Tiểu học Nguyễn Khuyến",
            short_name="Trường TH Nguyễn Khuyến",
            abbreviation="THNK",
            is_school=True,
        )
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
        copies = _records(n_records, rng)
    return {
        "articles": n_articles,
        "notices": n_notices,
        "documents": n_documents,
        "records": n_records,
        "copies": copies,
        "images": len(images),
    }


AUTHORS = ("Tô Hoài", "Nguyễn Nhật Ánh", "Võ Quảng", "Trần Đăng Khoa", "Phạm Hổ", "Nguyễn Huy Tưởng")


def _records(count, rng):
    """``count`` catalogue records with one author and two copies each, inserted in bulk; returns copies.

    ``BibliographicRecord.save`` derives the author mark, call number and folded search text: the same
    derivations are done here (``refresh_search``) since ``bulk_create`` skips ``save``."""
    from cms.core.vietnamese import fold
    from cms.library.models import BibliographicRecord, Copy, Library, RecordAuthor

    library = Library.default()
    copies = 0
    for offset in range(0, count, CHUNK):
        records, names = [], []
        for i in range(offset, min(count, offset + CHUNK)):
            name = AUTHORS[i % len(AUTHORS)]
            record = BibliographicRecord(
                title=f"{_sentence(rng, 5)} tập {i}",
                publisher="NXB Kim Đồng",
                place="Hà Nội",
                year=2000 + i % 26,
                classification=f"895.922{i % 10}",
                subjects="Truyện thiếu nhi; Văn học Việt Nam",
                reading_grade=1 + i % 5,
                summary=_sentence(rng, 30) + ".",
            )
            record.author_mark = "".join(ch for ch in fold(name.split()[-1]) if ch.isalnum())[:3].upper()
            record.call_number = record.computed_call_number()
            record.refresh_search(authors=[name])
            records.append(record)
            names.append(name)
        BibliographicRecord.objects.bulk_create(records)
        RecordAuthor.objects.bulk_create(
            [RecordAuthor(record=r, name=n, sort_order=0) for r, n in zip(records, names, strict=True)]
        )
        batch = [
            Copy(
                record=r,
                library=library,
                accession_number=f"{(r.pk * 2 + k):06d}",
                sort_order=k,
                status="san_sang",
                acquired_on=date(r.year, 9, 5),
            )
            for r in records
            for k in range(2)
        ]
        Copy.objects.bulk_create(batch)
        copies += len(batch)
    return copies


@transaction.atomic
def add_pending(count, author="giaovien1"):
    """``count`` more articles waiting for review: each a draft page with a revision, submitted to its
    section's workflow (``workflow.start``, as the editor's "Gửi duyệt" does). Returns the number waiting."""
    from django.contrib.auth import get_user_model
    from wagtail.models import WorkflowState

    user = get_user_model().objects.get(username=author)
    sections = [s for s in SectionPage.objects.live().order_by("path") if s.get_workflow() is not None]
    rng = random.Random(count)
    start = ArticlePage.objects.filter(slug__startswith="bai-cho-duyet-").count()
    drafts = []
    for i in range(start, start + count):
        drafts.append(
            (
                sections[i % len(sections)],
                ArticlePage(
                    title=f"Bài chờ duyệt {i}: {_sentence(rng, 6)}",
                    slug=f"bai-cho-duyet-{i}",
                    lead=_sentence(rng, 20) + ".",
                    body=[("paragraph", RichText(f"<p>{_sentence(rng, 40)}.</p>"))],
                    publication_date=date(2026, 11, 27),
                    author_name="Lê Thị Phương Thảo",
                    owner=user,
                ),
            )
        )
    for section in sections:
        mine = [page for s, page in drafts if s.pk == section.pk]
        if mine:
            now = datetime(2026, 11, 27, 8, tzinfo=UTC)
            bulk_add_children(section, mine, [now] * len(mine), live=False)
    for section, page in drafts:
        page.owner = user
        page.save_revision(user=user)
        section.get_workflow().start(page, user)
    return WorkflowState.objects.filter(status="in_progress").count()
