"""Reading settings from environment variables without tracebacks.

Every missing or malformed variable is appended to ``PROBLEMS`` (a list of Vietnamese sentences) instead of
raised: settings modules expose it as ``PORTAL_SETTINGS_PROBLEMS`` and the system check ``portal.E007``
(``cms/core/checks.py``) lists them all at once, so nothing starts misconfigured (``wsgi.py``, systemd
``ExecStartPre``, ``manage.py check --deploy``) and the operator sees one clear message, not a 50-line
traceback from a settings module with the reason on its last line.
"""

import os

PROBLEMS = []


def env(name, default=None, required=False):
    """The variable ``name`` (a string), else ``default``; a required one that is missing is a problem."""
    value = os.environ.get(name, default)
    if required and not value:
        PROBLEMS.append(f"Thiếu biến môi trường {name} (xem docs/deploy.md).")
    return value


def env_int(name, default, minimum=0):
    """An integer variable (ports, seconds, days); a non-number or one below ``minimum`` is a problem and
    ``default`` is used meanwhile."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return int(default)
    try:
        value = int(raw.strip())
    except ValueError:
        PROBLEMS.append(f"{name}={raw!r} không phải số nguyên (ví dụ {name}={default}).")
        return int(default)
    if value < minimum:
        PROBLEMS.append(f"{name}={value} phải lớn hơn hoặc bằng {minimum}.")
        return int(default)
    return value
