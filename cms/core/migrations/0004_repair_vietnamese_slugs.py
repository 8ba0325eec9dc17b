"""Repair the slugs that the admin's stock slug script broke, on pages that were never published.

"Đội tuyển Đá cầu" typed before the Vietnamese slug input got "dji-tuyn-dja-cu" (đ→dj, letters dropped).
Pages never published have no public address yet, so their slug becomes ``slugify_vi(title)`` (made unique
among siblings) in the page, its url_path (and its descendants'), and every saved revision, which the editor
loads. Published pages keep their address (clarifications: only the board changes it, and then Wagtail
records a redirect that the static builder writes), so no redirect is needed here.
"""

from django.db import migrations

from cms.core.vietnamese import is_mangled_slug, slugify_vi


def _new_slug(page):
    if is_mangled_slug(page.slug, page.title):
        return slugify_vi(page.title)
    folded = slugify_vi(page.slug)
    return folded if folded and folded != page.slug else None


def repair(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    page_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    never_published = Page.objects.filter(
        live=False, first_published_at__isnull=True, last_published_at__isnull=True, depth__gt=2
    )
    for page in never_published.order_by("path"):
        slug = _new_slug(page)
        if not slug:
            continue
        parent_path = page.path[: -4]  # treebeard: 4 characters per level
        taken = set(
            Page.objects.filter(path__startswith=parent_path, depth=page.depth)
            .exclude(pk=page.pk)
            .values_list("slug", flat=True)
        )
        candidate, n = slug, 2
        while candidate in taken:
            candidate, n = f"{slug}-{n}", n + 1
        old_url_path = page.url_path
        new_url_path = old_url_path.rstrip("/").rsplit("/", 1)[0] + f"/{candidate}/"
        for descendant in Page.objects.filter(path__startswith=page.path, depth__gt=page.depth):
            descendant.url_path = new_url_path + descendant.url_path[len(old_url_path) :]
            descendant.save(update_fields=["url_path"])
        Page.objects.filter(pk=page.pk).update(slug=candidate, url_path=new_url_path)
        if page_type is not None:
            for revision in Revision.objects.filter(base_content_type=page_type, object_id=str(page.pk)):
                content = dict(revision.content or {})
                content["slug"] = candidate
                if "url_path" in content:
                    content["url_path"] = new_url_path
                revision.content = content
                revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_schoolsettings_public_url_pagekey"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
