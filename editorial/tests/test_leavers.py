"""Leavers are deactivated at the new school year, their history kept (clarification #11).

A grade-5 pupil (who leaves primary school when the year is copied) and a department head marked as leaving:
after the principal's "Khoá tài khoản người rời trường", neither can sign in, their sessions are gone, the
head is no longer anyone's reviewer, and their published articles keep the byline.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from cms.publishing.tests.helpers import new_article, publish
from editorial.factories import StaffProfileFactory, UserFactory
from editorial.leavers import leavers
from editorial.models import (
    ClassMembership,
    Department,
    DepartmentMembership,
    Position,
    SchoolClass,
    SchoolYear,
)
from editorial.moderation.reviewers import department_head_for
from editorial.services import start_new_school_year

from .support import assert_refused

pytestmark = pytest.mark.django_db(transaction=False)

PASSWORD = "mat-khau-thu-nghiem"


def sign_in(username):
    """Sign in through the real login form; returns the client if it worked, else None."""
    browser = Client(REMOTE_ADDR="10.0.0.7")
    browser.post("/admin/login/", {"username": username, "password": PASSWORD, "next": "/admin/"})
    return browser if "_auth_user_id" in browser.session else None


def grade5_name(pupil):
    return ClassMembership.objects.get(user=pupil).school_class.name


def _published_article(author, slug, section_slug):
    article = new_article(f"Bài của {author.username}", slug, section_slug=section_slug)
    for field, value in article.byline_from_account(author).items():
        setattr(article, field, value)
    article.owner = author
    article.save()
    return publish(article)


@pytest.fixture
def world():
    year = SchoolYear.objects.current()
    pupil = UserFactory(username="hocsinh5a", first_name="Ngọc", last_name="Trần Bảo")
    StaffProfileFactory(user=pupil, position=Position.STUDENT)
    grade5 = SchoolClass.objects.filter(school_year=year, grade=5).first()
    grade5 = grade5 or SchoolClass.objects.create(school_year=year, grade=5, name="5A")
    ClassMembership.objects.create(school_class=grade5, user=pupil)

    head = UserFactory(username="totruongnghi", first_name="Bình", last_name="Phạm Văn")
    StaffProfileFactory(user=head, position=Position.DEPARTMENT_HEAD)
    department = Department.objects.create(school_year=year, name="Tổ thử rời trường", head=head)
    member = UserFactory(username="giaovientoso5", first_name="Lan", last_name="Vũ Thị")
    StaffProfileFactory(user=member, position=Position.TEACHER)
    DepartmentMembership.objects.create(department=department, user=member)
    DepartmentMembership.objects.create(department=department, user=head)
    head.staff_profile.leaving = True
    head.staff_profile.save()
    return {"year": year, "pupil": pupil, "head": head, "member": member}


def test_leavers_are_locked_out_and_no_longer_reviewers_history_kept(client, world):
    pupil, head, member = world["pupil"], world["head"], world["member"]
    articles = {
        head: _published_article(head, "bai-cua-to-truong-nghi", "hoat-dong-chuyen-mon"),
        pupil: _published_article(pupil, "bai-cua-hoc-sinh-lop-5", "goc-hoc-sinh"),
    }
    bylines = {person: article.byline() for person, article in articles.items()}
    assert "Phạm Văn Bình" in bylines[head] and grade5_name(pupil) in bylines[pupil]
    signed_in = sign_in("totruongnghi")
    assert signed_in is not None
    assert department_head_for(member) == head

    client.force_login(get_user_model().objects.get(username="hieutruong"))
    start_new_school_year(world["year"], make_current=True)
    stayer = get_user_model().objects.get(username="hocsinh1a")  # moved up to 2A: not a leaver
    assert set(leavers()) == {pupil, head}
    listing = client.get(reverse("editorial_leavers")).content.decode()
    assert "hocsinh5a" in listing and "totruongnghi" in listing and "hocsinh1a" not in listing

    response = client.post(reverse("editorial_leavers"))
    assert response.status_code == 302
    for person in (pupil, head):
        person.refresh_from_db()
        assert not person.is_active
        assert not person.groups.exists()
        assert sign_in(person.username) is None
        entry = ModelLogEntry.objects.get(action="editorial.leavers_deactivated", object_id=str(person.pk))
        assert entry.user.username == "hieutruong"
    stayer.refresh_from_db()
    assert stayer.is_active
    # Signed out now, not at the session's expiry.
    assert not any(s.get_decoded().get("_auth_user_id") == str(head.pk) for s in Session.objects.all())
    assert signed_in.get("/admin/").status_code == 302
    # No longer found as a reviewer; the old year's structure is history and stays.
    assert department_head_for(member) is None
    assert Department.objects.filter(school_year=world["year"], head=head).exists()
    # Published work keeps its byline.
    for person, article in articles.items():
        article.refresh_from_db()
        assert article.live and article.byline() == bylines[person]
    # A second run finds nobody.
    assert list(leavers()) == []


def test_a_new_pupil_not_yet_in_a_class_is_not_a_leaver_and_the_command_runs(world, capsys):
    newcomer = UserFactory(username="hocsinhmoi", first_name="An", last_name="Lê")
    StaffProfileFactory(user=newcomer, position=Position.STUDENT)
    start_new_school_year(world["year"], make_current=True)
    call_command("deactivate_leavers", "--dry-run")
    out = capsys.readouterr().out
    assert "hocsinh5a" in out and "totruongnghi" in out and "hocsinhmoi" not in out
    assert get_user_model().objects.get(username="hocsinh5a").is_active
    call_command("deactivate_leavers")
    assert not get_user_model().objects.get(username="hocsinh5a").is_active
    assert get_user_model().objects.get(username="hocsinhmoi").is_active


def test_only_account_administrators_deactivate_leavers(client):
    client.force_login(get_user_model().objects.get(username="totruong1"))
    assert_refused(client.post(reverse("editorial_leavers")))
    assert_refused(client.get(reverse("editorial_leavers")))
