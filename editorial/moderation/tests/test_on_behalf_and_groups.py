"""A homeroom teacher submits for a pupil of their class; group bylines (clarification "#8", issue 10).

Server-side rules, through the real admin form (the browser path is in ``test_browser_on_behalf.py``).
"""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Site, TaskState

from cms.core.models import SchoolSettings
from cms.core.school_pages import SectionKey, school_page
from cms.news.models import ArticlePage
from cms.news.wagtail_hooks import latest_news_json
from cms.publishing.renderers.feeds import _author
from editorial.bylines import NOT_YOUR_GROUP, group_bylines_for, pupils_for
from editorial.factories import StaffProfileFactory, UserFactory
from editorial.models import ClassMembership, Position, SchoolClass
from editorial.moderation.models import ReviewTaskState

from .support import article_form, current_stage, user

pytestmark = pytest.mark.django_db


def _add(client, username, section_key, title, slug, submit=True, **fields):
    client.force_login(user(username))
    section = school_page(section_key)
    url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", section.pk))
    extra = {"action-submit": "Gửi duyệt"} if submit else {}
    return client.post(url, article_form(title, slug, **extra, **{k: str(v) for k, v in fields.items()}))


def _errors(response):
    form = response.context["form"]
    return {name: [str(m) for m in errors] for name, errors in form.errors.items()}


def _pupil_of(class_name, username):
    klass = SchoolClass.objects.get(name=class_name, school_year__is_current=True)
    pupil = StaffProfileFactory(
        user=UserFactory(username=username, first_name="Minh", last_name="Trần Quang"),
        position=Position.STUDENT,
    ).user
    ClassMembership.objects.create(school_class=klass, user=pupil)
    return pupil


