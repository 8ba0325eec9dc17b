"""Test factories of the editorial app (factory_boy): accounts with a position, placed in the structure."""

import factory
from django.contrib.auth import get_user_model

from .models import Position, StaffProfile


class UserFactory(factory.django.DjangoModelFactory):
    """An active, non-staff account with a Vietnamese name."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"canbo{n}")
    first_name = "Hoa"
    last_name = "Nguyễn Thị"
    email = factory.LazyAttribute(lambda u: f"{u.username}@thnk.edu.vn")
    is_active = True
    password = factory.django.Password("mat-khau-thu-nghiem")


class StaffProfileFactory(factory.django.DjangoModelFactory):
    """A profile (position) for a new account; saving it puts the account in its role groups."""

    class Meta:
        model = StaffProfile

    user = factory.SubFactory(UserFactory)
    position = Position.TEACHER
