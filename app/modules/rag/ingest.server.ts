// The ingestion job: original → text and chunks (in worker threads) → embeddings
// → chunks, FTS5 rows and vectors stored in short transactions. The worker
// hands it up to INGEST_BATCH_DOCUMENTS queued documents of one workspace at a
// time, and it pipelines them (ADR 0009):
// - the next documents are extracted and chunked in the worker pool while
//   this thread stores the current one;
// - chunks of all those documents share embedding calls of EMBEDDING_BATCH,
//   so small documents do not each cost a call;
// - storing runs in transactions of STORE_SLICE chunks with a pause between
//   them, so streams on this thread stay smooth.
// Progress is stored with each transaction, so a restart resumes after the
// last stored chunk (chunking is deterministic). Network calls (embeddings)
// happen between transactions, never inside one.
import { count, eq } from "drizzle-orm";
import { chunks, documents, documentTexts } from "#db/schema";
import { chunkDocumentInSlices, type Chunk } from "~/modules/documents/chunk.server";
import { EmbeddingError, embeddingProviderFromEnv, type EmbeddingProvider } from "~/modules/documents/embeddings.server";
import { extractDocument, type ExtractedDocument, type ExtractionResult } from "~/modules/documents/extract.server";
import { db, transaction } from "~/modules/db/database.server";
import {
  DEFERRED,
  enqueueJob,
  PermanentJobError,
  registerBatchJobHandler,
  registerJobHandler,
  type BatchOutcome,
  type Job,
} from "~/modules/jobs/jobs.server";
import { chunkQuotaRefusal, documentOriginal, INGEST_JOB } from "./documents.server";
import { addChunkVectors, cellsDue, ensureVectorIndex, partitionIntoCells } from "./vector-index.server";

/** Re-partitions a workspace's vectors into cells as it grows (see vector-index.server). */
export const PARTITION_JOB = "partition-vectors";

/** Chunks per embedding call, across the documents of a batch (the bench checks calls ≤ chunks / 256 + 1). */
export const EMBEDDING_BATCH = 256;
/**
 * Chunks per store transaction (rows, full-text index, vectors): a few ms of
 * this thread at a time. 64 held open streams back by up to ~100 ms while a
 * 300-page PDF was stored (`npm run bench -- stream`); 16 halves that and costs
 * little throughput (`-- ingest`).
 */
const STORE_SLICE = 16;
/** Documents of one workspace taken in one turn of the job worker. */
export const INGEST_BATCH_DOCUMENTS = 16;
/** A turn's length: documents not started by then wait for their workspace's next turn. */
const TURN_MS = 10_000;
/** Extractions running at once (each in its own worker thread), and how far ahead of storing they may run. */
const EXTRACTION_WORKERS = 2;
const EXTRACT_AHEAD = 4;

type Item = { documentId: string; cancelled: () => boolean };
/** A document in flight: how many of its chunks there are, and how many are stored. */
type InFlight = Item & { workspaceId: string; total: number; stored: number };
type Pending = { document: InFlight; chunk: Chunk };

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

const pause = () => new Promise((resolve) => setImmediate(resolve));

async function extractStored(documentId: string): Promise<ExtractionResult & { workspaceId?: string }> {
  let original;
  try {
    original = documentOriginal(documentId);
  } catch {
    throw new PermanentJobError("The document or its file no longer exists");
  }
  const { document, bytes } = original;
  const hint = { filename: document.filename, contentType: document.contentType ?? undefined };
  return { ...(await extractDocument(bytes, { hint, chunk: true })), workspaceId: document.workspaceId };
}

/** One document on its own (as a batch of one); throws what its job would record. */
export async function ingestDocument(
  documentId: string,
  control: { cancelled: () => boolean } = { cancelled: () => false },
  provider: EmbeddingProvider = embeddingProviderFromEnv(),
) {
  const [outcome] = await ingestDocuments([{ documentId, cancelled: control.cancelled }], provider);
  if (outcome && outcome !== DEFERRED) throw outcome.error;
}

