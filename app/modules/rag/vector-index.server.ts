// The vector index of chunks. Each chunk's embedding is kept twice: as bits
// (sign of each dimension) in a vec0 table partitioned by workspace and cell,
// scanned fast by Hamming distance, and as float32 in a plain table, used to
// re-score the best candidates exactly.
//
// Cells: once a workspace holds many vectors, they are grouped around
// centroids trained on them (an inverted-file index); a search scans only
// the cells whose centroids are nearest the question, plus cell 0, where
// vectors wait before a workspace has cells. Vectors always sit in the cell
// of the centroid nearest them when they were placed, so old and new cells
// can be searched together while a workspace is being re-partitioned.
//
// Its tables depend on the embedding dimension, which is configuration, so
// they are made here rather than by a migration; `npm run reindex` drops and
// rebuilds them when the model changes.
import type Database from "better-sqlite3";
import { db } from "~/modules/db/database.server";

/** Candidates taken from the bit scan for exact re-scoring. */
const RESCORE_CANDIDATES = 200;
/** Bit-scan candidates each probed cell contributes. */
const CANDIDATES_PER_CELL = 100;
/** Cells probed per search (measured: 4 cells × 100 candidates kept recall@10 at 0.99 in ~5 ms; vec0's cost grows with k and cells). */
const PROBED_CELLS = 4;
/** Below this many chunks, a scoped search (chosen documents) scores every float vector exactly. */
const EXACT_SCAN_LIMIT = 20_000;
/** A workspace gets cells from this many vectors on, and new ones each time it doubles. */
export const CELLS_FROM_VECTORS = 20_000;
/** About this many vectors per cell. */
const VECTORS_PER_CELL = 400;
/** Cell ids of generation g are g × GENERATION_SPAN + i; 0 is "no cell yet". */
const GENERATION_SPAN = 100_000;
/** The table layout this code writes; older layouts are rebuilt from the float vectors. */
const LAYOUT = 2;

export type VectorIndexInfo = { model: string; dimensions: number };
export type VectorHit = { chunkId: number; similarity: number };

const sqlite = () => db().$client;

function readInfo(database: Database.Database): (VectorIndexInfo & { layout: number }) | undefined {
  const table = database.prepare("SELECT sql FROM sqlite_master WHERE name = 'vector_index_info'").get() as { sql: string } | undefined;
  if (!table) return undefined;
  const layout = table.sql.includes("layout") ? "layout" : "1 AS layout";
  return database.prepare(`SELECT model, dimensions, ${layout} FROM vector_index_info WHERE id = 1`).get() as
    (VectorIndexInfo & { layout: number }) | undefined;
}

/** The model and dimension the stored vectors were made with, if any. */
export function vectorIndexInfo(): VectorIndexInfo | undefined {
  const info = readInfo(sqlite());
  return info && { model: info.model, dimensions: info.dimensions };
}

function createTables(database: Database.Database, dimensions: number) {
  database.exec(`
    CREATE TABLE IF NOT EXISTS chunk_embeddings (
      chunk_id INTEGER PRIMARY KEY REFERENCES chunks(id) ON DELETE CASCADE,
      workspace_id TEXT NOT NULL,
      cell INTEGER NOT NULL DEFAULT 0,
      embedding BLOB NOT NULL
    );
    CREATE INDEX IF NOT EXISTS chunk_embeddings_cell ON chunk_embeddings (workspace_id, cell);
    CREATE VIRTUAL TABLE chunk_vectors USING vec0(workspace_id TEXT PARTITION KEY, cell INTEGER PARTITION KEY, embedding BIT[${dimensions}]);
    CREATE TABLE IF NOT EXISTS vector_cells (
      workspace_id TEXT NOT NULL,
      cell INTEGER NOT NULL,
      centroid BLOB NOT NULL,
      PRIMARY KEY (workspace_id, cell)
    );
    CREATE TABLE IF NOT EXISTS vector_cell_plans (workspace_id TEXT PRIMARY KEY, generation INTEGER NOT NULL, vectors INTEGER NOT NULL);
    -- A deleted chunk takes its vectors along (its float copy goes by foreign key).
    CREATE TRIGGER IF NOT EXISTS chunk_vectors_delete AFTER DELETE ON chunks BEGIN
      DELETE FROM chunk_vectors WHERE rowid = old.id;
    END;
  `);
}

