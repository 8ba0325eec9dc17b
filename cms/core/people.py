"""The one place that decides how a person is named in public output.

Every public output (page bylines, JSON-LD, RSS/Atom authors, the JSON API, data files, the search index)
names people through ``public_name()``. Pupils are minors: by default they appear by their given name only
("Em Ngọc"), their full name only when ``SchoolSettings.show_student_full_name`` is on (the school and the
parents agreed). Staff contact details appear only when the person opted in (``public_contact``).
Approved body text is the board's decision (Điều 3.1) and is not rewritten.
"""

from django.apps import apps

from .vietnamese import nfc, short_given_name

STUDENT_PREFIX = "Em"


def full_name(user):
    """A user's name in Vietnamese order: family and middle names, then the given name ("Phạm Văn Tuấn").

    Django's ``get_full_name()`` puts the given name first, which is wrong for Vietnamese names; falls back
    to the username when both parts are empty.
    """
    name = nfc(f"{getattr(user, 'last_name', '') or ''} {getattr(user, 'first_name', '') or ''}").strip()
    return name or getattr(user, "username", "")


def student_full_names_allowed(site=None, page=None):
    """True when the school allows pupils' full names (``SchoolSettings.show_student_full_name``).

    ``site``: whose setting (default: the site of ``page`` if given, else the default site). Read once per
    static build (``cms.core.render_cache``), where every rendered page belongs to the build's site.
    """
    from wagtail.models import Site

    from . import render_cache

    if site is None and page is not None:
        site = render_cache.current("site") or page.get_site()
    if site is None:
        site = render_cache.cached("default_site", lambda: Site.objects.filter(is_default_site=True).first())
    if site is None:
        return False
    return bool(render_cache.school_settings(site).show_student_full_name)


def public_name(name, *, student=False, site=None, full_student_names=None):
    """The name to print for a person in any public output.

    ``name``: the full name as stored ("Hoàng Bảo Ngọc"); ``student``: whether the person is a pupil;
    ``full_student_names``: override the school setting (None: read it for ``site``, default site if None).
    A pupil gives "Em Ngọc" unless full names are allowed; anyone else gives the full name. "" if no name.
    """
    name = nfc(name).strip()
    if not name or not student:
        return name
    if full_student_names is None:
        full_student_names = student_full_names_allowed(site)
    if full_student_names:
        return name
    given = short_given_name(name)
    return f"{STUDENT_PREFIX} {given}" if given else ""


def public_contact(user):
    """``{"email", "phone"}`` of a staff member who opted in (``StaffProfile.show_contact_publicly``);
    else {}."""
    profile = getattr(user, "staff_profile", None)
    if profile is None or not getattr(profile, "show_contact_publicly", False):
        return {}
    found = {"email": getattr(user, "email", ""), "phone": getattr(profile, "phone", "")}
    return {key: value.strip() for key, value in found.items() if value and value.strip()}


def pupil_full_names():
    """{full name: given name} of pupils in any class list and of pupil authors of articles (NFC).

    Empty when the school allows pupils' full names. The approved text of a page may name a pupil (the board's
    decision); derived outputs such as the search index show pupils by their given name, as bylines do.
    A few queries whatever the number of articles (``ArticlePage.pupil_author_names``); computed once per
    build while a render cache is active.
    """
    from . import render_cache

    return render_cache.cached("pupil_full_names", _pupil_full_names)


def _pupil_full_names():
    names = {}
    if student_full_names_allowed():
        return names
    try:
        memberships = apps.get_model("editorial", "ClassMembership")
    except LookupError:
        memberships = None
    fulls = set()
    if memberships is not None:
        for last, first in memberships.objects.values_list("user__last_name", "user__first_name").distinct():
            fulls.add(nfc(f"{last} {first}").strip())
    try:
        article = apps.get_model("news", "ArticlePage")
    except LookupError:
        article = None
    if article is not None:
        fulls |= {nfc(name).strip() for name in article.pupil_author_names()}
    for full in fulls:
        if " " in full:
            names[full] = short_given_name(full)
    return names


def redact(text, names):
    """``text`` with each full name of ``names`` ({full: given}) replaced by the given name."""
    for full in sorted(names, key=len, reverse=True):
        if full in text:
            text = text.replace(full, names[full])
    return text
