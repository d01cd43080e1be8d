// An index made by the first layout (no cells) is rebuilt from its float
// vectors when the app starts using it: nothing needs re-embedding.
import { expect, it } from "vitest";
import { db } from "~/modules/db/database.server";
import { ensureVectorIndex, searchVectors, vectorIndexInfo } from "~/modules/rag/vector-index.server";

it("rebuilds a first-layout index in place and keeps every vector searchable", () => {
  const sqlite = db().$client;
  sqlite.prepare("INSERT INTO workspaces (id, name) VALUES ('w1', 'w1')").run();
  sqlite.prepare("INSERT INTO documents (id, workspace_id, filename, title, status) VALUES ('d1', 'w1', 'a.txt', 'a', 'ready')").run();
  // The first layout, as an earlier Cairn made it.
  sqlite.exec(`
    CREATE TABLE vector_index_info (id INTEGER PRIMARY KEY CHECK (id = 1), model TEXT NOT NULL, dimensions INTEGER NOT NULL);
    CREATE TABLE chunk_embeddings (chunk_id INTEGER PRIMARY KEY REFERENCES chunks(id) ON DELETE CASCADE, embedding BLOB NOT NULL);
    CREATE VIRTUAL TABLE chunk_vectors USING vec0(workspace_id TEXT PARTITION KEY, embedding BIT[16]);
    INSERT INTO vector_index_info VALUES (1, 'old-model', 16);
  `);
  const vectors = [new Float32Array(16).fill(0.25), Float32Array.from({ length: 16 }, (_, i) => (i % 2 ? 0.25 : -0.25))];
  const ids = vectors.map((vector, i) => {
    const id = Number(
      sqlite
        .prepare(
          "INSERT INTO chunks (document_id, workspace_id, ordinal, text, char_start, char_end, token_count) VALUES ('d1', 'w1', ?, 't', 0, 1, 1)",
        )
        .run(i).lastInsertRowid,
    );
    sqlite.prepare("INSERT INTO chunk_embeddings (chunk_id, embedding) VALUES (?, ?)").run(id, Buffer.from(vector.buffer));
    sqlite
      .prepare("INSERT INTO chunk_vectors (rowid, workspace_id, embedding) VALUES (?, 'w1', vec_quantize_binary(?))")
      .run(BigInt(id), vector);
    return id;
  });

  ensureVectorIndex({ model: "old-model", dimensions: 16 });

  expect(vectorIndexInfo()).toEqual({ model: "old-model", dimensions: 16 });
  expect(searchVectors("w1", vectors[1]!, { limit: 1 })[0]!.chunkId).toBe(ids[1]);
  expect(searchVectors("w1", vectors[0]!, { limit: 2 }).map((h) => h.chunkId)).toEqual(ids);
  // A different model is still refused, with the command that fixes it.
  expect(() => ensureVectorIndex({ model: "new-model", dimensions: 16 })).toThrow(/npm run reindex/);
});
