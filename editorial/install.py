"""Install a school without the demo: page tree, Wagtail Site, settings, roles, workflows, first account.

``install_school(answers)`` is what ``manage.py setup_school --name … --short-name …`` runs. It composes the
owners of each piece instead of repeating them:

- pages: ``cms.core.school_pages.ensure_school_pages`` (every app's ``register_school_pages`` hook);
- school year, role groups, workflows (documents and notices included), everyone's roles:
  ``editorial.services.setup_school``.

Idempotent: a second run with the same answers changes nothing. Builds are suspended while it runs (the
caller builds once afterwards).
"""

import secrets
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Page, Site

from cms.core.models import SchoolSettings
from cms.core.school_pages import HOME, SchoolAnswers, ensure_school_pages, school_page
from cms.publishing.builder import builds_suspended

from .models import Position, StaffProfile
from .services import setup_school

# Set on the first principal account: the first login must change the password and enrol 2FA. The login
# machinery (issue 13) reads this; until then ``manage.py setup_school`` prints the one-time password.
MUST_CHANGE_PASSWORD_ATTR = "must_change_password"


def ensure_site(home, public_url=""):
    """Point the default Wagtail Site at ``home``; its host name and port follow ``public_url`` when given.

    Wagtail's "Welcome" placeholder page (a fresh ``migrate``) is removed once nothing uses it.
    """
    site = Site.objects.filter(is_default_site=True).first()
    parts = urlsplit(public_url) if public_url else None
    wanted = {"root_page": home}
    if parts and parts.hostname:
        wanted["hostname"] = parts.hostname
        wanted["port"] = parts.port or (443 if parts.scheme == "https" else 80)
    if site is None:
        wanted.setdefault("hostname", "localhost")
        wanted.setdefault("port", 80)
        return Site.objects.create(is_default_site=True, site_name=home.title, **wanted)
    old_root = site.root_page
    changed = {key: value for key, value in wanted.items() if getattr(site, key) != value}
    if changed:
        for key, value in changed.items():
            setattr(site, key, value)
        site.save()
    if old_root.pk != home.pk and old_root.depth == 2 and not old_root.get_children().exists():
        if type(old_root.specific) is Page:  # Wagtail's "Welcome to your new Wagtail site!" page
            old_root.delete()
    return site


def ensure_settings(site, answers):
    """Write the school's answers into its settings (only fields that differ, so a re-run changes nothing)."""
    school_settings = SchoolSettings.for_site(site)
    bodies = [body.strip() for body in answers.managing_bodies if body.strip()]
    wanted = {
        "name": answers.name,
        "short_name": answers.short_name,
        "managing_bodies": "\n".join(bodies),
        "managing_body": bodies[-1] if bodies else "",
        "address": answers.address,
        "phone": answers.phone,
        "email": answers.email,
        "public_url": answers.public_url,
    }
    changed = {key: value for key, value in wanted.items() if getattr(school_settings, key) != value}
    if changed or school_settings.pk is None:
        for key, value in changed.items():
            setattr(school_settings, key, value)
        school_settings.save()
    if site.site_name != answers.name:
        site.site_name = answers.name
        site.save(update_fields=["site_name"])
    return school_settings


def ensure_principal(username, full_name="", email=""):
    """The principal's account (created once, never overwritten); returns ``(user, password or None)``.

    A new account gets a random one-time password and ``must_change_password`` (see
    ``MUST_CHANGE_PASSWORD_ATTR``): the principal chooses their own password and enrols 2FA at first login.
    """
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    password = None
    if user is None:
        family, _, given = full_name.strip().rpartition(" ")
        user = User(username=username, first_name=given, last_name=family, email=email, is_staff=False)
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.save()
        profile = StaffProfile.objects.filter(user=user).first()
        if profile is None:
            StaffProfile.objects.create(user=user, position=Position.PRINCIPAL)
    _flag_password_change(user, password is not None)
    return user, password


def _flag_password_change(user, new):
    """Record the forced first-login change where the account model has room for it (issue 13's flag)."""
    if new and hasattr(user, MUST_CHANGE_PASSWORD_ATTR):
        setattr(user, MUST_CHANGE_PASSWORD_ATTR, True)
        user.save(update_fields=[MUST_CHANGE_PASSWORD_ATTR])
    profile = getattr(user, "staff_profile", None)
    if new and profile is not None and hasattr(profile, MUST_CHANGE_PASSWORD_ATTR):
        setattr(profile, MUST_CHANGE_PASSWORD_ATTR, True)
        profile.save(update_fields=[MUST_CHANGE_PASSWORD_ATTR])


def installed_answers():
    """The installed school's answers (from its settings), or ``None`` before the first install."""
    home = school_page(HOME)
    site = Site.objects.filter(is_default_site=True).first()
    if home is None or site is None or not SchoolSettings.objects.filter(site=site).exists():
        return None
    s = SchoolSettings.for_site(site)
    bodies = tuple(line for line in s.managing_bodies.splitlines() if line.strip())
    return SchoolAnswers(
        name=s.name,
        short_name=s.short_name,
        managing_bodies=bodies,
        address=s.address,
        phone=s.phone,
        email=s.email,
        public_url=s.public_url,
    )


@transaction.atomic
def install_school(answers, principal_username=None, principal_name="", principal_email=""):
    """Create or repair everything a new school needs; returns a summary dict.

    ``answers``: ``SchoolAnswers``. ``principal_username``: create the principal's account if it is missing
    (the returned ``password`` is set only when it was created now). No demo people or content.
    """
    with builds_suspended():
        pages = ensure_school_pages(answers)
        home = pages[HOME]
        site = ensure_site(home, answers.public_url)
        ensure_settings(site, answers)
        principal, password = (None, None)
        if principal_username:
            principal, password = ensure_principal(principal_username, principal_name, principal_email)
        result = setup_school(home)
    return {"pages": pages, "site": site, "principal": principal, "password": password, **result}
