"""gunicorn for the back office (systemd: deploy/systemd/portal-web@.service).

Small school server (1–2 CPUs, 2 GB): 3 sync workers are plenty for ~60 staff editing; the public never
reaches this process (it reads the static site from nginx or object storage).
"""

import multiprocessing
import os

school = os.environ.get("PORTAL_SCHOOL", "truong")
bind = os.environ.get("PORTAL_GUNICORN_BIND", f"unix:/run/portal/{school}/web.sock")
workers = int(os.environ.get("PORTAL_GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 5)))
worker_class = "sync"
# Uploads of 20 MB documents over a school's ADSL line, and admin exports, can take a while.
timeout = int(os.environ.get("PORTAL_GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
max_requests = 1000  # recycle workers: a long-running Wagtail process slowly grows
max_requests_jitter = 100
forwarded_allow_ips = "127.0.0.1"  # nginx on the same host sets X-Forwarded-Proto
accesslog = "-"  # journald
errorlog = "-"
loglevel = os.environ.get("PORTAL_LOG_LEVEL", "info").lower()
# Load the app once in the master: configuration errors (portal.E001…) stop the service at start.
preload_app = True
