"""factory_boy factories for notices: ``NoticePageFactory(priority="khan", valid_to=...)``."""

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from .models import NoticeIndexPage, NoticePage


class NoticePageFactory(DjangoModelFactory):
    """A published notice valid from an hour ago for a week, under the seeded "Thông báo" page.

    Extra arguments: ``parent`` (index page), ``publish`` (default True).
    """

    class Meta:
        model = NoticePage

    title = factory.Sequence(lambda n: f"Thông báo thử nghiệm số {n}")
    slug = factory.Sequence(lambda n: f"thong-bao-thu-nghiem-{n}")
    sender = "Ban Giám hiệu"
    audience = "toan-truong"
    priority = "thuong"
    pinned = False
    valid_from = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    valid_to = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    summary = "Nội dung tóm tắt."
    body = "<p>Nội dung thông báo.</p>"

    @classmethod
    def _create(cls, model_class, *args, parent=None, publish=True, **kwargs):
        parent = parent or NoticeIndexPage.objects.get()
        page = model_class(live=publish, **kwargs)
        parent.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        return page
