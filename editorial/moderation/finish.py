"""``WAGTAIL_FINISH_WORKFLOW_ACTION``: final approval publishes the approved revision (13.3)."""


def publish_approved_revision(workflow_state, user=None):
    """Publish exactly the revision the last stage approved, as the approver, or schedule it.

    Approvers need no general publish permission: passing every stage of the workflow *is* the
    permission, so Wagtail's publish check is skipped here. If the item has a go-live time in the future,
    Wagtail's publishing schedules that revision (``approved_go_live_at``) and the periodic job publishes it.
    """
    # Imported here: this module is imported by wagtail.models itself (the setting is read at class creation).
    from wagtail.models import TaskState

    state = workflow_state.current_task_state
    if state is not None and state.status in (TaskState.STATUS_APPROVED, TaskState.STATUS_SKIPPED):
        revision = state.revision
    else:
        revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
