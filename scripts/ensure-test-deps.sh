#!/usr/bin/env bash
# Installs the system packages the tests use when they are missing: Debian's Python
# packages for the generated Python DTOs, and Chromium for the browser tests of the
# metadata pages. Runs as root on a fresh Debian machine (CI).
set -euo pipefail

missing=()
/usr/bin/python3 -c 'import dataclasses_json, marshmallow' 2>/dev/null || missing+=(python3-dataclasses-json python3-marshmallow)
[ -x /usr/bin/chromium ] || missing+=(chromium)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "the tests need these Debian packages: ${missing[*]} (install them as root)" >&2
  exit 1
fi
echo "installing ${missing[*]}" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
