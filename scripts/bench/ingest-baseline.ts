// The ingestion job as it was before ADR 0009 (commit e346613), kept as the
// bench's baseline so both are measured in the same run on the same machine:
// one document at a time, pdf.js for PDFs, one embedding call per 256 chunks
// of each document, one store transaction per 256 chunks.
import { count, eq } from "drizzle-orm";
import { chunks, documents, documentTexts } from "#db/schema";
import { db, transaction } from "~/modules/db/database.server";
import { chunkDocumentInSlices, type Chunk } from "~/modules/documents/chunk.server";
import type { EmbeddingProvider } from "~/modules/documents/embeddings.server";
import { extractDocument } from "~/modules/documents/extract.server";
import { documentOriginal } from "~/modules/rag/documents.server";
import { prepareVectorIndex } from "~/modules/rag/ingest.server";
import { addChunkVectors } from "~/modules/rag/vector-index.server";

const BATCH = 256;

const mark = (documentId: string, changes: Partial<typeof documents.$inferInsert>) =>
  db()
    .update(documents)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(documents.id, documentId))
    .run();

export async function ingestDocumentAsBefore(documentId: string, provider: EmbeddingProvider) {
  const { document, bytes } = documentOriginal(documentId);
  const hint = { filename: document.filename, contentType: document.contentType ?? undefined };
  const extracted = await extractDocument(bytes, { hint, pdfEngine: "pdfjs" });
  if (!extracted.ok) throw new Error(extracted.reason);
  const pieces = await chunkDocumentInSlices(extracted.document);
  prepareVectorIndex(provider);
  transaction((tx) => {
    tx.insert(documentTexts).values({ documentId, text: extracted.document.text }).run();
    const done = tx.select({ n: count() }).from(chunks).where(eq(chunks.documentId, documentId)).get()?.n ?? 0;
    tx.update(documents).set({ chunksTotal: pieces.length, chunksDone: done }).where(eq(documents.id, documentId)).run();
  });
  for (let from = 0; from < pieces.length; from += BATCH) {
    const batch = pieces.slice(from, from + BATCH);
    const vectors = await provider.embed(batch.map((c) => c.text));
    transaction(() => {
      store(document.workspaceId, documentId, batch, vectors);
      mark(documentId, { chunksDone: from + batch.length });
    });
  }
  mark(documentId, { status: "ready", error: null });
}

function store(workspaceId: string, documentId: string, batch: Chunk[], vectors: Float32Array[]) {
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
  addChunkVectors(
    workspaceId,
    rows.map((row, i) => ({ chunkId: row.id, vector: vectors[i]! })),
  );
}
