"""Homeroom teachers reset their own pupils' passwords (Điều 7.4): simple but not trivial, nobody else's."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from cms.security.passwords import needs_password_change

pytestmark = pytest.mark.django_db


def test_homeroom_teacher_resets_own_pupil_password(client, login):
    login("gvcn1a")
    pupil = get_user_model().objects.get(username="hocsinh1a")
    listing = client.get(reverse("editorial_homeroom:index"))
    assert listing.status_code == 200 and "hocsinh1a" in listing.content.decode()
    url = reverse("editorial_homeroom:password", args=[pupil.pk])
    response = client.post(url, {"password1": "11111111", "password2": "11111111"})
    assert response.status_code == 200 and "quá dễ đoán" in response.content.decode()
    response = client.post(url, {"password1": "ca-vang-48", "password2": "ca-vang-48"})
    assert response.status_code == 302
    pupil.refresh_from_db()
    assert pupil.check_password("ca-vang-48")
    assert needs_password_change(pupil) is None


@pytest.mark.parametrize("username", ["giaovien1", "hocsinh1a"])
def test_others_cannot_reset_pupils_passwords(client, login, username):
    login(username)
    pupil = get_user_model().objects.get(username="hocsinh1a")
    before = pupil.password
    response = client.post(
        reverse("editorial_homeroom:password", args=[pupil.pk]),
        {"password1": "ca-vang-48", "password2": "ca-vang-48"},
    )
    assert response.status_code in (302, 403, 404)
    pupil.refresh_from_db()
    assert pupil.password == before


def test_homeroom_teacher_cannot_reset_a_teacher(client, login):
    login("gvcn1a")
    teacher = get_user_model().objects.get(username="giaovien1")
    response = client.get(reverse("editorial_homeroom:password", args=[teacher.pk]))
    assert response.status_code == 404
