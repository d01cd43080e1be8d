# Sourced by .ci/run and scripts/quickstart.sh: puts Node 24 first on PATH,
# installing it from the npm registry into ~/.local/node24 when the system
# Node is older than 22 (the system Node is left alone).
NODE24_PREFIX="${NODE24_PREFIX:-$HOME/.local/node24}"
node_major() { node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/'; }
if [ "$(node_major || echo 0)" -lt 22 ] 2>/dev/null || ! command -v node >/dev/null 2>&1; then
  if [ ! -x "$NODE24_PREFIX/bin/node" ]; then
    echo "--- installing Node 24 into $NODE24_PREFIX"
    npm install -g --prefix "$NODE24_PREFIX" node@24 >/dev/null
  fi
  export PATH="$NODE24_PREFIX/bin:$PATH"
fi
# Native addons (better-sqlite3) must build against the running Node's headers,
# not the system Node's (npm may be configured with nodedir=/usr).
node_root="$(dirname "$(dirname "$(node -p process.execPath)")")"
node_header="$(find "$node_root" -maxdepth 5 -path '*/include/node/node_version.h' 2>/dev/null | head -n 1)"
if [ -n "$node_header" ]; then
  export npm_config_nodedir="$(dirname "$(dirname "$(dirname "$node_header")")")"
fi
unset node_root node_header
