// The vector index of chunks. Each chunk's embedding is kept twice: as bits
// (sign of each dimension) in a vec0 table partitioned by workspace, scanned
// fast by Hamming distance, and as float32 in a plain table, used to re-score
// the best candidates exactly. Its tables depend on the embedding dimension,
// which is configuration, so they are made here rather than by a migration;
// `npm run reindex` drops and rebuilds them when the model changes.
import type Database from "better-sqlite3";
import { db } from "~/modules/db/database.server";

/** Candidates taken from the bit scan for exact re-scoring (measured recall@10 ≈ 0.995 at 100k). */
const RESCORE_CANDIDATES = 100;
/** Below this many chunks, a scoped search (chosen documents) scores every float vector exactly. */
const EXACT_SCAN_LIMIT = 20_000;

export type VectorIndexInfo = { model: string; dimensions: number };
export type VectorHit = { chunkId: number; similarity: number };

const sqlite = () => db().$client;

function readInfo(database: Database.Database): VectorIndexInfo | undefined {
  const exists = database.prepare("SELECT 1 FROM sqlite_master WHERE name = 'vector_index_info'").get();
  if (!exists) return undefined;
  const row = database.prepare("SELECT model, dimensions FROM vector_index_info WHERE id = 1").get() as VectorIndexInfo | undefined;
  return row;
}

/** The model and dimension the stored vectors were made with, if any. */
export function vectorIndexInfo(): VectorIndexInfo | undefined {
  return readInfo(sqlite());
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
    return;
  }
  if (!Number.isInteger(info.dimensions) || info.dimensions <= 0 || info.dimensions % 8 !== 0)
    throw new Error(`Embedding dimensions must be a positive multiple of 8, got ${info.dimensions}`);
  database.exec(`
    CREATE TABLE vector_index_info (id INTEGER PRIMARY KEY CHECK (id = 1), model TEXT NOT NULL, dimensions INTEGER NOT NULL);
    CREATE TABLE chunk_embeddings (
      chunk_id INTEGER PRIMARY KEY REFERENCES chunks(id) ON DELETE CASCADE,
      embedding BLOB NOT NULL
    );
    CREATE VIRTUAL TABLE chunk_vectors USING vec0(workspace_id TEXT PARTITION KEY, embedding BIT[${info.dimensions}]);
    -- A deleted chunk takes its vectors along (its float copy goes by foreign key).
    CREATE TRIGGER chunk_vectors_delete AFTER DELETE ON chunks BEGIN
      DELETE FROM chunk_vectors WHERE rowid = old.id;
    END;
  `);
  database.prepare("INSERT INTO vector_index_info (id, model, dimensions) VALUES (1, ?, ?)").run(info.model, info.dimensions);
}

/** Drops every vector (before a re-index with another model). */
export function dropVectorIndex() {
  inserts = undefined;
  sqlite().exec(`
    DROP TRIGGER IF EXISTS chunk_vectors_delete;
    DROP TABLE IF EXISTS chunk_vectors;
    DROP TABLE IF EXISTS chunk_embeddings;
    DROP TABLE IF EXISTS vector_index_info;
  `);
}

/** Stores chunks' vectors (synchronous: call it inside the transaction that stores the chunks). */
let inserts: { database: Database.Database; bits: Database.Statement; floats: Database.Statement } | undefined;

export function addChunkVectors(workspaceId: string, rows: { chunkId: number; vector: Float32Array }[]) {
  const database = sqlite();
  if (inserts?.database !== database)
    inserts = {
      database,
      bits: database.prepare("INSERT INTO chunk_vectors (rowid, workspace_id, embedding) VALUES (?, ?, vec_quantize_binary(?))"),
      floats: database.prepare("INSERT INTO chunk_embeddings (chunk_id, embedding) VALUES (?, ?)"),
    };
  const { bits, floats } = inserts;
  for (const { chunkId, vector } of rows) {
    // vec0 takes its rowid only as an integer, which a JS number is not to SQLite.
    bits.run(BigInt(chunkId), workspaceId, vector);
    floats.run(chunkId, Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength));
  }
}

const similarity = (cosineDistance: number) => 1 - cosineDistance;

/**
 * The chunks nearest to `query` in one workspace, best first. With
 * `chunkScope` (a SQL subquery of chunk ids, e.g. the chosen documents'),
 * small scopes are scored exactly and large ones filtered after the scan.
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

  // A large scope: scan more candidates, then keep those in scope.
  const candidates = scope ? Math.max(RESCORE_CANDIDATES, limit) * 10 : Math.max(RESCORE_CANDIDATES, limit);
  const rows = database
    .prepare(
      `WITH candidates AS (
         SELECT rowid AS chunk_id FROM chunk_vectors
          WHERE embedding MATCH vec_quantize_binary(?) AND k = ? AND workspace_id = ?
       )
       SELECT e.chunk_id AS chunkId, vec_distance_cosine(e.embedding, ?) AS distance
         FROM candidates c JOIN chunk_embeddings e ON e.chunk_id = c.chunk_id
        ${scope ? `WHERE e.chunk_id IN (${scope.sql})` : ""}
        ORDER BY distance LIMIT ?`,
    )
    .all(query, candidates, workspaceId, query, ...(scope?.params ?? []), limit) as { chunkId: number; distance: number }[];
  return rows.map((r) => ({ chunkId: r.chunkId, similarity: similarity(r.distance) }));
}