def test_homeroom_teacher_submits_for_a_pupil_byline_and_route_come_from_the_pupil(
    client, django_capture_on_commit_callbacks
):
    pupil = user("hocsinh1a")
    assert list(pupils_for(user("gvcn1a")).values_list("username", flat=True)) == ["hocsinh1a"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _add(
            client,
            "gvcn1a",
            SectionKey.STUDENTS,
            "Bức tranh lớp em",
            "buc-tranh-lop-em",
            written_for=pupil.pk,
        )
    assert response.status_code == 302, _errors(response)
    article = ArticlePage.objects.get(slug="buc-tranh-lop-em")
    revision = article.get_latest_revision().as_object()
    assert revision.written_for == pupil
    assert (revision.author_name, revision.author_class, revision.author_kind) == (
        "Hoàng Bảo Ngọc",
        "1A",
        "student",
    )
    assert revision.byline(full_student_names=False) == "Em Ngọc, lớp 1A"
    assert revision.byline(full_student_names=True) == "Em Hoàng Bảo Ngọc, lớp 1A"

    # The pupil's route: the homeroom stage is the submitter's own (skipped, said why), then the head of the
    # homeroom teacher's department, for the pupil as author.
    states = ReviewTaskState.objects.filter(workflow_state__object_id=str(article.pk)).order_by("pk")
    first = states.first()
    assert first.status == TaskState.STATUS_SKIPPED and "gửi bài thay" in first.note
    stage = current_stage(article)
    assert stage.task.name == "Tổ trưởng thẩm định"
    assert stage.reviewer.username == "totruong1"
    assert stage.specific.author == pupil
    waiting = [m for m in mail.outbox if m.subject.startswith("[Cổng TTĐT] Chờ duyệt")]
    assert waiting and "Hoàng Bảo Ngọc" in waiting[0].body and waiting[0].to == [user("totruong1").email]
    # Neither the teacher nor the pupil can approve it.
    assert stage.refusal_reason(user("gvcn1a")) and stage.refusal_reason(pupil)


def test_a_pupil_outside_the_teachers_class_is_refused_with_a_message(client):
    other = _pupil_of("2A", "hocsinh2a_thu")
    response = _add(
        client, "gvcn1a", SectionKey.STUDENTS, "Bài của lớp khác", "bai-lop-khac", written_for=other.pk
    )
    assert response.status_code == 200
    assert "Chỉ gửi bài thay được cho học sinh của lớp mình." in _errors(response)["written_for"]
    assert not ArticlePage.objects.filter(slug="bai-lop-khac").exists()
    # Nor may a teacher who is not the pupil's homeroom teacher, nor anyone outside a pupils' section.
    response = _add(
        client, "giaovien1", SectionKey.PROFESSIONAL, "Bài thay", "bai-thay", written_for=other.pk
    )
    assert not ArticlePage.objects.filter(slug="bai-thay").exists()
    assert "Gửi bài thay cho học sinh" in str(response.context["form"].non_field_errors())
    response = _add(
        client,
        "gvcn1a",
        SectionKey.PROFESSIONAL,
        "Tin lớp 1A",
        "tin-lop-1a",
        written_for=user("hocsinh1a").pk,
    )
    assert "chuyên mục của học sinh" in " ".join(_errors(response)["written_for"])


def test_group_bylines_are_offered_where_they_make_sense_and_checked_on_the_server(client):
    klass = SchoolClass.objects.get(name="1A", school_year__is_current=True)
    assert group_bylines_for(user("gvcn1a")) == [(f"lop:{klass.pk}", "Tập thể lớp 1A")]
    assert ("cong_doan", "Công đoàn trường") in group_bylines_for(user("congdoan"))
    assert group_bylines_for(user("hocsinh1a")) == []

    response = _add(
        client, "gvcn1a", SectionKey.STUDENTS, "Lớp 1A trồng cây", "lop-1a-trong-cay", submit=False,
        group_byline=f"lop:{klass.pk}",
    )  # fmt: skip
    assert response.status_code == 302, _errors(response)
    article = ArticlePage.objects.get(slug="lop-1a-trong-cay")
    assert article.byline() == "Tập thể lớp 1A"

    # A teacher may not sign for the trade union (the form says so; a forged post is refused too).
    response = _add(
        client,
        "giaovien1",
        SectionKey.PROFESSIONAL,
        "Tin công đoàn",
        "tin-cong-doan",
        group_byline="cong_doan",
    )
    assert response.status_code == 200
    assert not ArticlePage.objects.filter(slug="tin-cong-doan").exists()
    assert "Đứng tên tập thể" in " ".join(_errors(response)["__all__"])
    # Offered groups are checked again on the server: the homeroom teacher of 1A may not sign for 2A.
    other_class = SchoolClass.objects.get(name="2A", school_year__is_current=True)
    response = _add(
        client,
        "gvcn1a",
        SectionKey.STUDENTS,
        "Lớp 2A",
        "lop-2a",
        submit=False,
        group_byline=f"lop:{other_class.pk}",
    )
    assert response.status_code == 200 and _errors(response)["group_byline"]
    assert not ArticlePage.objects.filter(slug="lop-2a").exists()
    assert NOT_YOUR_GROUP.startswith("Thầy/cô không được")


@pytest.mark.parametrize(("group", "expected"), [("cong_doan", "Công đoàn trường"), ("lien_doi", "Liên đội")])
def test_union_bylines_on_the_page_feed_and_json(client, group, expected):
    from editorial.models import Union

    slug = "tin-" + group.replace("_", "-")
    union = Union.objects.get(kind=group, school_year__is_current=True)
    if union.leader is None:
        union.leader = user("congdoan")
        union.save()
    response = _add(
        client,
        "congdoan",
        SectionKey.UNIONS,
        f"Tin {expected}",
        f"tin-{group}",
        submit=False,
        group_byline=group,
    )
    assert response.status_code == 302, _errors(response)
    article = ArticlePage.objects.get(slug=slug)
    article.save_revision().publish()
    article.refresh_from_db()
    site = Site.objects.get(is_default_site=True)
    assert article.byline() == expected
    assert _author(article, site) == expected
    assert latest_news_json(site)["api/v1/tin-moi.json"].decode().count(f'"tac_gia": "{expected}"') == 1


def test_only_the_board_changes_a_byline_after_submission(client, django_capture_on_commit_callbacks):
    pupil = user("hocsinh1a")
    klass = SchoolClass.objects.get(name="1A", school_year__is_current=True)
    with django_capture_on_commit_callbacks(execute=True):
        _add(
            client, "gvcn1a", SectionKey.STUDENTS, "Em vẽ trường em", "em-ve-truong-em", written_for=pupil.pk
        )
    article = ArticlePage.objects.get(slug="em-ve-truong-em")
    # Withdrawn by the teacher, then re-edited choosing the class as author: the submitted byline stands.
    client.force_login(user("gvcn1a"))
    state = article.current_workflow_state
    state.cancel(user=user("gvcn1a"))
    edit = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    page_form = client.get(edit).context["form"]
    assert page_form.fields["written_for"].disabled and page_form.fields["group_byline"].disabled
    client.post(edit, article_form("Em vẽ trường em", "em-ve-truong-em", group_byline=f"lop:{klass.pk}"))
    latest = ArticlePage.objects.get(pk=article.pk).get_latest_revision().as_object()
    assert latest.byline(full_student_names=False) == "Em Ngọc, lớp 1A"

    # The principal (the board) may change it.
    client.force_login(user("hieutruong"))
    data = article_form("Em vẽ trường em", "em-ve-truong-em", author_name="Hoàng Bảo Ngọc và các bạn")
    data.update({"written_for": str(pupil.pk)})
    data.update({"author_kind": "student", "author_class": "1A", "author_position": "Học sinh lớp 1A"})
    response = client.post(edit, data)
    assert response.status_code == 302
    latest = ArticlePage.objects.get(pk=article.pk).get_latest_revision().as_object()
    assert latest.author_name == "Hoàng Bảo Ngọc và các bạn"


def test_full_name_setting_applies_to_a_pupil_written_for(client, django_capture_on_commit_callbacks):
    settings_ = SchoolSettings.for_site(Site.objects.get(is_default_site=True))
    settings_.show_student_full_name = True
    settings_.save()
    with django_capture_on_commit_callbacks(execute=True):
        _add(
            client,
            "gvcn1a",
            SectionKey.STUDENTS,
            "Em kể chuyện",
            "em-ke-chuyen",
            written_for=user("hocsinh1a").pk,
        )
    article = ArticlePage.objects.get(slug="em-ke-chuyen").get_latest_revision().as_object()
    assert article.byline() == "Em Hoàng Bảo Ngọc, lớp 1A"
