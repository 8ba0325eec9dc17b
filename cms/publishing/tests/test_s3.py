"""The S3-compatible target, against moto's S3 server on loopback (real HTTP, no in-process mocks)."""

import json

import pytest

from cms.publishing.builder import build_pending, build_site
from cms.publishing.manifest import Manifest
from cms.publishing.targets import s3

from .helpers import SITE_BUCKET, section

pytestmark = pytest.mark.django_db


def _keys(client):
    keys, token = set(), None
    while True:
        kwargs = {"Bucket": SITE_BUCKET, **({"ContinuationToken": token} if token else {})}
        page = client.list_objects_v2(**kwargs)
        keys |= {o["Key"] for o in page.get("Contents", [])}
        if not page.get("IsTruncated"):
            return keys
        token = page["NextContinuationToken"]


def _get(client, key):
    """Fetch an object over HTTP from the loopback server: (headers, body)."""
    response = client.get_object(Bucket=SITE_BUCKET, Key=key)
    headers = {"Content-Type": response["ContentType"], "Cache-Control": response.get("CacheControl", "")}
    return headers, response["Body"].read()


def test_site_round_trips_through_s3(warm_renditions, site_dir, bucket, s3_server, monkeypatch):
    from cms.news.factories import ArticlePageFactory

    ArticlePageFactory(parent=section())  # the article unpublished below
    result = build_site(trigger="test: s3")
    keys = _keys(bucket)
    assert keys == set(result.files) | {"manifest.json"}

    headers, body = _get(bucket, "index.html")
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert "max-age=60" in headers["Cache-Control"]
    assert "Tin mới" in body.decode()
    assert _get(bucket, "rss.xml")[0]["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert _get(bucket, "sitemap.xml")[0]["Content-Type"].startswith("application/xml")
    assert _get(bucket, "api/v1/tin-moi.json")[0]["Content-Type"].startswith("application/json")
    rendition = next(k for k in keys if k.startswith("media/images/") and k.endswith(".webp"))
    headers, _ = _get(bucket, rendition)
    assert headers["Content-Type"] == "image/webp"
    assert "immutable" in headers["Cache-Control"]
    remote = json.loads(_get(bucket, "manifest.json")[1])
    assert remote["release"] == result.release_id

    article = section().articles().first()
    key = article.url.strip("/") + "/index.html"
    assert key in keys
    article.unpublish()
    read = []  # the manifest parts the upload reads from the bucket (only those whose hash differs)
    original = s3._read
    monkeypatch.setattr(s3, "_read", lambda storage, key: read.append(key) or original(storage, key))
    result = build_pending()
    keys = _keys(bucket)
    assert key not in keys
    assert key in result.deleted and not set(result.deleted) & keys
    assert article.title not in _get(bucket, "hoat-dong-chuyen-mon/index.html")[1].decode()
    assert json.loads(_get(bucket, "manifest.json")[1])["release"] == result.release_id
    # The bucket holds exactly the release: every output, every manifest part (stale parts deleted too).
    assert keys == set(result.files)
    whole = Manifest.from_bytes(_get(bucket, "manifest.json")[1], lambda key, _sha: _get(bucket, key)[1])
    assert set(whole.files) == set(result.files) - set(whole.parts_sha) - {"manifest.json"}
    assert "manifest.json" in read and 1 < len(read) < len(whole.parts_sha) / 2, (
        len(read),
        len(whole.parts_sha),
    )
