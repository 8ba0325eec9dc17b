"""An index on ``wagtailcore_page (depth, path)``: "the children of a page" as one index range (issue 15).

Wagtail's ``child_of`` (and ``get_children``) filters ``depth = d`` and the parent's path range; treebeard
indexes only ``path``, so SQLite read every page of the parent's subtree through the path index and kept
the few at depth ``d``. For the home page's children (the main menu and the footer, read once per build by
every publish) that is the whole site: two queries of about 12 ms each at 50,000 pages, which is what the
404 page, the first render of a build, paid. With ``(depth, path)`` it is a range of that index: the rows
read are the children. Created with SQL because the table is Wagtail's (like ``0007``).
"""

from django.db import migrations

INDEX = "portal_page_children_idx"


class Migration(migrations.Migration):
    dependencies = [("core", "0007_page_alias_partial_index")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (depth, path)",
            f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
