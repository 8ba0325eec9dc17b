"""The search index follows an incremental publish in a release of its own (clarification #13: "live" is
pages, listings and feeds; search may follow within 10 s), so re-indexing a year never delays a page."""

import pytest

from cms.publishing import integrity, release, search
from cms.publishing.builder import build_pending, schedule_build
from cms.publishing.manifest import read_tree
from cms.publishing.models import SiteBuild

from .helpers import new_article, publish, search_index_text, text

pytestmark = pytest.mark.django_db

TITLE = "Hội giảng mùa xuân của tổ Ngữ văn"
SLUG = "hoi-giang-mua-xuan-cua-to-ngu-van"


def _index_text(root):
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((root / "chi-muc").glob("*/*/m*.json")))


def test_pages_go_live_first_then_the_search_index_in_a_second_release(built_site, monkeypatch):
    before = read_tree(release.current_dir().resolve())
    publish(new_article(TITLE, SLUG))
    monkeypatch.setattr(release, "prune_in_background", lambda **_: None)  # keep the pages release to look at
    result = build_pending()
    assert release.is_superseded(result.live_release_id)  # the next prune drops it

    assert result.live_release_id and result.search_release_id
    assert result.live_release_id != result.search_release_id == release.live_release()
    pages_release = release.releases_dir() / result.live_release_id
    # The first release already has the page and its listings, with the search index as it was...
    assert TITLE in (pages_release / "hoat-dong-chuyen-mon" / SLUG / "index.html").read_text(encoding="utf-8")
    assert TITLE not in _index_text(pages_release)
    pages_manifest = read_tree(pages_release)
    assert {p: e for p, e in pages_manifest.files.items() if p.startswith("chi-muc/")} == {
        p: e for p, e in before.files.items() if p.startswith("chi-muc/")
    }
    # ...and the second one finds it, with every page file shared with the first.
    assert TITLE in search_index_text() and TITLE in text(f"hoat-dong-chuyen-mon/{SLUG}/index.html")
    final = read_tree(release.current_dir().resolve())
    assert {p: e for p, e in final.files.items() if not p.startswith("chi-muc/")} == {
        p: e for p, e in pages_manifest.files.items() if not p.startswith("chi-muc/")
    }

    # One build in the log, with both releases approved: either can be checked or rolled back to.
    build = SiteBuild.objects.order_by("-pk").first()
    assert build.status == SiteBuild.Status.SUCCESS and not build.full
    assert (build.release, build.search_release) == (result.live_release_id, result.search_release_id)
    for release_id in (result.live_release_id, result.search_release_id):
        manifest, _ = integrity.release_manifest(release_id)
        assert manifest.release == release_id
    assert all(report.clean for report in integrity.verify())


def test_a_change_that_touches_no_searchable_page_makes_no_second_release(built_site):
    article = publish(new_article(TITLE, SLUG))
    build_pending()
    builds = SiteBuild.objects.count()
    schedule_build("test: nothing changed", pages=[article])  # rendered again, the same bytes
    result = build_pending()
    assert SiteBuild.objects.count() == builds + 1
    assert result.search_release_id == "" and result.release_id == release.live_release()


