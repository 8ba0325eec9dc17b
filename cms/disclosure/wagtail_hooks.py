""" "Công khai" of a new school (``cms.core.school_pages``)."""

from wagtail import hooks

from cms.core.school_pages import HOME, SchoolPageSpec


@hooks.register("register_school_pages")
def disclosure_page():
    intro = "Nhà trường công khai thông tin theo Thông tư số 09/2024/TT-BGDĐT."
    return [
        SchoolPageSpec(
            "cong_khai",
            "disclosure.DisclosureIndexPage",
            HOME,
            "Công khai",
            "cong-khai",
            {"intro": intro, "show_in_menus": True},
            order=50,
        )
    ]
