// Extracts a document's text, off the main thread and within limits: the
// bytes are sniffed and size-checked here, then parsed in a worker thread
// with a memory cap and a timeout. Every failure comes back as
// `{ ok: false, reason }` worded for the person who uploaded the file.
import { Worker } from "node:worker_threads";
import { EXTRACTION_LIMITS, MAX_DOCUMENT_BYTES, type DocumentType } from "./limits";
import { sniffDocumentType, type TypeHint } from "./sniff.server";
import { workerFile } from "./worker-file.server";
import { checkZipBomb, readZipDirectory, type ZipEntry } from "./zip-directory.server";

/** A heading or paragraph; `start`/`end` are offsets into the document's `text`. */
export type ExtractedBlock = {
  kind: "heading" | "paragraph";
  start: number;
  end: number;
  /** Heading level (1–6) and its text without markup, for headings. */
  level?: number;
  title?: string;
  /** 1-based page, for PDFs. */
  page?: number;
};

/** The extracted text: blocks joined by blank lines, and where each block lies in it. */
export type ExtractedDocument = {
  type: DocumentType;
  text: string;
  blocks: ExtractedBlock[];
  title?: string;
  pageCount?: number;
};

export type ExtractionResult = { ok: true; document: ExtractedDocument } | { ok: false; reason: string };

export type ExtractionOptions = {
  /** File name or content type: only chooses among text types the content allows. */
  hint?: TypeHint;
  signal?: AbortSignal;
  maxBytes?: number;
  timeoutMs?: number;
  memoryLimitMb?: number;
};

const BLOCK_SEPARATOR = "\n\n";

export async function extractDocument(bytes: Uint8Array, options: ExtractionOptions = {}): Promise<ExtractionResult> {
  const maxBytes = options.maxBytes ?? MAX_DOCUMENT_BYTES;
  if (bytes.length > maxBytes)
    return { ok: false, reason: `The file is too large (${megabytes(bytes.length)}; at most ${megabytes(maxBytes)}).` };
  const sniffed = sniffDocumentType(bytes, options.hint);
  if (!sniffed.ok) return sniffed;
  let zipEntries: ZipEntry[] | undefined;
  if (sniffed.type === "docx") {
    const directory = readZipDirectory(bytes);
    const bomb = directory.ok ? checkZipBomb(directory.entries) : directory.reason;
    if (bomb || !directory.ok) return { ok: false, reason: `The Word document was refused: ${bomb}.` };
    zipEntries = directory.entries;
  }
  const parsed = await runExtractionWorker({ type: sniffed.type, bytes, zipEntries }, options);
  if (!parsed.ok) return parsed;
  return { ok: true, document: assembleDocument(sniffed.type, parsed) };
}

/** A block as the worker sends it: its text rather than offsets. */
export type TextBlock = { kind: "heading" | "paragraph"; text: string; level?: number; title?: string; page?: number };
type WorkerResult = { ok: true; blocks: TextBlock[]; title?: string; pageCount?: number } | { ok: false; reason: string };

/** Joins blocks into a document's text (blank lines between them) and records where each lies. */
export function assembleDocument(
  type: DocumentType,
  parsed: { blocks: TextBlock[]; title?: string; pageCount?: number },
): ExtractedDocument {
  const blocks: ExtractedBlock[] = [];
  const parts: string[] = [];
  let at = 0;
  for (const { text, ...rest } of parsed.blocks) {
    if (parts.length) at += BLOCK_SEPARATOR.length;
    blocks.push({ ...rest, start: at, end: at + text.length });
    parts.push(text);
    at += text.length;
  }
  return {
    type,
    text: parts.join(BLOCK_SEPARATOR),
    blocks,
    ...(parsed.title ? { title: parsed.title } : {}),
    ...(parsed.pageCount ? { pageCount: parsed.pageCount } : {}),
  };
}

const WORKER_FILE = "extract.worker.mjs";
const MIN_MEMORY_LIMIT_MB = 16;

/** The extraction worker's script (see worker-file.server.ts for how it is found in each mode). */
export function extractionWorkerPath(): string {
  return workerFile(WORKER_FILE);
}

type WorkerInput = { type: DocumentType; bytes: Uint8Array; zipEntries?: ZipEntry[] };

function runExtractionWorker({ type, bytes, zipEntries }: WorkerInput, options: ExtractionOptions): Promise<WorkerResult> {
  const timeoutMs = options.timeoutMs ?? EXTRACTION_LIMITS.timeoutMs;
  // Below a few MB V8 cannot even create the worker's heap, and that aborts the whole process.
  const memoryLimitMb = Math.max(MIN_MEMORY_LIMIT_MB, options.memoryLimitMb ?? EXTRACTION_LIMITS.memoryLimitMb);
  return new Promise((resolve) => {
    if (options.signal?.aborted) return resolve({ ok: false, reason: "Extraction was cancelled." });
    const worker = new Worker(extractionWorkerPath(), {
      // A copy: the caller's bytes stay untouched whatever the parser does to its own.
      workerData: { type, bytes: new Uint8Array(bytes), zipEntries, maxTextChars: EXTRACTION_LIMITS.maxTextChars },
      resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
      // Parsers print warnings about odd files; they are not the server's log.
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    let settled = false;
    const finish = (result: WorkerResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      void worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(
      () => finish({ ok: false, reason: `Reading the file took longer than ${duration(timeoutMs)} and was stopped.` }),
      timeoutMs,
    );
    const onAbort = () => finish({ ok: false, reason: "Extraction was cancelled." });
    options.signal?.addEventListener("abort", onAbort, { once: true });
    worker.once("message", (result: WorkerResult) => finish(result));
    worker.once("error", (error: Error & { code?: string }) =>
      finish({
        ok: false,
        reason:
          error.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? `Reading the file needed more than ${memoryLimitMb} MB of memory and was stopped.`
            : `Reading the file failed: ${error.message}`,
      }),
    );
    worker.once("exit", (code) => finish({ ok: false, reason: `Reading the file stopped unexpectedly (exit code ${code}).` }));
  });
}

const duration = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`);
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
