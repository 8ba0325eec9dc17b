"""Put the album index under the news workflow (vice principal → principal), found by its key, with the
news section's writers (clarifications #14: albums go through the news workflow)."""

from django.db import transaction
from wagtail.models import GroupPagePermission, Page, WorkflowPage

NEWS_SECTION = "tin-tuc-su-kien"  # the key of the news route in editorial.moderation.workflows.ROUTES


@transaction.atomic
def attach_news_workflow(index_page):
    """Attach the news section's workflow to ``index_page`` and give the news writers the same page rights.

    Idempotent; does nothing while the news section or its workflow is missing (a later run attaches it).
    """
    home = index_page.get_parent()
    news = Page.objects.child_of(home).filter(slug=NEWS_SECTION).first()
    link = WorkflowPage.objects.filter(page=news).select_related("workflow").first() if news else None
    if link is None:
        return None
    WorkflowPage.objects.update_or_create(page=index_page, defaults={"workflow": link.workflow})
    for perm in GroupPagePermission.objects.filter(page=news):
        GroupPagePermission.objects.get_or_create(
            group=perm.group, page=index_page, permission=perm.permission
        )
    return link.workflow
