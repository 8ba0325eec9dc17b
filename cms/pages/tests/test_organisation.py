"""The organisation page's data: name and position only, contacts only for people who opted in."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from cms.pages import organisation
from cms.pages.models import LinksPage, OrganisationPage, StandardPage
from cms.pages.organisation import organisation_context, person_entry


def _person(opted_in):
    profile = SimpleNamespace(
        get_position_display=lambda: "Tổ trưởng", phone="0912 345 678", show_contact_publicly=opted_in
    )
    return SimpleNamespace(
        first_name="Nguyệt", last_name="Trần Thị Minh", email="nguyet@thnk.edu.vn", staff_profile=profile
    )


def test_person_shows_name_and_position_only_unless_they_opt_in():
    assert person_entry(_person(False), "Thành viên") == {
        "name": "Trần Thị Minh Nguyệt",
        "position": "Tổ trưởng",
        "role": "Thành viên",
        "contact": {},
    }
    assert person_entry(_person(True))["contact"] == {"email": "nguyet@thnk.edu.vn", "phone": "0912 345 678"}


@pytest.mark.django_db
def test_sections_are_empty_while_the_school_structure_is_missing(monkeypatch):
    def missing(name):
        raise LookupError(f"App 'editorial' doesn't have a '{name}' model.")

    # An installation without the structure models (or before they are migrated).
    monkeypatch.setattr(organisation, "_model", missing)
    assert organisation_context("2025–2026") == {
        "school_year": "2025–2026",
        "leadership": [],
        "departments": [],
        "unions": [],
        "board": [],
    }


@pytest.mark.django_db
def test_organisation_page_renders_the_four_sections(client):
    from wagtail.models import Site

    from cms.publishing.render import render_page

    page = OrganisationPage.objects.get(slug="co-cau-to-chuc")
    html = render_page(page, Site.objects.get(is_default_site=True)).decode()
    for heading in ("Ban giám hiệu", "Các tổ chức đoàn thể", "Ban biên tập cổng thông tin điện tử"):
        assert heading in html
    assert "mailto:" not in html.split('<footer class="site-footer">')[0].split("<main")[1]


@pytest.mark.django_db
@pytest.mark.parametrize("model", [StandardPage, LinksPage, OrganisationPage])
def test_admin_add_forms_of_intro_pages_open(client, django_user_model, model):
    admin = django_user_model.objects.create_superuser("bgh-test", "bgh@example.com", "mat-khau-thu-nghiem")
    client.force_login(admin)
    parent = StandardPage.objects.get(slug="gioi-thieu")
    url = reverse("wagtailadmin_pages:add", args=("pages", model._meta.model_name, parent.pk))
    response = client.get(url)
    assert response.status_code == 200


@pytest.mark.django_db
def test_school_settings_form_shows_the_new_fields(client, django_user_model):
    from wagtail.models import Site

    admin = django_user_model.objects.create_superuser("bgh-test", "bgh@example.com", "mat-khau-thu-nghiem")
    client.force_login(admin)
    site = Site.objects.get(is_default_site=True)
    # The settings menu hands over to the editor with drafts (decision 0011-school-settings-approval).
    url = reverse("wagtailsettings:edit", args=("core", "schoolsettings", site.pk))
    response = client.get(url, follow=True)
    assert response.status_code == 200
    for label in ("Các cơ quan quản lý cấp trên", "Liên kết bản đồ", "Hiện họ tên đầy đủ của học sinh"):
        assert label in response.content.decode()


@pytest.mark.django_db
def test_static_organisation_page_follows_the_school_structure(site_dir, django_capture_on_commit_callbacks):
    """No manual rebuild: renaming a department updates the published organisation page."""
    from cms.publishing.builder import build_site
    from cms.publishing.release import current_dir
    from editorial.models import Department

    build_site(trigger="test: initial")
    page = OrganisationPage.objects.live().get()
    html_path = current_dir() / page.url.strip("/") / "index.html"
    new_name = "Tổ 1 (khối Một)"
    assert new_name not in html_path.read_text(encoding="utf-8")

    department = Department.objects.current().get(name="Tổ 1")
    with django_capture_on_commit_callbacks(execute=True):
        department.name = new_name
        department.save()

    assert new_name in html_path.read_text(encoding="utf-8")
