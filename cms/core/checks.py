"""System check: every extension allowed in settings has a content check in ``cms.core.files``."""

from django.core.checks import Error, register

from .files import DOCUMENT_FORMATS, IMAGE_FORMATS, allowed_extensions


@register()
def upload_extensions_have_checks(app_configs, **kwargs):
    """``portal.E001`` when WAGTAILIMAGES_EXTENSIONS or WAGTAILDOCS_EXTENSIONS name a type we cannot sniff."""
    errors = []
    for kind, known, setting in (
        ("image", IMAGE_FORMATS, "WAGTAILIMAGES_EXTENSIONS"),
        ("document", DOCUMENT_FORMATS, "WAGTAILDOCS_EXTENSIONS"),
    ):
        for extension in allowed_extensions(kind):
            if extension not in known:
                errors.append(
                    Error(
                        f"{setting} allows .{extension} but cms.core.files has no content check for it.",
                        hint="Add a sniffer for it in cms/core/files.py or remove it from the setting.",
                        id="portal.E001",
                    )
                )
    return errors
