"""Create the demo school idempotently: site, settings, sections, articles, images and accounts."""

from datetime import date
from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.html import escape
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from cms.core.models import SchoolSettings
from cms.home.models import HomePage
from cms.news.models import ArticlePage, SectionPage
from cms.publishing import demo as publishing_demo
from cms.publishing.builder import builds_suspended

from . import content
from .images import make_image

DEMO_PASSWORD = "truong-hoc-2026"  # noqa: S105 - documented dev-only demo password


def ensure_home():
    """Make a HomePage the root of the default site, replacing Wagtail's welcome page."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(
                title="Trang chủ",
                slug="trang-chu",
                intro="Cổng thông tin điện tử của " + content.SCHOOL["name"],
            )
        )
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=content.SCHOOL["name"],
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = content.SCHOOL["name"]
        site.save()
        if (
            old_root.depth == 2
            and not isinstance(old_root.specific, HomePage)
            and not old_root.get_children()
        ):
            old_root.delete()  # Wagtail's "Welcome" placeholder
    return home


def ensure_settings(site):
    """Fill the school's name and contacts once; later edits in the admin are kept."""
    school_settings = SchoolSettings.for_site(site)
    if not school_settings.address:
        for key in ("name", "short_name", "managing_body", "address", "phone", "email"):
            if key in content.SCHOOL:
                setattr(school_settings, key, content.SCHOOL[key])
        school_settings.save()


def ensure_users():
    """Create the demo accounts (only in settings that allow them); existing ones are left alone."""
    User = get_user_model()
    users = {}
    for person in content.PEOPLE:
        user, created = User.objects.get_or_create(
            username=person["username"],
            defaults={
                "first_name": person["first_name"],
                "last_name": person["last_name"],
                "email": person.get("email", ""),
                "is_staff": False,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        users[user.username] = user
    return users


def ensure_sections(home):
    sections = {}
    for data in content.SECTIONS:
        section = SectionPage.objects.child_of(home).filter(slug=data["slug"]).first()
        if section is None:
            section = home.add_child(
                instance=SectionPage(title=data["title"], slug=data["slug"], intro=data["intro"])
            )
            section.save_revision().publish()
        sections[data["key"]] = section
    return sections


def ensure_image(title, motif, seed):
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        data = make_image(title, motif, seed)
        image = Image(title=title)
        image.file = ImageFile(BytesIO(data), name=f"demo-{seed}.jpg")
        image.save()
    return image


def _paragraph(text):
    """Plain demo text as rich text: escaped, with line breaks kept (poems)."""
    return RichText("<p>" + escape(text).replace("\n", "<br/>") + "</p>")


def _body(blocks, article_title, motif, seed):
    body = []
    for kind, value in blocks:
        if kind == "paragraph":
            body.append(("paragraph", _paragraph(value)))
        elif kind == "quote":
            body.append(("quote", value))
        elif kind == "image":
            image = ensure_image(f"{article_title} – ảnh minh hoạ", motif, seed)
            caption = value.get("caption", "")
            body.append(("image", {"image": image, "alt_text": caption or article_title, "caption": caption}))
    return body


def ensure_articles(sections, users):
    created = 0
    for number, data in enumerate(content.ARTICLES, start=1):
        section = sections[data["section"]]
        if ArticlePage.objects.child_of(section).filter(slug=data["slug"]).exists():
            continue
        cover = ensure_image(data["title"], data.get("image_motif", "school"), number)
        article = ArticlePage(
            title=data["title"],
            slug=data["slug"],
            lead=data["lead"],
            cover_image=cover,
            cover_alt=data.get("cover_caption") or data["title"],
            body=_body(data["body"], data["title"], data.get("image_motif", "school"), 1000 + number),
            publication_date=date.fromisoformat(data["date"]),
            author_name=data.get("author_name", ""),
            author_position=data.get("author_position", ""),
            owner=users.get(data.get("author_username")),
        )
        section.add_child(instance=article)
        article.save_revision(user=article.owner).publish()
        created += 1
    return created


@transaction.atomic
def seed_demo(with_accounts=True):
    """Seed everything; returns a summary dict. Running it twice changes nothing the second time."""
    from editorial.moderation.demo import seed_moderation
    from editorial.planning.demo import seed_plan
    from editorial.roles import setup_roles

    with builds_suspended():
        home = ensure_home()
        site = Site.objects.get(is_default_site=True)
        ensure_settings(site)
        sections = ensure_sections(home)
        roles = setup_roles(home)
        users = ensure_users() if with_accounts else {}
        if users:
            _assign_demo_roles(users, roles)
        created = ensure_articles(sections, users)
        _seed_documents_and_notices(home, users)
        _seed_portal(home, site, users)
        publishing_demo.seed()
        seed_moderation(home, users)
        # After the section workflows exist: albums take the news section's workflow.
        _seed_schedule_and_albums(HomePage.objects.get(pk=home.pk), users)
        seed_plan(users)
    return {"home": home, "sections": sections, "articles_created": created, "users": users}


def _seed_portal(home, site, users):
    """The public portal's own demo content (issue 6): one call per app, each idempotent."""
    from cms.core.pdf import ensure_pdf_document as ensure_document
    from cms.disclosure.demo import seed_disclosure
    from cms.home.demo import seed_home, seed_school_settings
    from cms.news.demo import seed_news, showcase_article
    from cms.pages.demo import seed_pages

    seed_school_settings(site, content.SCHOOL)
    seed_news(home, users, ensure_image, ensure_document)
    seed_pages(home, ensure_image)
    seed_disclosure(HomePage.objects.get(pk=home.pk), ensure_document)
    seed_home(HomePage.objects.get(pk=home.pk), showcase_article(home))


def _seed_schedule_and_albums(home, users):
    """Lịch công tác tuần and Thư viện ảnh (issue 16), each from its own app."""
    from cms.albums.demo import seed_albums
    from cms.schedule.demo import seed_schedule

    seed_schedule(home, users)
    seed_albums(home, ensure_image, users)


def _seed_documents_and_notices(home, users):
    """Documents and notices (their own apps), both behind the principal's approval workflow."""
    from cms.documents.approval import ensure_principal_approval
    from cms.documents.demo import seed_documents
    from cms.notices.demo import seed_notices

    ensure_principal_approval([seed_documents(home, users), seed_notices(home, users)])
    if users:
        _assign_office_roles(users)


def _assign_office_roles(users):
    """Demo accounts of the portal administrator, the office and the nurse join their groups (by name)."""
    from django.contrib.auth.models import Group

    from cms.documents.approval import OFFICE_GROUP, PORTAL_ADMIN_GROUP

    for username, group_name in (("quantri", PORTAL_ADMIN_GROUP), ("vanthu", OFFICE_GROUP)):
        if username in users:
            users[username].groups.add(Group.objects.get(name=group_name))


def _assign_demo_roles(users, roles):
    """The demo school's structure (departments, classes, unions, board): the accounts' roles follow from it.

    ``roles`` (the groups from ``setup_roles``) is not needed: ``editorial`` derives everyone's groups.
    """
    from editorial.demo import seed_school_structure

    seed_school_structure(users)
