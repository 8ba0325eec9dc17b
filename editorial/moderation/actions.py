"""Workflow actions, serialised: approve, return, cancel, and the edit rule during review (issue 10).

The one rule for edits while an item waits (docs/decisions/0010-editor-path.md):

- The **current reviewer** may correct the text and approve in one step: the approval covers the corrected
  revision, the item moves on, and the author and earlier reviewers get a link to the comparison.
- Anyone else who saves a **changed** text while the item waits (the principal, an administrator) sends it
  back to the **first stage**. The author cannot edit while it waits (the item is locked for them): they
  withdraw it ("Rút bài"), edit and submit again, which starts at the first stage. After a return, the
  author's "Gửi lại" continues at the stage that returned it.
- A save whose content equals the revision under review is not an edit (``same_content``), whatever the
  form reports.
- An approval applies to the revision the reviewer had open (``loaded_revision_id``): if someone saved a
  newer one meanwhile, the approval is refused with a clear message.

**Serialisation.** Two clicks on "Duyệt" (or approve and return at once) must give exactly one outcome.
``claim()`` is a conditional ``UPDATE … WHERE status = 'in_progress'`` issued as the first write of the
action's transaction: on PostgreSQL the second transaction waits for the row lock and then matches no row;
on SQLite the database write lock serialises them the same way. The loser gets ``ActionRefused`` with who
did what, and its transaction (including any revision it saved) is rolled back.
"""

import json
import re
import time

from django.core.serializers.json import DjangoJSONEncoder
from django.db import OperationalError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState

from .access import full_name
from .reviewers import PRINCIPAL_KEY

NEWER_REVISION = (
    "Không duyệt được: {who} vừa lưu một bản mới của bài lúc {when}, sau khi thầy/cô mở bài. "
    "Hãy xem bản mới (tải lại trang) rồi duyệt lại."
)
ALREADY_DONE = "Thao tác không được thực hiện: bước “{task}” đã được {who} {what} lúc {when}."
ALREADY_ENDED = "Thao tác không được thực hiện: bước “{task}” đã kết thúc."
WHAT = {
    TaskState.STATUS_APPROVED: "duyệt",
    TaskState.STATUS_REJECTED: "trả lại",
    TaskState.STATUS_CANCELLED: "huỷ",
    TaskState.STATUS_SKIPPED: "bỏ qua",
}
NEW_STATUS = {"approve": TaskState.STATUS_APPROVED, "reject": TaskState.STATUS_REJECTED}

# Bookkeeping keys of a page revision's content: they change without any edit to what is published.
BOOKKEEPING = {
    "pk",
    "id",
    "page_ptr",
    "path",
    "depth",
    "numchild",
    "url_path",
    "content_type",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "live_revision",
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "locked",
    "locked_at",
    "locked_by",
    "owner",
    "expired",
    "alias_of",
    "translation_key",
    "locale",
    "wagtail_admin_comments",
    "comments",
    "index_entries",
}
_BLOCK_KEY = re.compile(r'\s+data-block-key=\\?"[^"\\]*\\?"')


class ActionRefused(Exception):
    """A workflow action that cannot be done; ``str(error)`` is the Vietnamese reason for the person."""


def _canonical(value):
    """Content as comparable text: sorted JSON, rich-text block keys and StreamField block ids removed
    (Draftail and the stream editor make new ones; neither is published)."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return _BLOCK_KEY.sub("", value)
        else:
            return _canonical(value)
    if isinstance(value, dict):
        is_block = "type" in value and "value" in value
        return {key: _canonical(item) for key, item in value.items() if not (is_block and key == "id")}
    if isinstance(value, list):
        return [_canonical(item) for item in value]
    return value


def publishable_content(content):
    """The part of a revision's content (``serializable_data()``) that would be published."""
    return {key: _canonical(value) for key, value in content.items() if key not in BOOKKEEPING}


def _as_stored(content):
    """``content`` as a revision stores it: Wagtail saves revisions through ``DjangoJSONEncoder``, so a
    datetime from a live form (``2026-11-30 16:58:00+00:00`` with ``str``) must become ``…T16:58:00Z``."""
    return json.loads(json.dumps(content, cls=DjangoJSONEncoder))


def same_content(a, b):
    """Whether two revision contents would publish the same page (bookkeeping and block ids ignored).

    ``a`` and ``b`` may be stored revision content or a live page's ``serializable_data()``: both are
    normalised the way a revision is stored, so dates and times compare by value, not by spelling.
    """
    return json.dumps(publishable_content(_as_stored(a)), sort_keys=True) == json.dumps(
        publishable_content(_as_stored(b)), sort_keys=True
    )


