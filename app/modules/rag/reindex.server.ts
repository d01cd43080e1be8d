// Re-embedding every chunk after the embedding model or its dimension changed
// (`npm run reindex`). Chunks and their text stay; only vectors are rebuilt.
// Until it finishes, searches use the vectors made so far plus BM25.
import type { EmbeddingProvider } from "~/modules/documents/embeddings.server";
import { db } from "~/modules/db/database.server";
import { EMBEDDING_BATCH } from "./ingest.server";
import { addChunkVectors, cellsDue, dropVectorIndex, ensureVectorIndex, partitionIntoCells } from "./vector-index.server";

export async function reindexAllChunks(provider: EmbeddingProvider, onProgress: (done: number, total: number) => void = () => {}) {
  const sqlite = db().$client;
  dropVectorIndex();
  if (provider.dimensions === 0) return { total: 0 };
  ensureVectorIndex({ model: provider.id, dimensions: provider.dimensions });
  const total = (sqlite.prepare("SELECT count(*) AS n FROM chunks").get() as { n: number }).n;
  const page = sqlite.prepare("SELECT id, workspace_id AS workspaceId, text FROM chunks WHERE id > ? ORDER BY id LIMIT ?");
  let lastId = 0;
  let done = 0;
  for (;;) {
    const batch = page.all(lastId, EMBEDDING_BATCH) as { id: number; workspaceId: string; text: string }[];
    if (batch.length === 0) break;
    const vectors = await provider.embed(batch.map((c) => c.text));
    sqlite.transaction(() => {
      batch.forEach((chunk, i) => addChunkVectors(chunk.workspaceId, [{ chunkId: chunk.id, vector: vectors[i]! }]));
    })();
    lastId = batch.at(-1)!.id;
    done += batch.length;
    onProgress(done, total);
  }
  // Large workspaces get their cells back.
  const workspaces = sqlite.prepare("SELECT DISTINCT workspace_id AS id FROM chunks").all() as { id: string }[];
  for (const { id } of workspaces) if (cellsDue(id)) await partitionIntoCells(id);
  return { total };
}
