#!/usr/bin/env bash
# System packages the tests use: Debian's Chromium (browser tests). Installed only when missing,
# and only where we may (root); otherwise we say what to install.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ]; then
  echo "Cài gói hệ thống cho kiểm thử: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "Thiếu gói hệ thống: ${need[*]} — chạy: sudo apt-get install -y --no-install-recommends ${need[*]}" >&2
  exit 1
fi
