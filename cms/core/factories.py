"""Shared test factories (factory_boy + wagtail-factories): images, PDF documents, and the base of every page
factory of the project.

``SchoolPageFactory`` subclasses (``cms/<app>/factories.py``) create a page under its usual parent — found by
its key (``cms.core.school_pages.school_page``), never by slug or title — and publish it through a revision,
as the admin does. Every page factory takes two extra arguments: ``parent`` (another parent page) and
``publish`` (default ``True``; ``False`` leaves a draft with one revision).
"""

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from .pdf import minimal_pdf


def root_collection():
    """Wagtail's root collection (made by its migrations); factories put every file there."""
    return Collection.get_first_root_node()


class ImageFactory(wagtail_factories.ImageFactory):
    """A small JPEG image in the root collection (wagtail-factories would add a new root collection)."""

    class Meta:
        model = get_image_model()

    title = factory.Sequence(lambda n: f"Ảnh thử nghiệm {n}")
    collection = factory.LazyFunction(root_collection)
    file = factory.django.ImageField(width=64, height=48, color="green", format="JPEG", filename="anh.jpg")


class DocumentFactory(wagtail_factories.DocumentFactory):
    """A one-page PDF document (``cms.core.pdf.minimal_pdf``) in the root collection; ``filename="x.pdf"``."""

    class Meta:
        model = get_document_model()

    title = factory.Sequence(lambda n: f"Tệp thử nghiệm {n}")
    collection = factory.LazyFunction(root_collection)
    file = factory.LazyAttribute(
        lambda o: ContentFile(minimal_pdf([o.title], title=o.title), name=o.filename)
    )

    class Params:
        filename = "tep.pdf"


class SchoolPageFactory(wagtail_factories.PageFactory):
    """Base of the project's page factories: created under ``parent`` (default: ``default_parent()``, the
    page registered under ``_parent_key``) and published through a revision unless ``publish=False``."""

    _parent_key = None  # the key of the usual parent page (cms.core.school_pages / SectionKey)

    class Meta:
        abstract = True

    parent = None  # replaces wagtail-factories' parent sub-factory: a school page is found by its key

    @classmethod
    def default_parent(cls):
        from .school_pages import school_page

        page = school_page(cls._parent_key)
        if page is None:
            raise LookupError(f"Chưa có trang '{cls._parent_key}': cài trường (setup_school) trước.")
        return page

    @classmethod
    def _create(cls, model_class, *args, parent=None, publish=True, **kwargs):
        parent = parent or cls.default_parent()
        page = model_class(live=publish, **kwargs)
        parent.add_child(instance=page)
        revision = page.save_revision(user=page.owner)
        if publish:
            revision.publish()  # as the demo does: no permission check for test data
            page.refresh_from_db()
        return page


def school_year_label(day=None):
    """The school year of ``day`` as pages store it ("2026–2027"), from ``editorial.services``."""
    from editorial.services import school_year_for

    from .vietnamese import today_vn

    return school_year_for(day or today_vn())[0]
