// A workspace's documents: originals kept in SQLite (so LiteFS replicates and
// backs them up), their extracted text, chunks and processing state. Reading
// files is the documents library's job (modules/documents); this module keeps
// the records and queues the ingestion job.
import { createHash } from "node:crypto";
import { and, asc, count, desc, eq, ne, sql } from "drizzle-orm";
import { chunks, documentFiles, documents, documentTexts, type Document } from "#db/schema";
import { DOCUMENT_MIME_TYPES, DOCUMENT_TYPE_LABELS, MAX_DOCUMENT_BYTES, type DocumentType } from "~/modules/documents/limits";
import { fetchPublicDocument } from "~/modules/documents/safe-fetch.server";
import { sniffDocumentType } from "~/modules/documents/sniff.server";
import { workspacePlan } from "~/modules/billing/credits.server";
import { PLANS, type PlanInfo } from "~/modules/billing/plans";
import { db, transaction } from "~/modules/db/database.server";
import { HttpError, badRequest, forbidden, notFound } from "~/modules/http/errors";
import { cancelJobs, enqueueJob, latestJob } from "~/modules/jobs/jobs.server";
import { isMember, type Membership } from "~/modules/workspaces/workspaces.server";
import { canManageContent } from "~/modules/workspaces/permissions";

export const INGEST_JOB = "ingest-document";

export type DocumentView = {
  id: string;
  workspaceId: string;
  filename: string;
  title: string;
  type: string | null;
  typeLabel: string | null;
  contentType: string | null;
  sizeBytes: number | null;
  sourceUrl: string | null;
  status: Document["status"];
  error: string | null;
  pageCount: number | null;
  progress: { chunksDone: number; chunksTotal: number };
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export const toDocumentView = (d: Document): DocumentView => ({
  id: d.id,
  workspaceId: d.workspaceId,
  filename: d.filename,
  title: d.title,
  type: d.type,
  typeLabel: d.type ? (DOCUMENT_TYPE_LABELS[d.type as DocumentType] ?? d.type) : null,
  contentType: d.contentType,
  sizeBytes: d.sizeBytes,
  sourceUrl: d.sourceUrl,
  status: d.status,
  error: d.error,
  pageCount: d.pageCount,
  progress: { chunksDone: d.chunksDone, chunksTotal: d.chunksTotal },
  createdBy: d.createdBy,
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
});

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** A clean display name: no path, no control characters, at most 200 characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .slice(0, 200);
  return clean || "document";
}

const titleOf = (filename: string) => filename.replace(/\.[a-z0-9]{1,5}$/i, "") || filename;

// ---- quotas ---------------------------------------------------------------

const formatCount = (n: number) => n.toLocaleString("en-US");
const upgradeHint = (plan: PlanInfo, what: "maxDocuments" | "maxChunks") =>
  plan.id === "free" ? `, or upgrade to ${PLANS.pro.label} (${formatCount(PLANS.pro[what])})` : "";

export function workspaceDocumentPlan(workspaceId: string): PlanInfo {
  return PLANS[workspacePlan(workspaceId).plan];
}

const chunksStored = (workspaceId: string) =>
  db().select({ n: count() }).from(chunks).where(eq(chunks.workspaceId, workspaceId)).get()?.n ?? 0;

/**
 * A new document needs room under the plan: a full workspace is a 409 naming
 * the limit and the plan, before anything is stored (ADR 0009).
 */
export function assertRoomForDocument(workspaceId: string) {
  const plan = workspaceDocumentPlan(workspaceId);
  const held = db().select({ n: count() }).from(documents).where(eq(documents.workspaceId, workspaceId)).get()?.n ?? 0;
  if (held >= plan.maxDocuments)
    throw new HttpError(
      409,
      `This workspace holds ${formatCount(held)} documents, the most the ${plan.label} plan allows (${formatCount(plan.maxDocuments)}). Delete documents to add more${upgradeHint(plan, "maxDocuments")}.`,
    );
  const used = chunksStored(workspaceId);
  if (used >= plan.maxChunks)
    throw new HttpError(
      409,
      `This workspace's documents fill the ${formatCount(plan.maxChunks)} search chunks the ${plan.label} plan allows. Delete documents to add more${upgradeHint(plan, "maxChunks")}.`,
    );
}

/**
 * Why a document of `chunkCount` chunks does not fit, or null when it does.
 * Counts the chunks stored by the workspace's other documents and those that
 * documents still being processed will store, so two documents ingested
 * together cannot both take the last room. Call inside the transaction that
 * records the document's chunk total.
 */
