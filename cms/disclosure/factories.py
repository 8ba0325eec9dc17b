"""factory_boy factories for công khai: ``DisclosureYearPageFactory(school_year="2025–2026")``."""

import factory

from cms.core.factories import SchoolPageFactory, school_year_label

from .models import Category, DisclosureItem, DisclosureYearPage


class DisclosureYearPageFactory(SchoolPageFactory):
    """A published "Công khai năm học …" page (this school year unless told) with one item linking a page.

    Extra arguments: ``parent`` (another index), ``publish`` (default True), ``items`` (a list of
    unsaved ``DisclosureItem``; default one item linking the "Giới thiệu" page).
    """

    _parent_key = "cong_khai"

    class Meta:
        model = DisclosureYearPage

    school_year = factory.LazyFunction(school_year_label)
    title = factory.LazyAttribute(lambda o: f"Công khai năm học {o.school_year}")
    slug = factory.LazyAttribute(lambda o: "nam-hoc-" + o.school_year.replace("–", "-"))
    intro = "Các nội dung công khai theo Thông tư 09/2024/TT-BGDĐT."
    items = factory.LazyFunction(lambda: [default_item()])


def default_item():
    """One "Giới thiệu" item (a page of the portal, no file)."""
    from cms.core.school_pages import school_page

    return DisclosureItem(
        category=Category.values[0],
        title="Giới thiệu chung về nhà trường",
        linked_page=school_page("gioi_thieu"),
    )
