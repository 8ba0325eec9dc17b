"""Issue 15: after a build, what the long-running build worker keeps alive (the live manifest) is out of
the garbage collector's full passes, and is given back every ``UNFREEZE_EVERY`` builds."""

import gc
from datetime import date

import pytest

from cms.publishing import collector
from cms.publishing.builder import build_pending

from .helpers import new_article, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen_after_builds(settings, monkeypatch):
    settings.SITE_FREEZE_AFTER_BUILD = True
    monkeypatch.setattr(collector, "_builds", 0)
    yield
    gc.unfreeze()  # the rest of the suite collects as usual


def test_a_full_collection_after_a_build_does_not_walk_what_the_build_kept(built_site, frozen_after_builds):
    gc.collect()
    walked_before = len(gc.get_objects(generation=2))
    publish(new_article("Tin sau khi dọn bộ nhớ", "tin-sau-khi-don-bo-nho", day=date(2026, 11, 20)))
    result = build_pending()
    assert result is not None and not result.full
    # What was alive (the manifest the next build reuses, the modules, the test's world) is frozen: a full
    # collection now walks almost nothing of it.
    assert gc.get_freeze_count() > walked_before / 2
    assert len(gc.get_objects(generation=2)) < walked_before / 10


def test_frozen_objects_are_given_back_and_collected_every_so_many_builds(
    built_site, frozen_after_builds, monkeypatch
):
    monkeypatch.setattr(collector, "UNFREEZE_EVERY", 2)
    calls = []
    real_unfreeze = gc.unfreeze
    monkeypatch.setattr(gc, "unfreeze", lambda: (calls.append("unfreeze"), real_unfreeze())[1])
    for n in range(4):
        publish(new_article(f"Tin thứ {n}", f"tin-thu-{n}", day=date(2026, 11, 10 + n)))
        build_pending()
    assert calls == ["unfreeze", "unfreeze"]  # after the 2nd and the 4th build


def test_the_test_suite_process_never_freezes(built_site, settings):
    settings.SITE_FREEZE_AFTER_BUILD = False
    before = gc.get_freeze_count()
    publish(new_article("Tin không đóng băng", "tin-khong-dong-bang", day=date(2026, 11, 20)))
    build_pending()
    assert gc.get_freeze_count() == before
