"""Admin wiring of account safeguards: login activity page, unlocking, two-factor views, log actions."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.pages import base_page_viewset

from . import views
from .visibility import VisiblePagesSearchView, visible_pages


@hooks.register("construct_page_chooser_queryset")
def chooser_shows_visible_pages(pages, request):
    return visible_pages(request.user, pages)


@hooks.register("construct_explorer_page_queryset")
def explorer_shows_visible_pages(parent_page, pages, request):
    return visible_pages(request.user, pages)


# The page search view of the base page view set (a documented extension point of PageViewSet).
base_page_viewset.search_view_class = VisiblePagesSearchView


@hooks.register("register_admin_urls")
def register_security_urls():
    return [
        path("dang-nhap/nhat-ky/", views.login_activity, name="security_login_activity"),
        path("dang-nhap/mo-khoa/<int:pk>/", views.unlock, name="security_unlock"),
        path("xac-thuc-hai-buoc/bat/", views.two_factor_setup, name="security_two_factor_setup"),
        path("xac-thuc-hai-buoc/", views.two_factor_verify, name="security_two_factor_verify"),
    ]


class LoginActivityMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_manage_logins(request.user)


@hooks.register("register_settings_menu_item")
def register_login_activity_menu_item():
    return LoginActivityMenuItem(
        "Đăng nhập và khoá tài khoản", reverse("security_login_activity"), icon_name="lock", order=900
    )


@hooks.register("register_log_actions")
def register_security_log_actions(actions):
    actions.register_action("security.unlocked", "Mở khoá đăng nhập", "Mở khoá đăng nhập")
    actions.register_action("security.two_factor_enabled", "Bật xác thực hai bước", "Bật xác thực hai bước")
    actions.register_action("security.break_glass", "Khôi phục tài khoản Hiệu trưởng", "Khôi phục tài khoản")
    actions.register_action(
        "security.password_change_required", "Yêu cầu đổi mật khẩu", "Yêu cầu đổi mật khẩu"
    )
