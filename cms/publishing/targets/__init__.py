"""Where a build is published: a local release folder (always) and, if configured, S3-compatible storage."""
