"""Workflow actions are serialised (issue 13 item 6, built in issue 10's action code).

Two threads with their own database connections act on the same stage at the same moment: a double click
gives exactly one approval; approve and return at once give one consistent outcome; the loser gets a clear
Vietnamese message. Runs on the test database in use (SQLite here, PostgreSQL with PORTAL_TEST_DB=postgres).
"""

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from wagtail.models import PageLogEntry, TaskState

from editorial.moderation.actions import ActionRefused, serialised
from editorial.moderation.models import ReviewTaskState
from editorial.moderation.tests.support import current_stage, submit, user, workflow_state

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def seeded():
    """Committed data: a transactional test sees the session's small world (non-transactional tests run
    first and roll back); its flush at the end wipes the database, so both races live in ONE test."""
    from tests.support.demo import rebuild_world_after_flush

    rebuild_world_after_flush()


def _race(state_pk, moves):
    """Run ``moves`` = [(username, action, comment)] at the same instant; returns their outcomes."""
    barrier = threading.Barrier(len(moves))
    outcomes = [None] * len(moves)

    def worker(index, username, action, comment):
        try:
            person = user(username)
            state = ReviewTaskState.objects.select_related("task").get(pk=state_pk)
            task = state.task.specific
            barrier.wait(timeout=10)
            serialised(lambda: task.on_action(state, person, action, comment=comment))
            outcomes[index] = ("done", action)
        except (ActionRefused, PermissionDenied) as refusal:
            outcomes[index] = ("refused", str(refusal))
        except Exception as error:  # reported by the assertions below
            outcomes[index] = ("error", repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, *move)) for i, move in enumerate(moves)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_concurrent_actions_give_exactly_one_outcome(client, seeded):
    _double_click_on_approve_gives_exactly_one_approval(client)
    _approve_and_return_at_once_give_one_consistent_outcome(client)


def _double_click_on_approve_gives_exactly_one_approval(client):
    page = submit(client, "giaovien1", "hoat-dong-chuyen-mon", "Bấm hai lần", "bam-hai-lan")
    stage = current_stage(page)
    outcomes = _race(stage.pk, [("totruong1", "approve", ""), ("totruong1", "approve", "")])

    assert sorted(kind for kind, _ in outcomes) == ["done", "refused"], outcomes
    refusal = next(text for kind, text in outcomes if kind == "refused")
    assert "đã được" in refusal and "duyệt" in refusal, refusal
    assert PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve").count() == 1
    assert TaskState.objects.filter(workflow_state=workflow_state(page), status="approved").count() == 1
    assert current_stage(page).task.name == "Phó hiệu trưởng duyệt"  # exactly one stage further


def _approve_and_return_at_once_give_one_consistent_outcome(client):
    page = submit(client, "giaovien1", "hoat-dong-chuyen-mon", "Duyệt và trả cùng lúc", "duyet-va-tra")
    stage = current_stage(page)
    outcomes = _race(
        stage.pk, [("totruong1", "approve", ""), ("totruong1", "reject", "Cần thêm ảnh minh hoạ.")]
    )

    assert sorted(kind for kind, _ in outcomes) == ["done", "refused"], outcomes
    winner = next(action for kind, action in outcomes if kind == "done")
    stage.refresh_from_db()
    state = workflow_state(page)
    if winner == "approve":
        assert stage.status == "approved" and current_stage(page).task.name == "Phó hiệu trưởng duyệt"
    else:
        assert stage.status == "rejected" and state.status == state.STATUS_NEEDS_CHANGES
    logged = PageLogEntry.objects.filter(
        page=page, action__in=["wagtail.workflow.approve", "wagtail.workflow.reject"]
    )
    assert logged.count() == 1