export function chunkQuotaRefusal(workspaceId: string, documentId: string, chunkCount: number): string | null {
  const plan = workspaceDocumentPlan(workspaceId);
  const stored =
    db()
      .select({ n: count() })
      .from(chunks)
      .where(and(eq(chunks.workspaceId, workspaceId), ne(chunks.documentId, documentId)))
      .get()?.n ?? 0;
  const reserved =
    db()
      .select({ n: sql<number>`coalesce(sum(max(${documents.chunksTotal} - ${documents.chunksDone}, 0)), 0)` })
      .from(documents)
      .where(and(eq(documents.workspaceId, workspaceId), eq(documents.status, "processing"), ne(documents.id, documentId)))
      .get()?.n ?? 0;
  const used = stored + reserved;
  if (used + chunkCount <= plan.maxChunks) return null;
  return `This document needs ${formatCount(chunkCount)} search chunks, but the workspace already uses ${formatCount(used)} of the ${formatCount(plan.maxChunks)} the ${plan.label} plan allows. Delete documents to make room${upgradeHint(plan, "maxChunks")}, then reprocess it.`;
}

/**
 * Checks an original before it is kept: size, and a type Cairn can read by its
 * content (a refusal is a 400 with the reason, as the upload spec says).
 */
export function checkOriginal(bytes: Uint8Array, hint: { filename?: string; contentType?: string }): DocumentType {
  if (bytes.length === 0) throw badRequest("The file is empty.");
  if (bytes.length > MAX_DOCUMENT_BYTES) throw badRequest(`The file is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB.`);
  const sniffed = sniffDocumentType(bytes, hint);
  if (!sniffed.ok) throw badRequest(sniffed.reason);
  return sniffed.type;
}

/**
 * Keeps an uploaded or fetched original and queues its ingestion. The same
 * bytes already in the workspace are recognised: that document is returned
 * (`duplicate: true`) instead of a second copy.
 */
export function addDocument(
  membership: Membership,
  input: { filename: string; contentType?: string; bytes: Uint8Array; sourceUrl?: string; title?: string },
): { document: DocumentView; duplicate: boolean } {
  const filename = cleanFilename(input.filename);
  const type = checkOriginal(input.bytes, { filename, contentType: input.contentType });
  const hash = sha256(input.bytes);
  return transaction((tx) => {
    const existing = tx
      .select()
      .from(documents)
      .where(and(eq(documents.workspaceId, membership.workspace.id), eq(documents.sha256, hash)))
      .get();
    if (existing) return { document: toDocumentView(existing), duplicate: true };
    assertRoomForDocument(membership.workspace.id);
    const document = tx
      .insert(documents)
      .values({
        workspaceId: membership.workspace.id,
        createdBy: membership.user.id,
        filename,
        title: input.title?.trim().slice(0, 200) || titleOf(filename),
        contentType: DOCUMENT_MIME_TYPES[type],
        type,
        sizeBytes: input.bytes.length,
        sha256: hash,
        sourceUrl: input.sourceUrl ?? null,
        status: "processing",
      })
      .returning()
      .get();
    tx.insert(documentFiles)
      .values({ documentId: document.id, bytes: Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength) })
      .run();
    enqueueJob(INGEST_JOB, document.id, {}, { lane: document.workspaceId });
    return { document: toDocumentView(document), duplicate: false };
  });
}

/** Step one of a two-step upload: the record, waiting for its bytes. */
export function createPendingDocument(
  membership: Membership,
  input: { filename: string; contentType?: string; sizeBytes?: number; title?: string },
): DocumentView {
  if (input.sizeBytes !== undefined && input.sizeBytes > MAX_DOCUMENT_BYTES)
    throw new HttpError(400, `The file is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB.`, [{ path: "size", message: "Too large" }]);
  assertRoomForDocument(membership.workspace.id);
  const filename = cleanFilename(input.filename);
  const document = db()
    .insert(documents)
    .values({
      workspaceId: membership.workspace.id,
      createdBy: membership.user.id,
      filename,
      title: input.title?.trim().slice(0, 200) || titleOf(filename),
      contentType: input.contentType ?? null,
      sizeBytes: input.sizeBytes ?? null,
      status: "awaiting_upload",
    })
    .returning()
    .get();
  return toDocumentView(document);
}

