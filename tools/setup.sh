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
# Each package-lock.json is installed once per machine, like Maven's ~/.m2: into a cache folder named after the
# lock's and Node's versions, which each clone's node_modules links to (1.6 GB and about 90 s for the tools' lock,
# paid again by every fresh clone before). TECHNOPARK_TOOLS_CACHE names another folder, or none to install in place.
cache="${TECHNOPARK_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/technopark/npm}"
install_in_place() { # dir
  if [ -L "$1/node_modules" ]; then rm "$1/node_modules"; fi
  if [ ! -f "$1/node_modules/.package-lock.json" ] || [ "$1/package-lock.json" -nt "$1/node_modules/.package-lock.json" ]; then
    (cd "$1" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
install_cached() { # dir name
  local key target tmp
  key=$( (cat "$1/package-lock.json"; node --version) | sha256sum | cut -c1-16)
  target="$cache/$2-$key"
  if [ ! -f "$target/node_modules/.package-lock.json" ]; then
    mkdir -p "$cache"
    tmp=$(mktemp -d "$cache/.$2-XXXXXX")
    cp "$1/package.json" "$1/package-lock.json" "$tmp/"
    (cd "$tmp" && npm ci --no-audit --no-fund --loglevel=error)
    # another clone may have installed the same lock meanwhile: the first one in place wins
    mv -T "$tmp" "$target" 2>/dev/null || rm -rf "$tmp"
  fi
  if [ -d "$1/node_modules" ] && [ ! -L "$1/node_modules" ]; then rm -rf "$1/node_modules"; fi
  ln -sfn "$target/node_modules" "$1/node_modules"
}
for entry in .:tools ../clients/typescript:typescript-client; do
  if [ "$cache" = none ]; then install_in_place "${entry%%:*}"; else install_cached "${entry%%:*}" "${entry##*:}"; fi
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
