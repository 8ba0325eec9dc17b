"""The public library page appears in the main menu ("Thư viện", beside "Thư viện ảnh") on existing sites."""

from django.db import migrations


def show_in_menu(apps, schema_editor):
    apps.get_model("library", "LibraryIndexPage").objects.update(show_in_menus=True)


class Migration(migrations.Migration):
    dependencies = [("library", "0002_propose_next_accession")]

    operations = [migrations.RunPython(show_in_menu, migrations.RunPython.noop)]
