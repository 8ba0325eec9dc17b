"""Pupils upload and choose images only in their own class's collection (issue 10 item 6).

Each class of a school year gets a Wagtail collection ("Ảnh của học sinh / Lớp 3A (2025-2026)") and a role
group keyed ``lop:<class id>`` holding ``add_image`` and ``choose_image`` on that collection only. The role
sync (``editorial.roles``) puts each pupil in the group of their class this year; pupils hold no image
permission on the root collection, so Wagtail's own upload form and chooser offer, and accept on the
server, nothing but their class's collection. Homeroom teachers keep their staff rights (root collection).
"""

from wagtail.models import Collection, GroupCollectionPermission

from .lookups import is_pupil
from .models import ClassMembership, RoleGroup

CLASS_PREFIX = "lop:"
PUPILS_COLLECTION = "Ảnh của học sinh"
CLASS_IMAGE_PERMISSIONS = ("add_image", "choose_image")


def class_key(school_class):
    """The role key of a class's image group: ``"lop:<id>"``."""
    return f"{CLASS_PREFIX}{school_class.pk}"


def class_keys_for(user, year):
    """Role keys of the class image groups ``user`` belongs in: the class they are a pupil of in ``year``."""
    if year is None:
        return set()
    classes = ClassMembership.objects.filter(user=user, school_year=year)
    return {f"{CLASS_PREFIX}{pk}" for pk in classes.values_list("school_class_id", flat=True)}


def _pupils_root():
    root = Collection.get_first_root_node()
    parent = root.get_children().filter(name=PUPILS_COLLECTION).first()
    return parent or root.add_child(name=PUPILS_COLLECTION)


def class_image_group(school_class, make_group):
    """Create or repair the image group of ``school_class``; returns the Wagtail group.

    ``make_group(key, name)`` is ``editorial.roles._role_group`` (get or create by key). The collection is
    found through the group's own permission, so renaming it in the admin keeps it linked.
    """
    from django.contrib.auth.models import Permission

    name = f"Ảnh lớp {school_class.name} ({school_class.school_year})"
    group = make_group(class_key(school_class), name)
    granted = GroupCollectionPermission.objects.filter(group=group).select_related("collection").first()
    collection = granted.collection if granted else None
    if collection is None:
        parent = _pupils_root()
        label = f"Lớp {school_class.name} ({school_class.school_year})"
        collection = parent.get_children().filter(name=label).first() or parent.add_child(name=label)
    for codename in CLASS_IMAGE_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label="wagtailimages", codename=codename)
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )
    return group


def class_collection_ids(user):
    """Ids of the class collections ``user`` may use as a pupil (empty for staff)."""
    keys = RoleGroup.objects.filter(key__startswith=CLASS_PREFIX, group__in=user.groups.all()).values("group")
    granted = GroupCollectionPermission.objects.filter(group__in=keys)
    return set(granted.values_list("collection_id", flat=True))


def pupil_article_restriction(user):
    """``article_writer_restrictions`` hook: a pupil may use images of their class collection only."""
    from cms.news.pupil_rules import WriterRestriction

    if not getattr(user, "is_authenticated", False) or not is_pupil(user):
        return None
    return WriterRestriction(image_collection_ids=class_collection_ids(user))
