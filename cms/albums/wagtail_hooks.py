"""The albums' place in the page tree (``register_school_pages``)."""

from wagtail import hooks


@hooks.register("register_school_pages")
def album_pages():
    """The album index under the home page, for ``setup_school`` (issue 14's page tree)."""
    from cms.core.school_pages import HOME, SchoolPageSpec

    intro = "Ảnh các hoạt động của nhà trường. Ảnh có học sinh chỉ được đăng khi cha mẹ học sinh đồng ý."
    return [
        SchoolPageSpec(
            "albums",
            "albums.AlbumIndexPage",
            HOME,
            "Thư viện ảnh",
            "thu-vien-anh",
            {"show_in_menus": True, "intro": intro},
            order=65,
        )
    ]
