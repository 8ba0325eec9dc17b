""" "Công khai" of a new school (``cms.core.school_pages``); the last five school years are kept."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.models import Page

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


def _refuse(request, page, action):
    """A redirect back with the Vietnamese refusal if ``page`` holds protected công khai, else None."""
    from .retention import check_removal

    try:
        check_removal(page, action)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        parent = page.get_parent()
        return redirect("wagtailadmin_explore", parent.pk if parent else page.pk)
    return None


@hooks.register("before_delete_page")
def keep_disclosure_on_delete(request, page):
    """Công khai of the last five school years (or a page holding it) cannot be deleted."""
    return _refuse(request, page, "xoá")


@hooks.register("before_unpublish_page")
def keep_disclosure_on_unpublish(request, page):
    """Công khai of the last five school years (or a page holding it) cannot be unpublished."""
    return _refuse(request, page, "ngừng đăng")


@hooks.register("before_bulk_action")
def keep_disclosure_in_bulk(request, action_type, objects, action_class_instance):
    """The same rule for the page listing's bulk delete and unpublish."""
    verbs = {"delete": "xoá", "unpublish": "ngừng đăng"}
    if action_type not in verbs:
        return None
    for obj in objects:
        if isinstance(obj, Page):
            response = _refuse(request, obj, verbs[action_type])
            if response is not None:
                return response
    return None
