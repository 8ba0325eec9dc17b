"""``WAGTAIL_FINISH_WORKFLOW_ACTION``: final approval publishes the approved revision (13.3)."""


def approved_revision(workflow_state):
    """The revision the last approver approved (their correction if they made one), or ``None``.

    Each approval stores the revision it covers on its task state (``ModerationTaskMixin.on_action``); a
    stage skipped at the end (nobody eligible) approves nothing, so the latest *approval* counts.
    """
    from wagtail.models import TaskState

    state = (
        TaskState.objects.filter(workflow_state=workflow_state, status=TaskState.STATUS_APPROVED)
        .select_related("revision")
        .order_by("-finished_at", "-pk")
        .first()
    )
    return state.revision if state is not None else None


def publish_approved_revision(workflow_state, user=None):
    """Publish exactly the revision the last approver approved, as the approver, or schedule it.

    Never the latest revision as such: a draft saved after the last approval (or an autosave) is not
    published. Approvers need no general publish permission: passing every stage of the workflow *is* the
    permission, so Wagtail's publish check is skipped here. If the item has a go-live time in the future,
    Wagtail's publishing schedules that revision (``approved_go_live_at``) and the periodic job publishes it.
    """
    revision = approved_revision(workflow_state)
    if revision is None:  # every stage skipped (nobody could review): what was submitted
        state = workflow_state.current_task_state
        revision = (
            state.revision if state is not None else workflow_state.content_object.get_latest_revision()
        )
    revision.publish(user=user, skip_permission_checks=True)
