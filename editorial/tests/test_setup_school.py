"""Issue 3: `manage.py setup_school` creates or repairs roles; two runs give the same database."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from wagtail.models import GroupPagePermission, ModelLogEntry

from editorial.models import RoleGroup, SchoolYear

pytestmark = pytest.mark.django_db(transaction=False)

TABLE_PREFIXES = ("auth_", "editorial_", "wagtailcore_group", "wagtailcore_workflow", "wagtailcore_task")


def _dump():
    """Every row of the tables setup_school may touch, plus the audit log, as sorted tuples."""
    dump = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            if table.startswith(TABLE_PREFIXES) or table == "wagtailcore_modellogentry":
                cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names come from introspection
                dump[table] = sorted(map(repr, cursor.fetchall()))
    return dump


def test_setup_school_twice_gives_the_same_database():
    call_command("setup_school", verbosity=0)
    first = _dump()
    call_command("setup_school", verbosity=0)
    assert _dump() == first
    assert first["editorial_rolegroup"], "role groups exist"


def test_setup_school_repairs_tampered_permissions_and_memberships():
    teachers = Group.objects.get(school_role__key="giao_vien")
    home_perm = GroupPagePermission.objects.filter(group__school_role__key="hieu_truong").first()
    teacher = get_user_model().objects.get(username="giaovien1")
    writer = Group.objects.get(school_role__key="writer:hoat-dong-chuyen-mon")

    # Someone tampers: teachers may now publish and change users; giaovien1 lost their writer group.
    teachers.permissions.add(Permission.objects.get(codename="change_user"))
    GroupPagePermission.objects.create(
        group=teachers, page=home_perm.page, permission=Permission.objects.get(codename="publish_page")
    )
    teacher.groups.remove(writer)
    RoleGroup.objects.filter(key="ban_bien_tap").delete()  # a lost marker is recreated for the same group

    call_command("setup_school", verbosity=0)

    assert not teachers.permissions.filter(codename="change_user").exists()
    assert not GroupPagePermission.objects.filter(
        group=teachers, permission__codename="publish_page"
    ).exists()
    assert teacher.groups.filter(pk=writer.pk).exists()
    assert RoleGroup.objects.get(key="ban_bien_tap").group.name == "Ban biên tập"
    assert ModelLogEntry.objects.filter(action="editorial.group_permissions_changed").exists()
    assert ModelLogEntry.objects.filter(action="editorial.roles_changed", object_id=str(teacher.pk)).exists()

    repaired = _dump()
    call_command("setup_school", verbosity=0)
    assert _dump() == repaired


def test_setup_school_creates_a_current_year_when_there_is_none():
    SchoolYear.objects.update(is_current=False)
    call_command("setup_school", verbosity=0)
    assert SchoolYear.objects.filter(is_current=True).count() == 1


def test_no_role_is_superuser_or_may_edit_users_and_groups():
    for user in get_user_model().objects.filter(groups__school_role__isnull=False).distinct():
        assert not user.is_superuser
        for perm in ("auth.add_user", "auth.change_user", "auth.change_group", "auth.add_group"):
            assert not user.has_perm(perm), (user.username, perm)


def test_document_and_notice_indexes_are_granted_once_they_exist():
    """The documents/notices issue adds index pages "van-ban" and "thong-bao"; setup_school grants them."""
    from wagtail.models import Page

    from cms.home.models import HomePage
    from cms.news.models import SectionPage

    home = HomePage.objects.first()
    indexes = {}
    for slug, title in (("van-ban", "Văn bản"), ("thong-bao", "Thông báo")):
        page = Page.objects.child_of(home).filter(slug=slug).first()
        # A stand-in where the documents/notices apps are not installed yet.
        indexes[slug] = page or home.add_child(instance=SectionPage(title=title, slug=slug))
    call_command("setup_school", verbosity=0)
    expected = {
        ("vanthu", "van-ban"): True,
        ("vanthu", "thong-bao"): False,
        ("quantri", "van-ban"): True,
        ("quantri", "thong-bao"): True,
        ("giaovien1", "van-ban"): False,
        ("giaovien1", "thong-bao"): False,
    }
    for (username, slug), allowed in expected.items():
        user = get_user_model().objects.get(username=username)
        perms = indexes[slug].permissions_for_user(user)
        assert perms.can_add_subpage() is allowed, (username, slug)
        assert not perms.can_publish()


@pytest.mark.usefixtures("demo_school")
def test_seed_demo_twice_changes_nothing():
    call_command("seed_demo", verbosity=0)  # the demo_school fixture already seeded once
    first = _dump()
    call_command("seed_demo", verbosity=0)
    assert _dump() == first


def test_permissions_another_app_grants_in_its_own_scope_survive_a_repair():
    """Content apps (documents, notices, the library) grant their own model permissions to role groups."""
    office = Group.objects.get(school_role__key="van_thu")
    foreign = Permission.objects.get(content_type__app_label="publishing", codename="view_sitebuild")
    office.permissions.add(foreign)
    call_command("setup_school", verbosity=0)
    assert office.permissions.filter(pk=foreign.pk).exists()


def test_role_groups_are_found_by_key_even_after_a_rename():
    from editorial.roles import role_group

    group = role_group("pho_hieu_truong")
    group.name = "Phó Hiệu trưởng (chuyên môn)"
    group.save()
    call_command("setup_school", verbosity=0)
    assert role_group("pho_hieu_truong").pk == group.pk
    assert get_user_model().objects.get(username="phohieutruong").groups.filter(pk=group.pk).exists()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--name", "   ", "--short-name", "THLL"], "Tên trường không được để trống"),
        (["--name", "T" * 201, "--short-name", "THLL"], "Tên trường dài 201 ký tự"),
        (["--name", "Trường Tiểu học Lê Lợi", "--short-name", "TH Lê Lợi/2"], "Tên viết tắt"),
        (["--name", "Trường Tiểu học Lê Lợi", "--short-name", "T" * 21], "Tên viết tắt"),
        (
            ["--name", "Trường Tiểu học Lê Lợi", "--short-name", "THLL", "--email", "not-an-email"],
            "Thư điện tử",
        ),
        (
            [
                "--name",
                "Trường Tiểu học Lê Lợi",
                "--short-name",
                "THLL",
                "--public-url",
                "javascript:alert(1)",
            ],
            "không phải địa chỉ http(s)",
        ),
        (
            ["--name", "Trường Tiểu học Lê Lợi", "--short-name", "THLL", "--principal-username", "bad user!"],
            "Tên đăng nhập",
        ),
    ],
)
def test_setup_school_refuses_bad_answers_before_writing_anything(args, expected):
    from django.core.management import CommandError

    from cms.core.models import SchoolSettings

    before = list(SchoolSettings.objects.values_list("name", "short_name", "email", "public_url"))
    with pytest.raises(CommandError, match=re.escape(expected)):
        call_command("setup_school", *args, "--no-input", verbosity=0)
    assert list(SchoolSettings.objects.values_list("name", "short_name", "email", "public_url")) == before


def test_setup_school_cleans_control_characters_and_bidi_overrides_from_its_answers():
    from editorial.management.commands.setup_school import validate_answers

    cleaned = validate_answers(
        {"name": "Trường Tiểu\nhọc \u202eLê\x1b Lợi\x07", "short_name": " thll ", "address": "Số 1\tLê Lợi"}
    )
    assert cleaned == {"name": "Trường Tiểu học Lê Lợi", "short_name": "THLL", "address": "Số 1 Lê Lợi"}


def test_a_new_school_has_documents_and_notices_in_its_main_menu():
    """Parents look for "Văn bản" and "Thông báo" in the menu (issue 16): the install puts them there, not the
    demo."""
    from cms.core.school_pages import school_page

    for key in ("van_ban", "thong_bao", "schedule", "albums"):
        assert school_page(key).show_in_menus, key