/** The bytes of a two-step upload arrive (through its signed URL); they replace any earlier attempt. */
export function storePendingUpload(documentId: string, bytes: Uint8Array) {
  const document = db().select().from(documents).where(eq(documents.id, documentId)).get();
  if (!document) throw notFound("Document not found");
  if (document.status !== "awaiting_upload") throw new HttpError(409, "This document already has its file");
  const type = checkOriginal(bytes, { filename: document.filename, contentType: document.contentType ?? undefined });
  transaction((tx) => {
    tx.delete(documentFiles).where(eq(documentFiles.documentId, documentId)).run();
    tx.insert(documentFiles)
      .values({ documentId, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })
      .run();
    tx.update(documents)
      .set({ type, contentType: DOCUMENT_MIME_TYPES[type], sizeBytes: bytes.length, sha256: sha256(bytes), updatedAt: new Date() })
      .where(eq(documents.id, documentId))
      .run();
  });
}

/** Step two: the file is there; processing starts. */
export function confirmUpload(document: Document): DocumentView {
  if (document.status !== "awaiting_upload") throw new HttpError(409, "This document was already confirmed");
  const hasFile = db().select({ id: documentFiles.documentId }).from(documentFiles).where(eq(documentFiles.documentId, document.id)).get();
  if (!hasFile) throw new HttpError(409, "Upload the file to its upload URL first");
  return startProcessing(document);
}

function startProcessing(document: Document): DocumentView {
  return transaction((tx) => {
    // Starting over: old chunks go (their FTS and vector rows follow by trigger).
    tx.delete(chunks).where(eq(chunks.documentId, document.id)).run();
    tx.delete(documentTexts).where(eq(documentTexts.documentId, document.id)).run();
    const updated = tx
      .update(documents)
      .set({ status: "processing", error: null, chunksDone: 0, chunksTotal: 0, updatedAt: new Date() })
      .where(eq(documents.id, document.id))
      .returning()
      .get();
    enqueueJob(INGEST_JOB, document.id, {}, { lane: document.workspaceId });
    return toDocumentView(updated);
  });
}

/** `reprocess` and POST /api/rag: start over cleanly (a job in flight is cancelled). */
export function reprocessDocument(document: Document): DocumentView {
  if (document.status === "awaiting_upload") throw new HttpError(409, "This document has no file yet");
  return startProcessing(document);
}

export function listDocuments(membership: Membership, options: { status?: Document["status"] } = {}): DocumentView[] {
  return db()
    .select()
    .from(documents)
    .where(and(eq(documents.workspaceId, membership.workspace.id), options.status ? eq(documents.status, options.status) : undefined))
    .orderBy(desc(documents.createdAt))
    .all()
    .map(toDocumentView);
}

/** A document of the caller's workspace; any other is "not found". */
export function requireDocument(membership: Membership, documentId: string): Document {
  const document = db()
    .select()
    .from(documents)
    .where(and(eq(documents.id, documentId), eq(documents.workspaceId, membership.workspace.id)))
    .get();
  if (!document) throw notFound("Document not found");
  return document;
}

/** POST /api/rag's rule: a document that exists in a workspace the caller is not in is a 403. */
/** A document of a workspace the person is in (403 for another's); `onlyWorkspaceId` (an API key's) hides all others. */
export function requireOwnDocument(
  userId: string,
  documentId: string,
  onlyWorkspaceId?: string,
): { document: Document; workspaceId: string } {
  const document = db().select().from(documents).where(eq(documents.id, documentId)).get();
  if (!document || (onlyWorkspaceId && document.workspaceId !== onlyWorkspaceId)) throw notFound("Document not found");
  if (!isMember(document.workspaceId, userId)) throw forbidden("This document does not belong to you");
  return { document, workspaceId: document.workspaceId };
}

/** Documents of the workspace among `ids` (each once); an id that is not one of them is a 422 naming it. */
export function assertDocumentsInWorkspace(workspaceId: string, ids: string[]): string[] {
  if (ids.length === 0) return [];
  const found = new Set(
    db()
      .select({ id: documents.id })
      .from(documents)
      .where(and(eq(documents.workspaceId, workspaceId), sql`${documents.id} in (select value from json_each(${JSON.stringify(ids)}))`))
      .all()
      .map((d) => d.id),
  );
  const missing = ids.map((id, i) => ({ id, i })).filter(({ id }) => !found.has(id));
  if (missing.length)
    throw new HttpError(
      422,
      "Unknown documents",
      missing.map(({ id, i }) => ({ path: `documentIds.${i}`, message: `No document ${id} in this workspace` })),
    );
  return [...found];
}

