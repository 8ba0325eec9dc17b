"""moto's S3-compatible server on loopback for the storage tests (real HTTP, no in-process mocks)."""

import boto3


def moto_server():
    """A ThreadedMotoServer on 127.0.0.1, a free port (the ``s3_server`` fixture); yields its endpoint URL."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def make_bucket(endpoint, name, monkeypatch):
    """Create bucket ``name`` on ``endpoint`` with moto's test keys (any AWS_* of the caller removed first);
    returns the boto3 client."""
    for variable in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(variable, raising=False)
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="test",
        aws_secret_access_key="test",  # noqa: S106 - moto accepts any key
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=name)
    return client