/**
 * Creates the index for `info` if there is none. An index made with another
 * model or dimension is refused: its vectors cannot be compared with new ones.
 */
export function ensureVectorIndex(info: VectorIndexInfo) {
  const database = sqlite();
  const current = readInfo(database);
  if (current) {
    if (current.model !== info.model || current.dimensions !== info.dimensions)
      throw new Error(
        `The vector index holds ${current.model} (${current.dimensions}-d) vectors but ${info.model} (${info.dimensions}-d) is configured: run \`npm run reindex\`.`,
      );
    if (current.layout !== LAYOUT) upgradeLayout(database, current);
    return;
  }
  if (!Number.isInteger(info.dimensions) || info.dimensions <= 0 || info.dimensions % 8 !== 0)
    throw new Error(`Embedding dimensions must be a positive multiple of 8, got ${info.dimensions}`);
  database.transaction(() => {
    database.exec(
      `CREATE TABLE vector_index_info (id INTEGER PRIMARY KEY CHECK (id = 1), model TEXT NOT NULL, dimensions INTEGER NOT NULL, layout INTEGER NOT NULL)`,
    );
    createTables(database, info.dimensions);
    database
      .prepare("INSERT INTO vector_index_info (id, model, dimensions, layout) VALUES (1, ?, ?, ?)")
      .run(info.model, info.dimensions, LAYOUT);
  })();
}

/** An index of the first layout (no cells): rebuilt from its float vectors, no re-embedding. */
function upgradeLayout(database: Database.Database, info: VectorIndexInfo) {
  database.transaction(() => {
    const floats = database
      .prepare(
        "SELECT e.chunk_id AS chunkId, c.workspace_id AS workspaceId, e.embedding FROM chunk_embeddings e JOIN chunks c ON c.id = e.chunk_id",
      )
      .all() as {
      chunkId: number;
      workspaceId: string;
      embedding: Buffer;
    }[];
    database.exec(
      `DROP TRIGGER IF EXISTS chunk_vectors_delete; DROP TABLE IF EXISTS chunk_vectors; DROP TABLE IF EXISTS chunk_embeddings; DROP TABLE vector_index_info;`,
    );
    database.exec(
      `CREATE TABLE vector_index_info (id INTEGER PRIMARY KEY CHECK (id = 1), model TEXT NOT NULL, dimensions INTEGER NOT NULL, layout INTEGER NOT NULL)`,
    );
    createTables(database, info.dimensions);
    database
      .prepare("INSERT INTO vector_index_info (id, model, dimensions, layout) VALUES (1, ?, ?, ?)")
      .run(info.model, info.dimensions, LAYOUT);
    inserts = undefined;
    for (const row of floats)
      insertVector(
        row.workspaceId,
        row.chunkId,
        new Float32Array(row.embedding.buffer, row.embedding.byteOffset, row.embedding.byteLength / 4),
      );
  })();
}

/** Drops every vector (before a re-index with another model). */
export function dropVectorIndex() {
  inserts = undefined;
  sqlite().exec(`
    DROP TRIGGER IF EXISTS chunk_vectors_delete;
    DROP TABLE IF EXISTS chunk_vectors;
    DROP TABLE IF EXISTS chunk_embeddings;
    DROP TABLE IF EXISTS vector_cells;
    DROP TABLE IF EXISTS vector_cell_plans;
    DROP TABLE IF EXISTS vector_index_info;
  `);
}

