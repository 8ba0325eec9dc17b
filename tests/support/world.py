"""The small world every test starts from: a school installed by ``setup_school``, its people, one item of
each public content type. Built once per test session (``conftest.py::django_db_setup``); each test runs in a
rolled-back transaction on top of it. Build what a test needs with the factories (``<app>/factories.py``),
find pages by key (``cms.core.school_pages.school_page``) and people by username — never by a demo title.

What exists (``build_world()`` returns the same as a dict):

- **The school**: ``editorial.install.install_school`` with the demo school's answers
  (``cms.demo.seed.demo_answers``: "Trường Tiểu học Nguyễn Khuyến", short name THNK); the default Site;
  ``SchoolSettings``; role groups, every workflow and the document permissions (``editorial.services``).
- **The page tree** of ``setup_school`` (keys in ``cms.core.school_pages``): ``home``; ``gioi_thieu`` with
  ``co_cau_to_chuc``; the four news sections (``SectionKey``: ``tin_tuc``, ``chuyen_mon``, ``doi_cong_doan``,
  ``goc_hoc_sinh``, the last one the student corner); ``van_ban``; ``thong_bao``; ``schedule``;
  ``cong_khai``; ``ban_bien_tap``; ``albums``; ``library`` with ``library_catalogue`` and
  ``library_materials``; ``lien_ket``; ``lien_he``.
- **The school year** 2026–2027 (current), its structure and editorial board (``editorial.demo``): Tổ 1–5
  and Tổ Văn phòng, classes 1A–5B, the unions, the board (decision 125/QĐ-THNK).
- **The people** (``cms.demo.content.PEOPLE``, password ``cms.demo.seed.DEMO_PASSWORD``), one per role:
  ``hieutruong`` (principal), ``phohieutruong`` (vice principal), ``totruong1`` (head of Tổ 1),
  ``giaovien1`` (teacher, Tổ 1), ``gvcn1a`` (homeroom teacher of 1A), ``hocsinh1a`` (pupil of 1A),
  ``congdoan`` (trade union leader), ``quantri`` (portal administrator), ``vanthu`` (clerk),
  ``thuthu`` (librarian). Their groups follow from the structure (``editorial.roles``).
- **Content, one of each public type** (all published):
  ``article`` — an ``ArticlePage`` in ``tin_tuc`` by ``giaovien1``, with a cover image (``WORLD_ARTICLE``);
  ``document`` — an ``OfficialDocumentPage``, decision 39/QĐ-THNK issued by the school, with one PDF
  file (``WORLD_DOCUMENT``);
  ``notice`` — an urgent ``NoticePage`` valid now (``WORLD_NOTICE``);
  ``disclosure`` — this school year's ``DisclosureYearPage`` with one item (a link to "Giới thiệu");
  ``week`` — this week's ``ScheduleWeekPage`` by ``vanthu`` (one public and one internal entry);
  ``album`` — an ``AlbumPage`` by ``quantri`` with a consented photo and one without (``WORLD_ALBUM``);
  ``record`` — one library ``BibliographicRecord`` with one copy; ``material`` — one learning material
  (a test paper) approved for the public.

No demo articles, documents, notices, loans, waiting submissions or plans: tests about the demo itself are
marked ``demo`` and get it from the ``demo_school`` fixture (``tests/support/demo.py``).
"""

from django.db import transaction

# Stable titles and slugs of the world's content (factory sequences differ after a rebuild on PostgreSQL).
WORLD_ARTICLE = {
    "title": "Học sinh trồng cây xanh trong sân trường",
    "slug": "hoc-sinh-trong-cay-xanh-trong-san-truong",
}
WORLD_DOCUMENT = {
    "title": "Quyết định ban hành Quy chế hoạt động của cổng thông tin điện tử",
    "slug": "quyet-dinh-39-qd-thnk",
    "number_symbol": "39/QĐ-THNK",
}
WORLD_NOTICE = {
    "title": "Khẩn: Học sinh nghỉ học do ảnh hưởng của mưa bão",
    "slug": "khan-hoc-sinh-nghi-hoc-do-mua-bao",
    "priority": "khan",
}
WORLD_ALBUM = {"title": "Lễ chào cờ đầu tuần", "slug": "le-chao-co-dau-tuan"}


@transaction.atomic
def build_world():
    """Create the small world (see the module docstring) in the current database; returns its parts."""
    from cms.albums.factories import AlbumPageFactory
    from cms.core.factories import DocumentFactory, ImageFactory
    from cms.core.people import full_name
    from cms.demo.seed import assign_office_roles, ensure_home, ensure_users
    from cms.disclosure.factories import DisclosureYearPageFactory
    from cms.documents.factories import OfficialDocumentPageFactory
    from cms.documents.models import DocumentFile
    from cms.library.factories import RecordFactory, public_material
    from cms.news.factories import ArticlePageFactory
    from cms.notices.factories import NoticePageFactory
    from cms.publishing.builder import builds_suspended
    from cms.schedule.factories import ScheduleWeekPageFactory
    from editorial.demo import seed_school_structure

    with builds_suspended():
        home = ensure_home()  # the demo year, then install_school(demo_answers()): the real install path
        users = ensure_users()
        seed_school_structure(users, home)
        assign_office_roles(users)
        author = users["giaovien1"]
        article = ArticlePageFactory(
            **WORLD_ARTICLE,
            lead="Sáng thứ Bảy, học sinh khối 4 trồng hai mươi cây bàng quanh sân trường.",
            # Large enough that renditions are really smaller than the original (phone image tests).
            cover_image=ImageFactory(title="Học sinh trồng cây", file__width=1200, file__height=675),
            cover_alt="Học sinh khối 4 trồng cây bàng",
            author_name=full_name(author),
            owner=author,
        )
        return {
            "home": home,
            "users": users,
            "article": article,
            "document": OfficialDocumentPageFactory(
                **WORLD_DOCUMENT,
                files=[
                    DocumentFile(
                        document=DocumentFactory(
                            title="Quyết định 39/QĐ-THNK", filename="quyet-dinh-39-qd-thnk.pdf"
                        ),
                        label="Bản PDF",
                    )
                ],
            ),
            "notice": NoticePageFactory(**WORLD_NOTICE),
            "disclosure": DisclosureYearPageFactory(),
            "week": ScheduleWeekPageFactory(owner=users["vanthu"]),
            "album": AlbumPageFactory(**WORLD_ALBUM, owner=users["quantri"]),
            "record": RecordFactory(),
            "material": public_material(approver=users["hieutruong"]),
        }
