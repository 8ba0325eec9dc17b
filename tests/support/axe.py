"""axe-core (pinned in package.json, installed by `make test`) run inside the test browser."""

import os
from pathlib import Path

import pytest

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


def axe_path():
    """Path of axe.min.js; in CI a missing file is a failure, locally a skip with the fix."""
    if not AXE_JS.is_file():
        message = "axe-core missing: run `npm ci --no-audit --no-fund` (make test does it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE_JS


def blocking_violations(page):
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) on the open page; return serious and critical violations."""
    # Evaluated through the DevTools protocol, not as an inline <script>: the site's own Content Security
    # Policy (cms.publishing.targets.headers) rightly blocks injected inline scripts.
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate("(source) => { (0, eval)(source); }", axe_path().read_text(encoding="utf-8"))
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
            resultTypes: ["violations"],
        })"""
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"][:5]],
        }
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]


def rule_violations(page, rule_ids):
    """Violations of the named axe rules (any impact, e.g. the moderate ``region``) on the open page."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate("(source) => { (0, eval)(source); }", axe_path().read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (ids) => await axe.run(document, {runOnly: {type: 'rule', values: ids},"
        " resultTypes: ['violations']})",
        list(rule_ids),
    )
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"][:5]]} for v in result["violations"]]
