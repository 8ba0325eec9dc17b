"""The home page of a new school (``register_school_pages``, see ``cms.core.school_pages``)."""

from wagtail import hooks

from cms.core.school_pages import HOME, SchoolPageSpec


def _intro(answers):
    return f"Cổng thông tin điện tử của {answers.name}" if answers else ""


@hooks.register("register_school_pages")
def home_page():
    return [SchoolPageSpec(HOME, "home.HomePage", None, "Trang chủ", "trang-chu", {"intro": _intro}, order=0)]