def claim(state, user, action_name):
    """Take ``state`` for ``action_name`` (approve/reject): the first write of the action's transaction.

    Raises ``ActionRefused`` (who did what, when) if another action already ended the stage. Idempotent for
    the same state object within one action.
    """
    if getattr(state, "_claimed_for", None) == action_name:
        return
    new_status = NEW_STATUS[action_name]
    updated = TaskState.objects.filter(pk=state.pk, status=TaskState.STATUS_IN_PROGRESS).update(
        status=new_status, finished_by=user, finished_at=timezone.now()
    )
    if not updated:
        raise ActionRefused(conflict_message(state.pk))
    state._claimed_for = action_name


def conflict_message(state_pk):
    """Why a stage can no longer be acted on: who approved/returned/cancelled it and when."""
    state = TaskState.objects.select_related("task", "finished_by").filter(pk=state_pk).first()
    if state is None or state.status == TaskState.STATUS_IN_PROGRESS:
        return ALREADY_ENDED.format(task=state.task.name if state else "")
    if state.finished_by_id and state.finished_at:
        return ALREADY_DONE.format(
            task=state.task.name,
            who=full_name(state.finished_by),
            what=WHAT.get(state.status, state.status),
            when=timezone.localtime(state.finished_at).strftime("%H:%M %d/%m/%Y"),
        )
    return ALREADY_ENDED.format(task=state.task.name)


NOT_YOURS = (
    "Thao tác không được thực hiện: bài không còn chờ thầy/cô duyệt (hoặc thầy/cô không có quyền này)."
)


def why_refused(page):
    """A Vietnamese sentence for a refused click on ``page``: who ended the most recent stage and when.

    Used when Wagtail itself refuses (``PermissionDenied``) a stale tab's post, so the person reads what
    happened instead of a bare "403 Forbidden".
    """
    last = (
        TaskState.objects.filter(workflow_state__object_id=str(page.pk))
        .exclude(status=TaskState.STATUS_IN_PROGRESS)
        .order_by("-finished_at", "-pk")
        .first()
    )
    return conflict_message(last.pk) if last is not None else NOT_YOURS


def check_loaded_revision(page, loaded_revision_id):
    """Refuse if the page has a newer revision than ``loaded_revision_id`` (what the reviewer had open)."""
    latest = page.get_latest_revision()
    if loaded_revision_id and latest is not None and str(latest.pk) != str(loaded_revision_id):
        who = full_name(latest.user) if latest.user_id else "một người khác"
        raise ActionRefused(
            NEWER_REVISION.format(who=who, when=timezone.localtime(latest.created_at).strftime("%H:%M"))
        )
    return latest


def serialised(function, attempts=60, delay=0.05):
    """Run ``function`` in its own transaction, retrying while SQLite reports the database as locked.

    A concurrent action holds the write lock only for a moment; after it commits, this one runs its
    conditional update and finds the stage already taken (a clear ``ActionRefused``). Inside an outer
    transaction (tests), no retry is possible and the call runs once.
    """
    if connection.in_atomic_block:
        with transaction.atomic():
            return function()
    for attempt in range(attempts):
        try:
            with transaction.atomic():
                return function()
        except OperationalError as error:
            if "locked" not in str(error) or attempt == attempts - 1:
                raise
            time.sleep(delay)
    return None  # pragma: no cover - the loop returns or raises


def compare_url(page, revision_a, revision_b):
    """Admin link to the comparison of two revisions of ``page`` (what the reviewer changed)."""
    from .notifications import absolute

    return absolute(
        reverse("wagtailadmin_pages:revisions_compare", args=(page.pk, revision_a.pk, revision_b.pk))
    )


def is_principal(user):
    """The principal (by role group key or position): may cancel, edit and publish at any stage."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_moderation_is_principal", None)
    if cached is None:
        cached = user.groups.filter(school_role__key=PRINCIPAL_KEY).exists()
        user._moderation_is_principal = cached
    return cached


def is_author(user, workflow_state):
    """Whether ``user`` wrote (owns) or submitted the item of ``workflow_state``."""
    if user is None or not user.is_authenticated:
        return False
    obj = workflow_state.content_object
    return user.pk in (workflow_state.requested_by_id, getattr(obj, "owner_id", None))


def can_cancel(user, workflow_state):
    """Only the author (withdrawing their own submission) and the principal may cancel moderation."""
    if workflow_state is None or not workflow_state.is_active:
        return False
    return is_author(user, workflow_state) or is_principal(user)
