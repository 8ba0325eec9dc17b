"""factory_boy factories for the writing plan: ``AssignmentFactory(topic=…, assignee=user("gvcn1a"))``."""

from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from factory.django import DjangoModelFactory

from cms.core.school_pages import SectionKey, school_page

from .models import Assignment, AssignmentStatus


def _user(username):
    return get_user_model().objects.get(username=username)


class AssignmentFactory(DjangoModelFactory):
    """An assignment in "Hoạt động chuyên môn" given by ``totruong1`` to ``giaovien1``, due in ten days."""

    class Meta:
        model = Assignment

    topic = factory.Sequence(lambda n: f"Đề tài thử nghiệm số {n}")
    section = factory.LazyFunction(lambda: school_page(SectionKey.PROFESSIONAL))
    assignee = factory.LazyFunction(lambda: _user("giaovien1"))
    assigned_by = factory.LazyFunction(lambda: _user("totruong1"))
    due_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=10))
    status = AssignmentStatus.ASSIGNED
