"""``manage.py nginx_redirects [--write [PATH]]``: the nginx rules of the site's redirects.

Prints the rules (``cms.publishing.redirect_rules.nginx_rules``) or writes them to ``PATH`` (default
``SITE_NGINX_REDIRECTS`` / ``<SITE_OUTPUT_DIR>/nginx-redirects.conf``), as the builder does after each build.
"""

from django.core.management.base import BaseCommand

from cms.publishing import redirect_rules


class Command(BaseCommand):
    help = "In hoặc ghi quy tắc chuyển hướng nginx từ các “Chuyển hướng” của Wagtail."

    def add_arguments(self, parser):
        parser.add_argument(
            "--write",
            nargs="?",
            const="",
            default=None,
            metavar="PATH",
            help="Ghi ra tệp (mặc định: SITE_NGINX_REDIRECTS hoặc <SITE_OUTPUT_DIR>/nginx-redirects.conf).",
        )

    def handle(self, *args, write=None, **options):
        redirects = redirect_rules.current_redirects()
        if write is None:
            self.stdout.write(redirect_rules.nginx_rules(redirects), ending="")
            return
        path = redirect_rules.nginx_redirects_path() if write == "" else write
        changed = redirect_rules.write_nginx_redirects(redirects, path)
        state = "đã ghi" if changed else "không đổi"
        self.stdout.write(f"{len(redirects)} chuyển hướng, {path}: {state}.")
