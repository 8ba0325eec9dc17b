"""Pagefind is gone (decision 0016, issue 16): nothing installs, serves or allows it any more."""

from pathlib import Path

from cms.publishing.targets.headers import security_headers

ROOT = Path(__file__).resolve().parents[3]
# What a new machine runs or reads to install and serve the portal.
INSTALL_FILES = ["requirements.txt", "requirements-test.txt", "Makefile", "package.json", ".ci/run"]
INSTALL_DIRS = ["scripts", "deploy"]


def _install_texts():
    paths = [ROOT / name for name in INSTALL_FILES]
    for folder in INSTALL_DIRS:
        paths += [p for p in (ROOT / folder).rglob("*") if p.is_file()]
    return {p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8", errors="replace") for p in paths}


def test_no_install_or_deploy_file_mentions_pagefind():
    found = [name for name, text in _install_texts().items() if "pagefind" in text.lower()]
    assert found == []


def test_the_public_csp_allows_no_webassembly():
    assert "wasm" not in security_headers()["Content-Security-Policy"]
    assert "wasm" not in (ROOT / "deploy" / "nginx" / "security-headers.conf").read_text(encoding="utf-8")
