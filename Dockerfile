# syntax=docker/dockerfile:1
# Cairn production image: one image for a plain single node (default) and for
# LiteFS replication on Fly (LITEFS_DIR set). See docs/deploy.md.

FROM node:24-bookworm-slim AS base
WORKDIR /app

# All dependencies, dev ones included (the build needs them). better-sqlite3 is a
# native addon: node-gyp needs python3, make and g++ when no prebuilt binary fits.
FROM base AS deps
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci

# Build, then drop dev dependencies. Migrations run without tsx: by the server at
# start-up and by scripts/migrate-primary.js (plain JS) under LiteFS.
FROM deps AS build
COPY . .
RUN npm run build \
 && npm prune --omit=dev

FROM base AS runtime
# fuse3 + ca-certificates for LiteFS (FUSE mount, Consul over TLS); sqlite3 for
# operations over `fly ssh console`; curl for the scheduled cron machine.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates fuse3 sqlite3 curl \
 && rm -rf /var/lib/apt/lists/*
COPY --from=flyio/litefs:0.5 /usr/local/bin/litefs /usr/local/bin/litefs

# LITEFS_DIR stays unset here: a plain `docker run` is one node with its database
# on /data (mount a volume there). fly.toml sets LITEFS_DIR and DATABASE_PATH.
ENV NODE_ENV=production \
    PORT=3000 \
    DATABASE_PATH=/data/cairn.db

COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/build ./build
COPY --from=build /app/db/migrations ./db/migrations
COPY --from=build /app/public ./public
# Worker threads (document extraction, offline embeddings) start from these files, outside the bundle;
# the extraction worker also imports the chunker's TypeScript (Node strips the types).
COPY --from=build /app/app/modules/documents/*.worker.mjs /app/app/modules/documents/background-priority.mjs /app/app/modules/documents/assemble.ts /app/app/modules/documents/chunk.server.ts /app/app/modules/documents/limits.ts ./app/modules/documents/
COPY --from=build /app/scripts/serve.js /app/scripts/react-router-handler.js /app/scripts/migrate-primary.js /app/scripts/docker-entrypoint.sh ./scripts/
# npm run backup / npm run restore (plain JS, like migrate-primary.js).
COPY --from=build /app/scripts/backup.js /app/scripts/restore.js /app/scripts/backups.js ./scripts/
COPY --from=build /app/litefs.yml ./litefs.yml
RUN chmod +x scripts/docker-entrypoint.sh && mkdir -p /data

# 3000: the app; 8080: the LiteFS proxy in front of it (Fly's internal_port).
EXPOSE 3000 8080
ENTRYPOINT ["/app/scripts/docker-entrypoint.sh"]