export function updateDocument(document: Document, changes: { title?: string; filename?: string }): DocumentView {
  return toDocumentView(
    db()
      .update(documents)
      .set({
        ...(changes.title ? { title: changes.title } : {}),
        ...(changes.filename ? { filename: cleanFilename(changes.filename) } : {}),
        updatedAt: new Date(),
      })
      .where(eq(documents.id, document.id))
      .returning()
      .get(),
  );
}

/** Deletes a document with its original, text, chunks, full-text and vector rows (its uploader, owners and admins). */
export function deleteDocument(membership: Membership, document: Document) {
  if (!canManageContent(membership.role, document.createdBy, membership.user.id))
    throw forbidden("Only the person who added this document or a workspace owner or admin can delete it");
  cancelJobs(INGEST_JOB, document.id);
  db().delete(documents).where(eq(documents.id, document.id)).run();
}

export function processingStatus(document: Document) {
  const job = latestJob(INGEST_JOB, document.id);
  const { chunksDone, chunksTotal } = document;
  return {
    documentId: document.id,
    status: document.status,
    error: document.error,
    progress: {
      chunksDone,
      chunksTotal,
      percent: chunksTotal ? Math.floor((100 * chunksDone) / chunksTotal) : document.status === "ready" ? 100 : 0,
    },
    attempts: job?.attempts ?? 0,
    lastError: job?.status === "queued" ? job.lastError : null,
    updatedAt: document.updatedAt.toISOString(),
  };
}

export type ChunkView = {
  id: number;
  ordinal: number;
  text: string;
  page: number | null;
  headingPath: string[];
  charStart: number;
  charEnd: number;
  tokenCount: number;
};

export function listDocumentChunks(document: Document, paging: { limit: number; offset: number }) {
  const rows = db()
    .select()
    .from(chunks)
    .where(eq(chunks.documentId, document.id))
    .orderBy(asc(chunks.ordinal))
    .limit(paging.limit)
    .offset(paging.offset)
    .all();
  const total = db().select({ n: count() }).from(chunks).where(eq(chunks.documentId, document.id)).get()?.n ?? 0;
  const view: ChunkView[] = rows.map((c) => ({
    id: c.id,
    ordinal: c.ordinal,
    text: c.text,
    page: c.page,
    headingPath: c.headingPath ? (JSON.parse(c.headingPath) as string[]) : [],
    charStart: c.charStart,
    charEnd: c.charEnd,
    tokenCount: c.tokenCount,
  }));
  return { chunks: view, total, ...paging };
}

/** The extracted text, once processing got that far. */
export function documentContent(document: Document): { documentId: string; text: string | null; status: Document["status"] } {
  const row = db().select({ text: documentTexts.text }).from(documentTexts).where(eq(documentTexts.documentId, document.id)).get();
  return { documentId: document.id, text: row?.text ?? null, status: document.status };
}

export function documentOriginal(documentId: string): { document: Document; bytes: Buffer } {
  const document = db().select().from(documents).where(eq(documents.id, documentId)).get();
  const file = db().select({ bytes: documentFiles.bytes }).from(documentFiles).where(eq(documentFiles.documentId, documentId)).get();
  if (!document || !file) throw notFound("Document not found");
  return { document, bytes: file.bytes };
}

/** A URL path segment as a file name: decoded, or as written when its % escapes are malformed ("100%.pdf"). */
function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** `from-url`: fetches a public page or file (never a private address) and keeps it like an upload. */
export async function addDocumentFromUrl(membership: Membership, input: { url: string; title?: string }, signal?: AbortSignal) {
  // A full workspace is told so before anything is fetched (and again when the file is kept).
  assertRoomForDocument(membership.workspace.id);
  const fetched = await fetchPublicDocument(input.url, { signal });
  if (!fetched.ok) throw new HttpError(422, fetched.reason, [{ path: "url", message: fetched.reason }]);
  const finalUrl = new URL(fetched.url);
  const lastSegment = decodedSegment(finalUrl.pathname.split("/").filter(Boolean).pop() ?? "");
  return addDocument(membership, {
    filename: lastSegment || finalUrl.hostname,
    contentType: fetched.contentType,
    bytes: fetched.bytes,
    sourceUrl: fetched.url,
    title: input.title,
  });
}
