// The ingestion job: original → text (in a worker) → chunks → embeddings in
// batches → chunks, FTS5 rows and vectors stored in one transaction per
// batch. Progress is stored with each batch, so a restart resumes after the
// last stored batch (chunking is deterministic) and `processing-status`
// shows how far it got. Network calls (embeddings) happen between
// transactions, never inside one.
import { count, eq } from "drizzle-orm";
import { chunks, documents, documentTexts } from "#db/schema";
import { chunkDocumentInSlices, type Chunk } from "~/modules/documents/chunk.server";
import { EmbeddingError, embeddingProviderFromEnv, type EmbeddingProvider } from "~/modules/documents/embeddings.server";
import { extractDocument } from "~/modules/documents/extract.server";
import { db, transaction } from "~/modules/db/database.server";
import { enqueueJob, PermanentJobError, registerJobHandler, type Job } from "~/modules/jobs/jobs.server";
import { documentOriginal, INGEST_JOB } from "./documents.server";
import { addChunkVectors, cellsDue, ensureVectorIndex, partitionIntoCells } from "./vector-index.server";

/** Re-partitions a workspace's vectors into cells as it grows (see vector-index.server). */
export const PARTITION_JOB = "partition-vectors";

/** Chunks embedded per call and stored per transaction (the bench checks calls ≤ chunks / 256). */
export const EMBEDDING_BATCH = 256;

function markDocument(documentId: string, changes: Partial<typeof documents.$inferInsert>) {
  db()
    .update(documents)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(documents.id, documentId))
    .run();
}

/** Makes sure the vector index holds this provider's vectors; a model change needs a re-index first. */
export function prepareVectorIndex(provider: EmbeddingProvider) {
  if (provider.dimensions === 0) return;
  try {
    ensureVectorIndex({ model: provider.id, dimensions: provider.dimensions });
  } catch (error) {
    throw new PermanentJobError((error as Error).message);
  }
}

export async function ingestDocument(
  documentId: string,
  control: { cancelled: () => boolean } = { cancelled: () => false },
  provider: EmbeddingProvider = embeddingProviderFromEnv(),
) {
  let original;
  try {
    original = documentOriginal(documentId);
  } catch {
    throw new PermanentJobError("The document or its file no longer exists");
  }
  const { document, bytes } = original;

  const extracted = await extractDocument(bytes, { hint: { filename: document.filename, contentType: document.contentType ?? undefined } });
  if (control.cancelled()) return;
  if (!extracted.ok) {
    markDocument(documentId, { status: "failed", error: extracted.reason });
    return;
  }
  // Tokenizing a long document takes a while: in slices, so streams on this process stay smooth.
  const pieces = await chunkDocumentInSlices(extracted.document);
  if (control.cancelled()) return;
  if (pieces.length === 0) {
    markDocument(documentId, { status: "failed", error: "No text could be read from this file." });
    return;
  }
  prepareVectorIndex(provider);

  // Resume after what a previous run stored.
  const stored = transaction((tx) => {
    tx.insert(documentTexts)
      .values({ documentId, text: extracted.document.text })
      .onConflictDoUpdate({ target: documentTexts.documentId, set: { text: extracted.document.text } })
      .run();
    const done = tx.select({ n: count() }).from(chunks).where(eq(chunks.documentId, documentId)).get()?.n ?? 0;
    tx.update(documents)
      .set({
        type: extracted.document.type,
        pageCount: extracted.document.pageCount ?? null,
        chunksTotal: pieces.length,
        chunksDone: done,
        updatedAt: new Date(),
      })
      .where(eq(documents.id, documentId))
      .run();
    return done;
  });

  for (let from = stored; from < pieces.length; from += EMBEDDING_BATCH) {
    if (control.cancelled()) return;
    const batch = pieces.slice(from, from + EMBEDDING_BATCH);
    let vectors: Float32Array[] = [];
    if (provider.dimensions > 0) {
      try {
        vectors = await provider.embed(batch.map((c) => c.text));
      } catch (error) {
        if (error instanceof EmbeddingError && !error.retryable) throw new PermanentJobError(error.message);
        throw error;
      }
    }
    // Checked again inside the transaction: a reprocess may have started over meanwhile.
    const kept = transaction(() => {
      if (control.cancelled()) return false;
      storeChunks(document.workspaceId, documentId, batch, vectors);
      markDocument(documentId, { chunksDone: from + batch.length });
      return true;
    });
    if (!kept) return;
  }
  markDocument(documentId, { status: "ready", error: null });
  if (cellsDue(document.workspaceId)) enqueueJob(PARTITION_JOB, document.workspaceId);
}

function storeChunks(workspaceId: string, documentId: string, batch: Chunk[], vectors: Float32Array[]) {
  const rows = db()
    .insert(chunks)
    .values(
      batch.map((c) => ({
        documentId,
        workspaceId,
        ordinal: c.index,
        text: c.text,
        headingPath: c.headingPath.length ? JSON.stringify(c.headingPath) : null,
        page: c.page ?? null,
        charStart: c.start,
        charEnd: c.end,
        tokenCount: c.tokenCount,
      })),
    )
    .returning({ id: chunks.id })
    .all();
  if (vectors.length)
    addChunkVectors(
      workspaceId,
      rows.map((row, i) => ({ chunkId: row.id, vector: vectors[i]! })),
    );
}

/** The job handler: a failure that will not be retried leaves the document failed with its reason. */
async function runIngestJob(job: Job, control: { cancelled: () => boolean }) {
  try {
    await ingestDocument(job.key, control);
  } catch (error) {
    const lastTry = error instanceof PermanentJobError || job.attempts >= job.maxAttempts;
    const message = error instanceof Error ? error.message : String(error);
    if (lastTry && !control.cancelled()) markDocument(job.key, { status: "failed", error: message });
    throw error;
  }
}

export function registerIngestion() {
  registerJobHandler(INGEST_JOB, runIngestJob);
  registerJobHandler(PARTITION_JOB, async (job, control) => {
    await partitionIntoCells(job.key, { cancelled: control.cancelled });
  });
}
