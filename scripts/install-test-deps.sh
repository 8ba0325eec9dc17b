#!/usr/bin/env bash
# System packages the tests use: Debian's Chromium (browser tests), Node/npm (axe-core, the
# accessibility checker injected into Chromium) and nginx (the generated redirect rules pass `nginx -t`). Installed only when missing, and only where we may
# (root); otherwise we say what to install.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || need+=(nginx-light)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "Cài gói hệ thống cho kiểm thử: ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "Thiếu gói hệ thống: ${need[*]} — chạy: sudo apt-get install -y --no-install-recommends ${need[*]}" >&2
    exit 1
  fi
fi
# axe-core, pinned in package-lock.json; installed once (node_modules/ is ignored by git).
if [ ! -f node_modules/axe-core/axe.min.js ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