/**
 * Ingests documents of one workspace together; answers each one's outcome in
 * order. A document that cannot be read, or would pass the plan's chunk
 * quota, ends `failed` with the reason (its job is done: retrying cannot help).
 */
export async function ingestDocuments(items: Item[], provider: EmbeddingProvider): Promise<BatchOutcome[]> {
  const started = performance.now();
  const outcomes: BatchOutcome[] = items.map(() => undefined);
  type Extracted = (ExtractionResult & { workspaceId?: string }) | { thrown: unknown };
  const extractions: Promise<Extracted>[] = [];
  // EXTRACTION_WORKERS chains: each extraction starts when the one before it in its chain ends.
  // Settled at once: a failure is read when its document's turn comes, never left unhandled.
  const extract = (i: number): Promise<Extracted> =>
    (extractions[i] ??= (i >= EXTRACTION_WORKERS ? extract(i - EXTRACTION_WORKERS) : Promise.resolve())
      .then(() => extractStored(items[i]!.documentId))
      .catch((thrown: unknown) => ({ thrown })));
  const inFlight: InFlight[] = [];
  const pending: Pending[] = [];
  let indexReady = false;
  let reached = 0;

  const flush = async (limit: number) => {
    const batch = withoutCancelled(pending.splice(0, limit));
    if (batch.length === 0) return;
    let vectors: Float32Array[] = [];
    if (provider.dimensions > 0) {
      try {
        vectors = await provider.embed(batch.map((p) => p.chunk.text));
      } catch (error) {
        if (error instanceof EmbeddingError && !error.retryable) throw new PermanentJobError(error.message);
        throw error;
      }
    }
    for (let from = 0; from < batch.length; from += STORE_SLICE) {
      storeSlice(batch.slice(from, from + STORE_SLICE), vectors.slice(from, from + STORE_SLICE));
      await pause();
    }
    for (const document of new Set(batch.map((p) => p.document))) finishIfStored(document);
  };

  try {
    for (; reached < items.length; reached++) {
      const i = reached;
      const item = items[i]!;
      if (i > 0 && performance.now() - started > TURN_MS) {
        // Out of turn: the rest waits, and other workspaces go first.
        for (let j = i; j < items.length; j++) outcomes[j] = DEFERRED;
        break;
      }
      for (let ahead = i; ahead < Math.min(items.length, i + 1 + EXTRACT_AHEAD); ahead++) void extract(ahead);
      const extracted = await extract(i);
      if (item.cancelled()) continue;
      if ("thrown" in extracted) {
        outcomes[i] = { error: extracted.thrown };
        continue;
      }
      if (!extracted.ok) {
        markDocument(item.documentId, { status: "failed", error: extracted.reason });
        continue;
      }
      // Chunked in the extraction worker; here only if a worker could not (the same chunks, in slices).
      const pieces = extracted.chunks ?? (await chunkDocumentInSlices(extracted.document));
      if (item.cancelled()) continue;
      if (pieces.length === 0) {
        markDocument(item.documentId, { status: "failed", error: "No text could be read from this file." });
        continue;
      }
      if (!indexReady) prepareVectorIndex(provider);
      indexReady = true;
      const document = startDocument(item, extracted.workspaceId!, extracted.document, pieces.length);
      if (!document) continue;
      inFlight.push(document);
      for (const chunk of pieces.slice(document.stored)) pending.push({ document, chunk });
      finishIfStored(document);
      while (pending.length >= EMBEDDING_BATCH) await flush(EMBEDDING_BATCH);
    }
    while (pending.length) await flush(EMBEDDING_BATCH);
  } catch (error) {
    // What is not stored yet is retried, later (a retry resumes after the stored chunks).
    items.forEach((item, i) => {
      const document = inFlight.find((d) => d.documentId === item.documentId);
      if (document ? document.stored < document.total : i >= reached) outcomes[i] = { error };
    });
  }
  return outcomes;
}

/**
 * Records a document's text and chunk total, after the plan's chunk quota
 * allows them; undefined when it does not (the document then failed, with
 * nothing of it stored: a partial index would answer from half a document).
 */
