#!/bin/sh
# Container entrypoint. LITEFS_DIR unset (the default): one plain node serving
# DATABASE_PATH. LITEFS_DIR set (Fly): LiteFS mounts the replicated directory,
# then runs the commands in litefs.yml (migrations on the candidate, then the app).
# Any arguments replace the default command (e.g. `docker run … sqlite3 /data/cairn.db`).
set -eu

if [ "$#" -gt 0 ]; then
  exec "$@"
fi

if [ -n "${LITEFS_DIR:-}" ]; then
  # The LiteFS proxy tracks consistency on "cairn.db" in the mount; a database
  # anywhere else would silently not replicate.
  if [ "${DATABASE_PATH:-}" != "$LITEFS_DIR/cairn.db" ]; then
    echo "DATABASE_PATH must be $LITEFS_DIR/cairn.db when LITEFS_DIR is set (it is '${DATABASE_PATH:-}')" >&2
    exit 1
  fi
  exec litefs mount -config /app/litefs.yml
fi

exec node /app/scripts/serve.js
