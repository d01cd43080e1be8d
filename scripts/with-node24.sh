#!/usr/bin/env bash
# Runs a command under Node 24 whatever Node the shell has (npm test and
# npm run dev go through it): in a new shell whose system Node is older, the
# dependencies built for Node 24 would otherwise crash it (better-sqlite3).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/use-node24.sh
if [ "$(node_major)" -lt 24 ]; then
  echo "Cairn needs Node 24 or newer, and $(command -v node) is $(node --version): run 'bash scripts/quickstart.sh' once." >&2
  exit 1
fi
exec "$@"
