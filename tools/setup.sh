#!/usr/bin/env bash
# Installs what the system tests drive from outside the JVM, once: the npm tools pinned in package-lock.json
# (the OpenAPI linter, the AsyncAPI CLI, playwright-core; and the TypeScript client's own packages), Debian's Chromium for the Swagger UI test, and Debian's docker-compose
# (the client only, to validate docker-compose.yml). Run by the test command (system-tests, before its tests);
# safe to run again.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v npm >/dev/null; then
  echo "tools/setup.sh: Node.js and npm are needed (Debian: apt-get install nodejs npm)" >&2
  exit 1
fi
for dir in . ../clients/typescript; do
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
debian_package() { # command package
  if command -v "$1" >/dev/null; then return; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "tools/setup.sh: installing Debian's $2" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$2" >/dev/null 2>&1 || {
      apt-get update -q >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$2" >/dev/null
    }
  else
    echo "tools/setup.sh: $1 is needed: apt-get install --no-install-recommends $2" >&2
    exit 1
  fi
}
if [ -z "${CHROMIUM:-}" ]; then debian_package chromium chromium; fi
debian_package docker-compose docker-compose
