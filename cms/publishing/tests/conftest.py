"""Fixtures for the static engine's tests."""

import pytest
from django.test import override_settings

from cms.publishing.builder import build_site
from cms.publishing.models import PendingChange, SiteBuild
from tests.support.s3 import make_bucket

from .helpers import SITE_BUCKET


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


@pytest.fixture
def bucket(s3_server, settings, monkeypatch):
    """An empty site bucket (``SITE_BUCKET``) on the loopback S3 server, set as the build target
    (``settings.SITE_S3``); a boto3 client is yielded, and the bucket is emptied and removed afterwards."""
    client = make_bucket(s3_server, SITE_BUCKET, monkeypatch)
    settings.SITE_S3 = {
        "bucket_name": SITE_BUCKET,
        "endpoint_url": s3_server,
        "access_key": "test",
        "secret_key": "test",
        "region_name": "us-east-1",
    }
    yield client
    for item in client.list_objects_v2(Bucket=SITE_BUCKET).get("Contents", []):
        client.delete_object(Bucket=SITE_BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=SITE_BUCKET)
