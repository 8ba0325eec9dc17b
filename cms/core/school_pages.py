"""The page tree of a new school, assembled from what each app registers (`register_school_pages` hook).

Every app that needs a page in a freshly installed school (the home page, the news sections, "Văn bản",
"Thông báo", a library, an album index…) registers it in its own ``wagtail_hooks.py``::

    from wagtail import hooks
    from cms.core.school_pages import HOME, SchoolPageSpec

    @hooks.register("register_school_pages")
    def library_pages():
        return [SchoolPageSpec("thu_vien", "library.LibraryIndexPage", HOME, "Thư viện", "thu-vien",
                               defaults={"intro": "…"}, order=55)]

``ensure_school_pages()`` (run by ``manage.py setup_school``) creates, publishes and remembers each page by
its **key**. A page's identity is that key, stored in ``PageKey`` — never its slug or title, which the school
may change. Code that needs "the Góc học sinh section" or "the Văn bản page" asks ``school_page(key)``.
Running it again changes nothing; a page the school deleted is created again (delete the spec, not the page,
to drop one for good).
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from wagtail import hooks
from wagtail.models import Page

HOOK_NAME = "register_school_pages"
HOME = "home"


class SectionKey(models.TextChoices):
    """The four news sections every school has; roles and workflows find them by these keys."""

    NEWS = "tin_tuc", "Tin tức – Sự kiện"
    PROFESSIONAL = "chuyen_mon", "Hoạt động chuyên môn"
    UNIONS = "doi_cong_doan", "Hoạt động Đội – Công đoàn"
    STUDENTS = "goc_hoc_sinh", "Góc học sinh"


@dataclass(frozen=True)
class SchoolPageSpec:
    """One page of a new school's tree.

    - ``key``: stable identity (``[a-z0-9_]``), unique across all apps; how code finds the page later.
    - ``model``: ``"app_label.ModelName"`` of a Wagtail page model.
    - ``parent_key``: key of the parent spec; ``None`` only for the home page (child of Wagtail's root).
    - ``title``, ``slug``: used only when the page is created (the school may change both later).
    - ``defaults``: further field values at creation; a callable value is called with the school's answers
      (``cms.core.school_pages.SchoolAnswers`` or ``None``) — e.g. the home page's intro names the school.
    - ``order``: place among siblings created in the same run (lower first); existing pages are not moved.
    """

    key: str
    model: str
    parent_key: str | None
    title: str
    slug: str
    defaults: dict = field(default_factory=dict)
    order: int = 100


@dataclass(frozen=True)
class SchoolAnswers:
    """What a school answers at install (``manage.py setup_school``); addresses are absolute URLs."""

    name: str
    short_name: str
    managing_bodies: tuple = ()
    address: str = ""
    phone: str = ""
    email: str = ""
    public_url: str = ""
    admin_url: str = ""


def registered_specs():
    """Every app's specs, parents before children, siblings by ``order``; refuses duplicates and orphans."""
    specs = {}
    for hook in hooks.get_hooks(HOOK_NAME):
        for spec in hook():
            if spec.key in specs:
                raise ImproperlyConfigured(f"Trang '{spec.key}' được đăng ký hai lần ({HOOK_NAME}).")
            specs[spec.key] = spec
    ordered, placed = [], set()

    def place(spec, trail=()):
        if spec.key in placed:
            return
        if spec.key in trail:
            raise ImproperlyConfigured(f"Vòng lặp cha–con ở trang '{spec.key}'.")
        if spec.parent_key is not None:
            if spec.parent_key not in specs:
                raise ImproperlyConfigured(
                    f"Trang '{spec.key}' có trang cha '{spec.parent_key}' chưa đăng ký."
                )
            place(specs[spec.parent_key], trail + (spec.key,))
        placed.add(spec.key)
        ordered.append(spec)

    for spec in sorted(specs.values(), key=lambda s: (s.order, s.key)):
        place(spec)
    return ordered


def school_page(key):
    """The live-or-draft page registered under ``key`` (its specific class), or ``None``."""
    from .models import PageKey

    link = PageKey.objects.filter(key=key).select_related("page").first()
    return link.page.specific if link else None


def school_page_keys(pages):
    """``{page_id: key}`` for the given pages (or ids) that have a key."""
    from .models import PageKey

    ids = [getattr(page, "pk", page) for page in pages]
    return dict(PageKey.objects.filter(page_id__in=ids).values_list("page_id", "key"))


def _resolve(value, answers):
    return value(answers) if callable(value) else value


@transaction.atomic
def ensure_school_pages(answers=None):
    """Create and publish every registered page that is missing; return ``{key: page}``.

    A page is found by its key. Without a key yet (a database from before keys existed), an existing child of
    the parent with the spec's model and slug — or the only one of that model when it allows one
    (``max_count = 1``) — is adopted and given the key. Idempotent.
    """
    from .models import PageKey

    pages = {}
    for spec in registered_specs():
        model = apps.get_model(spec.model)
        page = school_page(spec.key)
        parent = Page.get_first_root_node() if spec.parent_key is None else pages[spec.parent_key]
        if page is None:
            page = _adopt(parent, model, spec)
            if page is None:
                fields = {name: _resolve(value, answers) for name, value in spec.defaults.items()}
                page = model(title=spec.title, slug=spec.slug, **fields)
                parent.add_child(instance=page)
                page.save_revision().publish()
                page = model.objects.get(pk=page.pk)
            PageKey.objects.update_or_create(page=page, defaults={"key": spec.key})
        pages[spec.key] = page
    return pages


def _adopt(parent, model, spec):
    children = model.objects.child_of(parent)
    page = children.filter(slug=spec.slug).first()
    if page is None and getattr(model, "max_count", None) == 1:
        page = model.objects.first()
    if page is not None and not _has_key(page):
        return page
    return None


def _has_key(page):
    from .models import PageKey

    return PageKey.objects.filter(page=page).exists()
