#!/usr/bin/env bash
# Installs what the system tests drive from outside the JVM, once: the npm tools pinned in package-lock.json
# (the OpenAPI linter, playwright-core) and Debian's Chromium for the Swagger UI test. Run by the test command
# (system-tests, before its tests); safe to run again.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v npm >/dev/null; then
  echo "tools/setup.sh: Node.js and npm are needed (Debian: apt-get install nodejs npm)" >&2
  exit 1
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "tools/setup.sh: installing Debian's chromium for the browser test" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium >/dev/null 2>&1 || {
      apt-get update -q >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium >/dev/null
    }
  else
    echo "tools/setup.sh: Chromium is needed at /usr/bin/chromium (or set CHROMIUM): apt-get install chromium" >&2
    exit 1
  fi
fi