let inserts:
  | {
      database: Database.Database;
      bits: Database.Statement;
      floats: Database.Statement;
      nearest: Database.Statement;
      removeBits: Database.Statement;
    }
  | undefined;

function statements() {
  const database = sqlite();
  if (inserts?.database !== database)
    inserts = {
      database,
      bits: database.prepare("INSERT INTO chunk_vectors (rowid, workspace_id, cell, embedding) VALUES (?, ?, ?, vec_quantize_binary(?))"),
      floats: database.prepare("INSERT OR REPLACE INTO chunk_embeddings (chunk_id, workspace_id, cell, embedding) VALUES (?, ?, ?, ?)"),
      nearest: database.prepare("SELECT cell FROM vector_cells WHERE workspace_id = ? ORDER BY vec_distance_cosine(centroid, ?) LIMIT ?"),
      removeBits: database.prepare("DELETE FROM chunk_vectors WHERE rowid = ?"),
    };
  return inserts;
}

const asBlob = (vector: Float32Array) => Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);

function insertVector(workspaceId: string, chunkId: number, vector: Float32Array, cell?: number) {
  const s = statements();
  const placed = cell ?? (s.nearest.get(workspaceId, vector, 1) as { cell: number } | undefined)?.cell ?? 0;
  // vec0 takes its rowid and integer keys only as integers, which a JS number is not to SQLite.
  s.bits.run(BigInt(chunkId), workspaceId, BigInt(placed), vector);
  s.floats.run(chunkId, workspaceId, placed, asBlob(vector));
}

/** Stores chunks' vectors (synchronous: call it inside the transaction that stores the chunks). */
export function addChunkVectors(workspaceId: string, rows: { chunkId: number; vector: Float32Array }[]) {
  for (const { chunkId, vector } of rows) insertVector(workspaceId, chunkId, vector);
}

const similarity = (cosineDistance: number) => 1 - cosineDistance;

/**
 * The chunks nearest to `query` in one workspace, best first. With
 * `scope` (a SQL subquery of chunk ids, e.g. the chosen documents'), small
 * scopes are scored exactly and large ones filtered after the scan.
 */
export function searchVectors(
  workspaceId: string,
  query: Float32Array,
  options: { limit: number; scope?: { sql: string; params: unknown[]; size: number } },
): VectorHit[] {
  const database = sqlite();
  if (!readInfo(database)) return [];
  const { limit, scope } = options;

  if (scope && scope.size <= EXACT_SCAN_LIMIT) {
    const rows = database
      .prepare(
        `SELECT chunk_id AS chunkId, vec_distance_cosine(embedding, ?) AS distance
           FROM chunk_embeddings WHERE chunk_id IN (${scope.sql}) ORDER BY distance LIMIT ?`,
      )
      .all(query, ...scope.params, limit) as { chunkId: number; distance: number }[];
    return rows.map((r) => ({ chunkId: r.chunkId, similarity: similarity(r.distance) }));
  }

  // The cells nearest the question, and cell 0 (vectors not placed in a cell yet).
  const cells = [0, ...(statements().nearest.all(workspaceId, query, PROBED_CELLS) as { cell: number }[]).map((c) => c.cell)];
  const perCell = Math.max(CANDIDATES_PER_CELL, limit) * (scope ? 10 : 1);
  // vec0 answers k candidates from each partition named in the IN list.
  const candidates = database
    .prepare(
      `SELECT rowid AS chunkId, distance FROM chunk_vectors
        WHERE embedding MATCH vec_quantize_binary(?) AND k = ? AND workspace_id = ? AND cell IN (${cells.map(() => "?").join(",")})`,
    )
    .all(query, perCell, workspaceId, ...cells.map(BigInt)) as { chunkId: number; distance: number }[];
  candidates.sort((a, b) => a.distance - b.distance);
  const best = candidates.slice(0, Math.max(RESCORE_CANDIDATES, limit) * (scope ? 10 : 1)).map((c) => Number(c.chunkId));
  const rows = database
    .prepare(
      `SELECT chunk_id AS chunkId, vec_distance_cosine(embedding, ?) AS distance
         FROM chunk_embeddings
        WHERE chunk_id IN (SELECT value FROM json_each(?)) ${scope ? `AND chunk_id IN (${scope.sql})` : ""}
        ORDER BY distance LIMIT ?`,
    )
    .all(query, JSON.stringify(best), ...(scope?.params ?? []), limit) as { chunkId: number; distance: number }[];
  return rows.map((r) => ({ chunkId: r.chunkId, similarity: similarity(r.distance) }));
}

