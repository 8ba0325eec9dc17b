from django.apps import AppConfig


class SecurityConfig(AppConfig):
    """Account safeguards of Quy chế Điều 2 and 13: passwords, lockout, two-factor, login log, host split."""

    name = "cms.security"
    label = "security"
    verbose_name = "An toàn tài khoản"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .visibility import install_title_guard

        # Admin listings show a live page's draft title only to people who may see the draft (item 8).
        install_title_guard()
