#!/usr/bin/env bash
# Installs what the system tests drive from outside the JVM, once: the npm tools pinned in package-lock.json
# (the OpenAPI linter, the AsyncAPI CLI, playwright-core; and the TypeScript client's own packages), with Node.js
# and npm fetched first when the machine has none, Debian's Chromium for the Swagger UI test, and Debian's docker-compose
# (the client only, to validate docker-compose.yml). Run by the test command (system-tests, before its tests);
# safe to run again.
set -euo pipefail
cd "$(dirname "$0")"
# Each package-lock.json is installed once per machine, like Maven's ~/.m2: into a cache folder named after the
# lock's and Node's versions, which each clone's node_modules links to (1.6 GB and about 90 s for the tools' lock,
# paid again by every fresh clone before). TECHNOPARK_TOOLS_CACHE names another folder, or none to install in place.
cache="${TECHNOPARK_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/technopark/npm}"

# Node.js 20 or later with npm: the machine's when it has them, otherwise Node.js and npm themselves from the npm
# registry (the same registry as the tools; pinned versions, checked against pinned digests by tools/Fetch.java,
# which needs only the JDK), unpacked once per machine and linked from tools/.node, where the tests find it.
# TECHNOPARK_NODE=fetched takes the fetched one even when the machine has its own.
NODE_VERSION=20.20.2
NPM_VERSION=11.19.1
NPM_INTEGRITY=sha512-ztsxKxt/kkIaAs+2i0GU6I+DRmUdrNasxTZKJe9TCdSjKxlhah/4r/hl5ygMD6XAg1qZ9c2TNomR4qgOydp10g==
machine_node() {
  [ "${TECHNOPARK_NODE:-}" != fetched ] && command -v node >/dev/null && command -v npm >/dev/null \
    && [ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ]
}
fetched_node() {
  local arch integrity home dir tmp java
  case "$(uname -m)" in
    x86_64) arch=x64 integrity=sha512-PeHQM8wAdmHtZA1mBocygZxs5LiUWtsJezQTkBd0iY987KpGrD1O2tVEydvMZiuXceRanxt7rjTnDEBwOPujoQ== ;;
    aarch64 | arm64) arch=arm64 integrity=sha512-LCXJnNTFiyGuYBw2gZSI5OBFMbkjAPt8sqD/NKrWoE2QmDgSubTqFng6GaNJ9EJ8HpxBMGcWWpbbcs4Vo+CnGg== ;;
    *) echo "tools/setup.sh: no Node.js here and none to fetch for $(uname -m): install Node.js 20 with npm" >&2; exit 1 ;;
  esac
  home="$cache"
  if [ "$home" = none ]; then home="$PWD/.node-dist"; fi
  dir="$home/node-$NODE_VERSION-npm-$NPM_VERSION-linux-$arch"
  if [ ! -x "$dir/bin/node" ]; then
    echo "tools/setup.sh: fetching Node.js $NODE_VERSION and npm $NPM_VERSION from the npm registry" >&2
    mkdir -p "$home"
    tmp=$(mktemp -d "$home/.node-XXXXXX")
    java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
    "$java" Fetch.java "https://registry.npmjs.org/node-linux-$arch/-/node-linux-$arch-$NODE_VERSION.tgz" "$integrity" "$tmp/node.tgz"
    "$java" Fetch.java "https://registry.npmjs.org/npm/-/npm-$NPM_VERSION.tgz" "$NPM_INTEGRITY" "$tmp/npm.tgz"
    mkdir -p "$tmp/dist/lib/node_modules/npm"
    tar -xzf "$tmp/node.tgz" -C "$tmp/dist" --strip-components=1 package/bin/node
    tar -xzf "$tmp/npm.tgz" -C "$tmp/dist/lib/node_modules/npm" --strip-components=1
    ln -s ../lib/node_modules/npm/bin/npm-cli.js "$tmp/dist/bin/npm"
    ln -s ../lib/node_modules/npm/bin/npx-cli.js "$tmp/dist/bin/npx"
    # another clone may have fetched the same meanwhile: the first one in place wins
    mv -T "$tmp/dist" "$dir" 2>/dev/null || true
    rm -rf "$tmp"
  fi
  ln -sfn "$dir" .node
  export PATH="$dir/bin:$PATH"
}
if machine_node; then
  if [ -L .node ]; then rm .node; fi
else
  fetched_node
fi
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