def test_a_failed_search_follow_up_keeps_the_pages_live_and_the_next_build_catches_up(
    built_site, monkeypatch, mailoutbox
):
    def broken(*args, **kwargs):
        raise OSError("Ổ đĩa đầy")

    monkeypatch.setattr(search, "build_shard", broken)
    publish(new_article(TITLE, SLUG))
    result = build_pending()

    assert TITLE in text(f"hoat-dong-chuyen-mon/{SLUG}/index.html")  # the page is live
    assert TITLE not in search_index_text()
    build = SiteBuild.objects.order_by("-pk").first()
    assert build.status == SiteBuild.Status.PARTIAL and "Chỉ mục tìm kiếm chưa cập nhật" in build.error
    assert result.partial and release.live_release() == result.live_release_id
    assert build.only_search_behind  # the pages are live: alerts and the dashboard say only search is behind
    assert any("Chỉ mục tìm kiếm chưa cập nhật" in m.subject for m in mailoutbox)
    assert not any("chưa trọn vẹn" in m.subject for m in mailoutbox)

    # The touched year stays marked as not indexed: the next build (another section, another year)
    # re-indexes it although none of its pages changed since.
    monkeypatch.undo()
    from datetime import date

    publish(new_article("Tin thư viện tháng ba", "tin-thu-vien-thang-ba", day=date(2025, 3, 2)))
    build_pending()
    assert TITLE in search_index_text() and "Tin thư viện tháng ba" in search_index_text()
    assert SiteBuild.objects.order_by("-pk").first().status == SiteBuild.Status.SUCCESS


def test_a_plain_rollback_undoes_the_whole_publish_and_history_counts_whole_publishes(built_site, settings):
    """The pages-only release of a publish is superseded once its search release is live: it is no
    rollback target (its index is the older one) and does not use up one of the kept releases."""
    from django.core.management import call_command

    settings.SITE_KEEP_RELEASES = 2
    before = release.live_release()
    publish(new_article(TITLE, SLUG))
    result = build_pending()
    release.wait_for_prune()
    assert result.live_release_id not in release.list_releases()  # superseded: dropped by the prune
    assert release.list_releases() == [before, result.search_release_id]  # two whole publishes kept

    call_command("rollback_site")
    assert release.live_release() == before
    assert TITLE not in search_index_text()
    assert not (release.current_dir() / "hoat-dong-chuyen-mon" / SLUG).exists()


def test_after_a_rollback_the_next_build_indexes_every_shard_again(built_site, monkeypatch):
    """A rollback puts another release's search index live; the names markers that said each shard was up
    to date describe the index that was live before, so they go, and the next build re-indexes."""
    from django.core.management import call_command

    from cms.publishing.builder import build_site

    article = publish(new_article(TITLE, SLUG))
    build_pending()
    article.title = "Hội giảng mùa xuân — Quokka"
    article.save_revision().publish()
    monkeypatch.setattr(release, "prune_in_background", lambda **_: None)  # keep the pages release
    result = build_pending()
    assert "Quokka" in search_index_text()

    # Back onto the pages-only release of that edit (asked for by name): its index is the older one.
    call_command("rollback_site", "--to", result.live_release_id)
    assert "Quokka" not in search_index_text()
    build_site(trigger="test: after the rollback")
    assert "Quokka" in search_index_text()


def test_the_scheduler_catches_up_a_search_follow_up_that_failed(built_site, monkeypatch):
    """Nothing else may be published for a while: the next scheduler round after a failed follow-up
    schedules one full build, which re-indexes the shards still marked "not indexed"."""
    from datetime import timedelta

    from django.utils import timezone

    from cms.publishing.models import PendingChange
    from cms.publishing.scheduler import tick

    monkeypatch.setattr(search, "build_shard", lambda *a, **k: (_ for _ in ()).throw(OSError("Ổ đĩa đầy")))
    publish(new_article(TITLE, SLUG))
    build_pending()
    monkeypatch.undo()
    assert TITLE not in search_index_text()

    catch_up = PendingChange.objects.filter(trigger__startswith="Lập lại chỉ mục tìm kiếm")
    tick(timezone.now())  # the follow-up may still be running: nothing yet
    assert not catch_up.exists()
    PendingChange.objects.all().delete()  # (other periodic jobs' changes would re-index it just as well)
    tick(timezone.now() + timedelta(minutes=3))
    assert catch_up.filter(page_id=None).exists()
    build_pending()
    assert TITLE in search_index_text()
    assert SiteBuild.objects.order_by("-pk").first().status == SiteBuild.Status.SUCCESS
    tick(timezone.now() + timedelta(minutes=6))
    assert not catch_up.exists()  # nothing more to catch up
