"""Project-wide pytest fixtures: the demo school is seeded once per test session."""

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Seed the demo school once; each test then runs inside a rolled-back transaction."""
    with django_db_blocker.unblock():
        call_command("seed_demo", verbosity=0)


@pytest.fixture
def site_dir(settings, tmp_path):
    """A fresh, empty static-site output folder for this test."""
    settings.SITE_OUTPUT_DIR = tmp_path / "site"
    return settings.SITE_OUTPUT_DIR


@pytest.fixture
def login(client, django_user_model):
    """Log the test client in as a demo account: ``login("hieutruong")``."""

    def _login(username):
        user = django_user_model.objects.get(username=username)
        client.force_login(user)
        return user

    return _login
