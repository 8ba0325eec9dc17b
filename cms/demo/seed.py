"""Create the demo school idempotently: site, settings, sections, articles, images and accounts."""

from datetime import date
from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.html import escape
from wagtail.images import get_image_model
from wagtail.models import Site
from wagtail.rich_text import RichText

from cms.core.models import SchoolSettings
from cms.home.models import HomePage
from cms.news.models import ArticlePage, SectionPage
from cms.publishing import demo as publishing_demo
from cms.publishing.builder import builds_suspended
from cms.security.passwords import mark_password_never_expires

from . import content
from .images import make_image

DEMO_PASSWORD = "truong-hoc-2026"  # noqa: S105 - documented dev-only demo password


def demo_answers():
    """The demo school's install answers (``setup_school``), from ``content.SCHOOL``."""
    from cms.core.school_pages import SchoolAnswers

    school = content.SCHOOL
    return SchoolAnswers(
        name=school["name"],
        short_name=school["short_name"],
        managing_bodies=tuple(school["managing_bodies"]),
        address=school["address"],
        phone=school["phone"],
        email=school["email"],
        public_url="",  # follow PORTAL_PUBLIC_URL: `make run` passes the port it serves the site on
    )


def ensure_home():
    """Install the demo school (page tree, site, settings, roles, workflows) and return its home page.

    The install is ``editorial.install.install_school``, as for a real school; the demo only adds
    people and content on top. The demo's school year is created first so it stays the current one.
    """
    from cms.core.school_pages import HOME, school_page
    from editorial.demo import ensure_demo_year
    from editorial.install import install_school

    ensure_demo_year()
    install_school(demo_answers())
    return school_page(HOME)


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
            # The README gives this password: the demo accounts never expire nor force a change.
            mark_password_never_expires(user)
        users[user.username] = user
    return users


def ensure_sections(home):
    """The demo's sections by their key (installed by ``setup_school``; a missing one is created)."""
    from cms.core.models import PageKey
    from cms.core.school_pages import school_page

    sections = {}
    for data in content.SECTIONS:
        section = school_page(data["key"])
        if section is None:
            section = home.add_child(
                instance=SectionPage(title=data["title"], slug=data["slug"], intro=data["intro"])
            )
            section.save_revision().publish()
            PageKey.objects.create(key=data["key"], page=section)
        elif section.intro != data["intro"] and not section.get_children().exists():
            section.title, section.intro = data["title"], data["intro"]  # the install's short texts
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
        _seed_library(home, users)
        publishing_demo.seed()
        seed_moderation(home, users)
        # After the section workflows exist: albums take the news section's workflow.
        _seed_schedule_and_albums(users)
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


def _seed_library(home, users):
    """The school library (cms.library): catalogue, copies, readers, loans, learning material."""
    from cms.library.demo import seed_library

    seed_library(HomePage.objects.get(pk=home.pk), users)


def _seed_schedule_and_albums(users):
    """Lịch công tác tuần and Thư viện ảnh (issue 16), each from its own app."""
    from cms.albums.demo import seed_albums
    from cms.schedule.demo import seed_schedule

    seed_schedule(users)
    seed_albums(ensure_image, users)


def _seed_documents_and_notices(home, users):
    """Documents and notices (their own apps). Their approval workflows are set up with every other route
    by ``setup_workflows`` (``seed_moderation``), exactly as ``setup_school`` does in production."""
    from cms.documents.approval import ensure_document_permissions
    from cms.documents.demo import seed_documents
    from cms.notices.demo import seed_notices
    from editorial.roles import setup_roles

    seed_documents(users)
    seed_notices(users)
    setup_roles(home)  # the index pages exist now: their page permissions
    ensure_document_permissions()
    if users:
        assign_office_roles(users)


def assign_office_roles(users):
    """Demo accounts of the portal administrator and the office join their role groups (by role key)."""
    from editorial.roles import role_group

    for username, key in (("quantri", "quan_tri"), ("vanthu", "van_thu")):
        if username in users:
            users[username].groups.add(role_group(key))


def _assign_demo_roles(users, roles):
    """The demo school's structure (departments, classes, unions, board): the accounts' roles follow from it.

    ``roles`` (the groups from ``setup_roles``) is not needed: ``editorial`` derives everyone's groups.
    """
    from editorial.demo import seed_school_structure

    seed_school_structure(users)
