#!/usr/bin/env bash
# One command from a fresh clone to a running Cairn on http://localhost:3000:
# Node 24 (installed beside the system Node if needed), dependencies, the
# embedded SQLite database with a demo account, and the dev server.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/use-node24.sh
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm ci --no-audit --no-fund
npm run db:migrate
npm run db:seed
echo "Cairn starts on http://localhost:${PORT:-3000} — log in as demo@cairn.local / cairn-demo-password"
exec npm run dev
