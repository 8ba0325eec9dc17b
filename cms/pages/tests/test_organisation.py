"""The organisation page's data: name and position only, contacts only for people who opted in."""

import sys
from types import SimpleNamespace

import pytest
from django.urls import reverse

from cms.pages.models import LinksPage, OrganisationPage, StandardPage
from cms.pages.organisation import organisation_context, person_entry


def test_person_shows_name_and_position_only_unless_they_opt_in():
    private = SimpleNamespace(
        full_name="Trần Thị Minh Nguyệt", position="Tổ trưởng Tổ 1", email="nguyet@thnk.edu.vn", phone="0912"
    )
    assert person_entry(private, "Thành viên") == {
        "name": "Trần Thị Minh Nguyệt",
        "position": "Tổ trưởng Tổ 1",
        "role": "Thành viên",
        "contact": {},
    }
    public = SimpleNamespace(**vars(private), show_contact_publicly=True)
    assert person_entry(public)["contact"] == {"email": "nguyet@thnk.edu.vn", "phone": "0912"}


def test_sections_are_empty_while_the_school_structure_is_missing(monkeypatch):
    # Simulate an installation without editorial.structure (issue 3 not merged).
    monkeypatch.setitem(sys.modules, "editorial.structure", None)
    context = organisation_context("2025–2026")
    assert context == {
        "school_year": "2025–2026",
        "leadership": [],
        "departments": [],
        "unions": [],
        "board": [],
    }


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
    response = client.get(reverse("wagtailsettings:edit", args=("core", "schoolsettings", site.pk)))
    assert response.status_code == 200
    for label in ("Các cơ quan quản lý cấp trên", "Liên kết bản đồ", "Hiện họ tên đầy đủ của học sinh"):
        assert label in response.content.decode()
