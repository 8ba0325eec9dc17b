"""Fixtures for the static engine's tests."""

import pytest
from django.test import override_settings

from cms.publishing.builder import build_site
from cms.publishing.models import PendingChange, SiteBuild


@pytest.fixture(scope="session")
def warm_renditions(django_db_setup, django_db_blocker, tmp_path_factory):
    """Create the world's image renditions once (committed), so each test's build does not redo them."""
    with django_db_blocker.unblock():
        with override_settings(SITE_OUTPUT_DIR=tmp_path_factory.mktemp("warm-site")):
            build_site(trigger="warm-up")
        SiteBuild.objects.all().delete()
        PendingChange.objects.all().delete()


@pytest.fixture
def built_site(warm_renditions, site_dir):
    """A fresh output folder holding one full build of the session's world; returns the BuildResult."""
    return build_site(trigger="test: initial")