function startDocument(item: Item, workspaceId: string, extracted: ExtractedDocument, chunkCount: number): InFlight | undefined {
  return transaction(() => {
    const refusal = chunkQuotaRefusal(workspaceId, item.documentId, chunkCount);
    if (refusal) {
      db().delete(chunks).where(eq(chunks.documentId, item.documentId)).run();
      markDocument(item.documentId, { status: "failed", error: refusal, chunksDone: 0, chunksTotal: 0 });
      return undefined;
    }
    db()
      .insert(documentTexts)
      .values({ documentId: item.documentId, text: extracted.text })
      .onConflictDoUpdate({ target: documentTexts.documentId, set: { text: extracted.text } })
      .run();
    // Resume after what a previous run stored.
    const stored = db().select({ n: count() }).from(chunks).where(eq(chunks.documentId, item.documentId)).get()?.n ?? 0;
    markDocument(item.documentId, {
      type: extracted.type,
      pageCount: extracted.pageCount ?? null,
      chunksTotal: chunkCount,
      chunksDone: stored,
    });
    return { ...item, workspaceId, total: chunkCount, stored };
  });
}

function storeSlice(slice: Pending[], vectors: Float32Array[]) {
  transaction(() => {
    // Checked inside the transaction: a reprocess or delete may have started over meanwhile.
    const kept = withoutCancelled(slice.map((p, i) => ({ ...p, vector: vectors[i] })));
    const byDocument = Map.groupBy(kept, (p) => p.document);
    for (const [document, rows] of byDocument) {
      storeChunks(
        document.workspaceId,
        document.documentId,
        rows.map((r) => r.chunk),
        rows.flatMap((r) => (r.vector ? [r.vector] : [])),
      );
      document.stored += rows.length;
      markDocument(document.documentId, { chunksDone: document.stored });
    }
  });
}

// Whether a document was cancelled is a query: asked once per document of a batch, not once per chunk
// (a batch of 256 chunks held the thread for milliseconds asking the same question).
function withoutCancelled<T extends { document: InFlight }>(rows: T[]): T[] {
  const cancelled = new Set([...new Set(rows.map((row) => row.document))].filter((document) => document.cancelled()));
  return cancelled.size ? rows.filter((row) => !cancelled.has(row.document)) : rows;
}

function finishIfStored(document: InFlight) {
  if (document.stored < document.total || document.cancelled()) return;
  markDocument(document.documentId, { status: "ready", error: null });
  if (cellsDue(document.workspaceId)) enqueueJob(PARTITION_JOB, document.workspaceId, {}, { lane: document.workspaceId });
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

/** The job handler: a document whose failure will not be retried is left failed with its reason. */
async function runIngestJobs(jobs: Job[], control: { cancelled: (job: Job) => boolean }): Promise<BatchOutcome[]> {
  const items = jobs.map((job) => ({ documentId: job.key, cancelled: () => control.cancelled(job) }));
  let outcomes: BatchOutcome[];
  try {
    outcomes = await ingestDocuments(items, embeddingProviderFromEnv());
  } catch (error) {
    // No provider (a configuration error): every document waits for a fixed configuration.
    outcomes = jobs.map(() => ({
      error: error instanceof EmbeddingError && !error.retryable ? new PermanentJobError(error.message) : error,
    }));
  }
  jobs.forEach((job, i) => {
    const outcome = outcomes[i];
    if (!outcome || outcome === DEFERRED) return;
    const lastTry = outcome.error instanceof PermanentJobError || job.attempts >= job.maxAttempts;
    const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
    if (lastTry && !control.cancelled(job)) markDocument(job.key, { status: "failed", error: message });
  });
  return outcomes;
}

export function registerIngestion() {
  registerBatchJobHandler(INGEST_JOB, INGEST_BATCH_DOCUMENTS, runIngestJobs);
  registerJobHandler(PARTITION_JOB, async (job, control) => {
    await partitionIntoCells(job.key, { cancelled: control.cancelled });
  });
}
