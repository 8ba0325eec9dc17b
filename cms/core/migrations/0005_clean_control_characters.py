"""Remove control characters and XML-illegal code points from text already stored (cms.core.text).

Every text, rich-text and StreamField field of the portal's models, Wagtail's pages, documents and images
and the people's names; drafts (revisions) too, with line-breaking controls as spaces.
"""

from django.db import migrations

APP_LABELS = (
    "core",
    "home",
    "news",
    "documents",
    "notices",
    "pages",
    "disclosure",
    "editorial",
    "moderation",
    "planning",
    "wagtailcore",
    "wagtaildocs",
    "wagtailimages",
    "auth",
)
SKIPPED_MODELS = {("wagtailcore", "revision"), ("wagtailcore", "modellogentry"), ("wagtailcore", "pagelogentry")}


def _clean_json(value, strip_controls):
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, list):
        return [_clean_json(v, strip_controls) for v in value]
    if isinstance(value, dict):
        return {k: _clean_json(v, strip_controls) for k, v in value.items()}
    return value


def clean_stored_text(apps, schema_editor):
    from cms.core.text import clean_instance, strip_controls

    for label in APP_LABELS:
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        for model in config.get_models():
            if (label, model._meta.model_name) in SKIPPED_MODELS or model._meta.proxy:
                continue
            local = {f.name for f in model._meta.local_concrete_fields}
            for obj in model._base_manager.all().iterator():
                changed = [name for name in clean_instance(obj) if name in local]
                if changed:
                    values = {name: getattr(obj, model._meta.get_field(name).attname) for name in changed}
                    model._base_manager.filter(pk=obj.pk).update(**values)
    try:
        Revision = apps.get_model("wagtailcore", "Revision")
    except LookupError:
        return
    for revision in Revision.objects.all().iterator():
        cleaned = _clean_json(revision.content, strip_controls)
        if cleaned != revision.content:
            Revision.objects.filter(pk=revision.pk).update(content=cleaned)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_repair_vietnamese_slugs"),
        ("home", "0002_featured_and_quick_links"),
        ("news", "0002_author_kind_and_body_blocks"),
        ("documents", "0001_initial"),
        ("notices", "0001_initial"),
        ("pages", "0001_initial"),
        ("disclosure", "0001_initial"),
        ("editorial", "0001_initial"),
        ("moderation", "0001_initial"),
        ("planning", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(clean_stored_text, migrations.RunPython.noop)]
