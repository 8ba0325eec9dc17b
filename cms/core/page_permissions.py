"""Wagtail's page permission answers for a leaf page, from the page's own row (issue 15, item 4).

``PagePermissionTester.can_delete`` asks the database, for each page, whether the page's subtree holds a
live page or a page owned by someone else. Page listings (the explorer of a news section, the documents
and notices lists) ask it for every row, so a writer's list cost one query per article. Under a leaf page
(``numchild == 0``, which Wagtail itself trusts in ``is_leaf()``) the subtree is the page alone, so the
answer follows from its ``live`` and ``owner_id``: the same rule, without the query. Pages with children
keep Wagtail's query.
"""

from wagtail.models.pages import PagePermissionTester

_wagtail_can_delete = PagePermissionTester.can_delete


def _leaf_can_delete(tester, ignore_bulk=False):
    """``can_delete`` for a leaf page: Wagtail's rules, read from the row (None: ask Wagtail)."""
    page, user, permissions = tester.page, tester.user, getattr(tester, "permissions", set())
    if not user.is_active or tester.page_is_root or user.is_superuser or page.numchild != 0:
        return None
    if "change" in permissions:
        return "publish" in permissions or not page.live
    if "add" in permissions:
        owned = page.owner_id == user.pk
        return owned if "publish" in permissions else owned and not page.live
    return False


def can_delete(self, ignore_bulk=False):
    answer = _leaf_can_delete(self, ignore_bulk)
    return _wagtail_can_delete(self, ignore_bulk) if answer is None else answer


def install():
    """Replace ``PagePermissionTester.can_delete`` (called once from ``CoreConfig.ready``)."""
    PagePermissionTester.can_delete = can_delete