/** Whether a workspace has grown enough to get (new) cells. */
export function cellsDue(workspaceId: string, fromVectors = CELLS_FROM_VECTORS): boolean {
  const database = sqlite();
  if (!readInfo(database)) return false;
  const vectors = (database.prepare("SELECT count(*) AS n FROM chunk_embeddings WHERE workspace_id = ?").get(workspaceId) as { n: number })
    .n;
  const plan = database.prepare("SELECT vectors FROM vector_cell_plans WHERE workspace_id = ?").get(workspaceId) as
    { vectors: number } | undefined;
  return vectors >= fromVectors && (!plan || vectors >= 2 * plan.vectors);
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Sample size per cell and rounds of k-means (Lloyd) refinement of the centroids. */
const SAMPLE_PER_CELL = 40;
const TRAINING_ROUNDS = 6;

/**
 * Centroids by k-means on a sample of the workspace's vectors (spherical:
 * each centroid is the normalised mean of its members). Nearest-centroid
 * lookups run in sqlite-vec against a scratch table; the work yields to other
 * requests every few hundred vectors.
 */
async function trainCentroids(database: Database.Database, workspaceId: string, cellCount: number, cancelled?: () => boolean) {
  const sample = (
    database
      .prepare("SELECT embedding FROM chunk_embeddings WHERE workspace_id = ? ORDER BY random() LIMIT ?")
      .all(workspaceId, cellCount * SAMPLE_PER_CELL) as { embedding: Buffer }[]
  ).map(
    (row) => new Float32Array(row.embedding.buffer.slice(row.embedding.byteOffset, row.embedding.byteOffset + row.embedding.byteLength)),
  );
  if (sample.length < cellCount) return undefined;
  const dimensions = sample[0]!.length;
  let centroids = sample.slice(0, cellCount).map((v) => Float32Array.from(v));
  database.exec("CREATE TEMP TABLE IF NOT EXISTS cell_draft (cell INTEGER PRIMARY KEY, centroid BLOB NOT NULL)");
  const nearest = database.prepare("SELECT cell FROM temp.cell_draft ORDER BY vec_distance_cosine(centroid, ?) LIMIT 1");
  try {
    for (let round = 0; round < TRAINING_ROUNDS; round++) {
      database.transaction(() => {
        database.exec("DELETE FROM temp.cell_draft");
        const insert = database.prepare("INSERT INTO temp.cell_draft (cell, centroid) VALUES (?, ?)");
        centroids.forEach((c, i) => insert.run(i, asBlob(c)));
      })();
      const sums = centroids.map(() => new Float32Array(dimensions));
      const counts = new Array<number>(cellCount).fill(0);
      for (let i = 0; i < sample.length; i++) {
        const vector = sample[i]!;
        const cell = (nearest.get(vector) as { cell: number }).cell;
        const sum = sums[cell]!;
        for (let d = 0; d < dimensions; d++) sum[d]! += vector[d]!;
        counts[cell]!++;
        // Each lookup takes ~0.5 ms at 250 cells × 1536-d: yield every 50 so requests wait ≤ ~25 ms.
        if (i % 50 === 49) {
          await nextTurn();
          if (cancelled?.()) return undefined;
        }
      }
      centroids = sums.map((sum, i) => {
        if (counts[i] === 0) return centroids[i]!;
        const norm = Math.hypot(...sum) || 1;
        return sum.map((x) => x / norm);
      });
    }
    return centroids;
  } finally {
    database.exec("DROP TABLE IF EXISTS temp.cell_draft");
  }
}

/**
 * Partitions a workspace's vectors into cells around centroids trained on a
 * sample of them (k-means), moving vectors over in small transactions of 50 (other work runs between
 * them). Vectors added meanwhile are placed by the centroids of the moment
 * and moved too before the old centroids go.
 */
export async function partitionIntoCells(workspaceId: string, options: { vectorsPerCell?: number; cancelled?: () => boolean } = {}) {
  const database = sqlite();
  const vectors = (database.prepare("SELECT count(*) AS n FROM chunk_embeddings WHERE workspace_id = ?").get(workspaceId) as { n: number })
    .n;
  const cellCount = Math.max(2, Math.min(4096, Math.round(vectors / (options.vectorsPerCell ?? VECTORS_PER_CELL))));
  // After every generation so far, including one an interrupted run left half-made.
  const highest =
    (database.prepare("SELECT max(cell) AS cell FROM vector_cells WHERE workspace_id = ?").get(workspaceId) as { cell: number | null })
      .cell ?? 0;
  const plan = database.prepare("SELECT generation FROM vector_cell_plans WHERE workspace_id = ?").get(workspaceId) as
    { generation: number } | undefined;
  const generation = Math.max(plan?.generation ?? 0, Math.floor(highest / GENERATION_SPAN)) + 1;
  const first = generation * GENERATION_SPAN;

  const centroids = await trainCentroids(database, workspaceId, cellCount, options.cancelled);
  if (!centroids) return { cells: 0, moved: false };
  database.transaction(() => {
    const insert = database.prepare("INSERT INTO vector_cells (workspace_id, cell, centroid) VALUES (?, ?, ?)");
    centroids.forEach((centroid, i) => insert.run(workspaceId, BigInt(first + i), asBlob(centroid)));
  })();

  const nearestNew = database.prepare(
    "SELECT cell FROM vector_cells WHERE workspace_id = ? AND cell >= ? ORDER BY vec_distance_cosine(centroid, ?) LIMIT 1",
  );
  // Small transactions: each move looks up a nearest centroid, and the event loop waits meanwhile.
  const pending = database.prepare(
    "SELECT chunk_id AS chunkId, embedding FROM chunk_embeddings WHERE workspace_id = ? AND cell < ? LIMIT 50",
  );
  for (;;) {
    if (options.cancelled?.()) return { cells: 0, moved: false };
    const finished = database.transaction(() => {
      const batch = pending.all(workspaceId, first) as { chunkId: number; embedding: Buffer }[];
      if (batch.length === 0) {
        // Nothing left in older cells: their centroids go, in the same transaction as this check.
        database.prepare("DELETE FROM vector_cells WHERE workspace_id = ? AND cell < ?").run(workspaceId, BigInt(first));
        database
          .prepare(
            "INSERT INTO vector_cell_plans (workspace_id, generation, vectors) VALUES (?, ?, ?) ON CONFLICT (workspace_id) DO UPDATE SET generation = excluded.generation, vectors = excluded.vectors",
          )
          .run(workspaceId, generation, vectors);
        return true;
      }
      const s = statements();
      for (const row of batch) {
        const vector = new Float32Array(row.embedding.buffer, row.embedding.byteOffset, row.embedding.byteLength / 4);
        const cell = (nearestNew.get(workspaceId, BigInt(first), vector) as { cell: number }).cell;
        s.removeBits.run(BigInt(row.chunkId));
        insertVector(workspaceId, row.chunkId, vector, cell);
      }
      return false;
    })();
    if (finished) return { cells: cellCount, moved: true };
    await nextTurn();
  }
}
