"""The school's settings reach every public output: a change waits as a draft until the principal approves it.

Rules (clarifications #9, docs/decisions/0011-school-settings-approval.md): the office and the portal
administrator propose, only the principal publishes; the public site (HTML header and footer, JSON-LD, feeds,
data files) keeps the approved values until then; the approval rebuilds the site. The browser path is in
``test_school_settings_browser.py``.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Site, WorkflowState

from cms.core.models import SchoolSettings
from cms.publishing import release
from cms.publishing.builder import build_pending, build_site
from cms.publishing.models import PendingChange

pytestmark = pytest.mark.django_db

NEW_NAME = "Trường Tiểu học Đổi Tên Chưa Duyệt"
NEW_ADDRESS = "99 Đường Chưa Duyệt, phường Mới, Hải Phòng"


def _site():
    return Site.objects.get(is_default_site=True)


def _edit_url(school):
    return reverse("wagtailsnippets_core_schoolsettings:edit", args=[school.pk])


def _form(school, **changes):
    data = {
        "name": school.name,
        "short_name": school.short_name,
        "tagline": school.tagline,
        "managing_body": school.managing_body,
        "managing_bodies": school.managing_bodies,
        "logo": school.logo_id or "",
        "address": school.address,
        "phone": school.phone,
        "email": school.email,
        "working_hours": school.working_hours,
        "map_url": school.map_url,
        "show_student_full_name": "on" if school.show_student_full_name else "",
        "public_url": school.public_url,
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value not in ("", None)}


def _release_text():
    """Every text file of the live release, joined (HTML, feeds, JSON, sitemap, robots…)."""
    parts = []
    root = release.current_dir()
    for rel in release.walk_files(root):  # through the release's shared folders
        if rel.endswith((".html", ".xml", ".json", ".txt", ".webmanifest")):
            parts.append((root / rel).read_text(encoding="utf-8", errors="replace"))
    return "\n".join(parts)


def _home_html():
    return (release.current_dir() / "index.html").read_text(encoding="utf-8")


def _state(school):
    return WorkflowState.objects.get(base_content_type__model="schoolsettings", object_id=str(school.pk))


def test_an_office_change_stays_off_every_output_until_the_principal_approves(site_dir, client, login):
    school = SchoolSettings.for_site(_site())
    old_name, old_address = school.name, school.address
    build_site(trigger="test: school settings")
    assert old_name in _home_html() and old_address in _home_html()

    login("vanthu")
    response = client.post(
        _edit_url(school), {**_form(school, name=NEW_NAME, address=NEW_ADDRESS), "action-submit": "Gửi duyệt"}
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    school.refresh_from_db()
    assert (school.name, school.address) == (old_name, old_address)  # the row stays the approved one
    assert school.has_unpublished_changes
    assert _state(school).status == WorkflowState.STATUS_IN_PROGRESS

    build_site(trigger="test: full rebuild while the change waits")
    text = _release_text()
    assert NEW_NAME not in text and NEW_ADDRESS not in text  # no header, footer, JSON-LD, feed or data file
    assert old_name in (release.current_dir() / "rss.xml").read_text(encoding="utf-8")

    login("hieutruong")
    state = _state(school)
    response = client.post(
        reverse(
            "wagtailsnippets_core_schoolsettings:workflow_action",
            args=[school.pk, "approve", state.current_task_state.pk],
        ),
        {"comment": ""},
    )
    assert response.status_code in (200, 302)
    school.refresh_from_db()
    assert (school.name, school.address) == (NEW_NAME, NEW_ADDRESS) and school.live
    assert PendingChange.objects.filter(page_id__isnull=True).exists()  # the whole site is scheduled

    build_pending()
    home = _home_html()
    assert NEW_NAME in home and NEW_ADDRESS in home and old_address not in home
    assert NEW_NAME in (release.current_dir() / "rss.xml").read_text(encoding="utf-8")
    assert NEW_NAME in (release.current_dir() / "atom.xml").read_text(encoding="utf-8")


def test_only_the_principal_publishes_and_the_others_cannot_skip_the_approval(client, login):
    school = SchoolSettings.for_site(_site())
    old_phone = school.phone
    for username in ("quantri", "vanthu"):
        login(username)
        client.post(_edit_url(school), {**_form(school, phone="0225 1111 111"), "action-publish": "Xuất bản"})
        school.refresh_from_db()
        assert school.phone == old_phone, f"{username} published the school's settings without approval"

    login("hieutruong")
    response = client.post(
        _edit_url(school), {**_form(school, phone="0225 2222 222"), "action-publish": "Xuất bản"}
    )
    assert response.status_code == 302
    school.refresh_from_db()
    assert school.phone == "0225 2222 222" and not school.has_unpublished_changes


def test_roles_that_may_propose_and_publish():
    """Propose: principal, portal administrator, office. Publish: the principal's role group only."""
    from editorial.roles import role_group

    def may(group, codename):
        return group.permissions.filter(content_type__app_label="core", codename=codename).exists()

    for key in ("hieu_truong", "quan_tri", "van_thu"):
        assert may(role_group(key), "change_schoolsettings"), key
    publishers = {g.name for g in Group.objects.all() if may(g, "publish_schoolsettings")}
    assert publishers == {role_group("hieu_truong").name}


def test_a_teacher_cannot_open_the_school_settings(client, login):
    school = SchoolSettings.for_site(_site())
    login("giaovien1")
    response = client.get(_edit_url(school))
    assert response.status_code in (302, 403)
    response = client.post(_edit_url(school), {**_form(school, phone="0225 3333 333"), "action-submit": "1"})
    school.refresh_from_db()
    assert school.phone != "0225 3333 333" and not school.has_unpublished_changes


def test_the_settings_menu_leads_to_the_editor_with_drafts(client, login):
    school = SchoolSettings.for_site(_site())
    login("quantri")
    for url in (
        reverse("wagtailsettings:edit", args=["core", "schoolsettings"]),
        reverse("wagtailsettings:edit", args=["core", "schoolsettings", _site().pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response.url == _edit_url(school), url
    page = client.get(_edit_url(school)).content.decode()
    assert 'name="action-submit"' in page  # the workflow's "Gửi tới …" is offered


def test_structure_and_board_stay_principal_only_and_publish_on_save(django_capture_on_commit_callbacks):
    """Structure and board data are edited by the principal alone and publish on save (no draft)."""
    from editorial.models import Department
    from editorial.roles import STRUCTURE_MODELS, role_group

    principal = role_group("hieu_truong")
    for group in Group.objects.exclude(pk=principal.pk):
        held = group.permissions.filter(
            content_type__app_label="editorial", content_type__model__in=STRUCTURE_MODELS
        ).exclude(codename__startswith="view_")
        assert not held.exists(), (group.name, list(held.values_list("codename", flat=True)))
    user = get_user_model().objects.get(username="hieutruong")
    assert user.has_perm("editorial.change_department") and user.has_perm("editorial.change_editorialboard")

    department = Department.objects.first()
    with django_capture_on_commit_callbacks(execute=False):
        department.name = department.name + " (mới)"
        department.save()
    assert PendingChange.objects.filter(trigger__startswith="Cơ cấu tổ chức").exists()
