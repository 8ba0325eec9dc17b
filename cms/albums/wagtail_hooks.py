"""The albums' place in the page tree (``register_school_pages``)."""

from wagtail import hooks

from .models import AlbumIndexPage


@hooks.register("register_school_pages")
def album_pages():
    """The album index under the home page, for ``setup_school`` (issue 14's page tree)."""
    return [
        {
            "key": "albums",
            "parent": "home",
            "model": AlbumIndexPage,
            "title": "Thư viện ảnh",
            "slug": "thu-vien-anh",
        }
    ]
