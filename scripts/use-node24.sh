# Sourced by .ci/run, scripts/quickstart.sh and scripts/with-node24.sh: puts
# Node 24 first on PATH (package.json's engines), installing it from the npm
# registry into ~/.local/node24 when the Node on PATH is older. The system
# Node is left alone.
NODE24_PREFIX="${NODE24_PREFIX:-$HOME/.local/node24}"
node_major() { node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/'; }
if ! command -v node >/dev/null 2>&1 || [ "$(node_major || echo 0)" -lt 24 ] 2>/dev/null; then
  # The installed npm would look for its global npmrc under its own prefix and
  # miss the system's (its CA bundle, proxy): keep using the system's one.
  system_npmrc="$(npm config get globalconfig 2>/dev/null || true)"
  if [ ! -x "$NODE24_PREFIX/bin/node" ]; then
    echo "--- installing Node 24 into $NODE24_PREFIX"
    npm install -g --prefix "$NODE24_PREFIX" ${system_npmrc:+--globalconfig "$system_npmrc"} node@24 >/dev/null
  fi
  export PATH="$NODE24_PREFIX/bin:$PATH"
  if [ -n "$system_npmrc" ] && [ -f "$system_npmrc" ]; then export npm_config_globalconfig="$system_npmrc"; fi
  unset system_npmrc
fi
# Native addons (better-sqlite3) must build against the running Node's headers,
# not the system Node's (npm may be configured with nodedir=/usr).
node_root="$(dirname "$(dirname "$(node -p process.execPath)")")"
node_header="$(find "$node_root" -maxdepth 5 -path '*/include/node/node_version.h' 2>/dev/null | head -n 1)"
if [ -n "$node_header" ]; then
  export npm_config_nodedir="$(dirname "$(dirname "$(dirname "$node_header")")")"
fi
unset node_root node_header
