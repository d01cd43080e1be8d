// Extracts a document's text, off the main thread and within limits: the
// bytes are sniffed and size-checked here, then parsed in a worker thread
// with a memory cap and a timeout. Every failure comes back as
// `{ ok: false, reason }` worded for the person who uploaded the file.
import { Worker } from "node:worker_threads";
import { assembleDocument, type ExtractedDocument, type PdfEngine, type TextBlock } from "./assemble.ts";
import type { Chunk } from "./chunk.server.ts";
import { EXTRACTION_LIMITS, MAX_DOCUMENT_BYTES, type DocumentType } from "./limits";
import { sniffDocumentType, type TypeHint } from "./sniff.server";
import { workerFile } from "./worker-file.server";
import { checkZipBomb, readZipDirectory, type ZipEntry } from "./zip-directory.server";

export type ExtractionResult = { ok: true; document: ExtractedDocument; chunks?: Chunk[] } | { ok: false; reason: string };

export type ExtractionOptions = {
  /** File name or content type: only chooses among text types the content allows. */
  hint?: TypeHint;
  signal?: AbortSignal;
  maxBytes?: number;
  timeoutMs?: number;
  memoryLimitMb?: number;
  /** PDFs: "pdfium" or "pdfjs" alone; by default PDFium with pdf.js as its fallback (ADR 0009). */
  pdfEngine?: PdfEngine;
  /** Also chunk the text, in the worker (off this thread); the result then carries `chunks`. */
  chunk?: boolean;
};

export type { ExtractedBlock, ExtractedDocument, PdfEngine, TextBlock } from "./assemble.ts";
export { assembleDocument } from "./assemble.ts";

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
  const document = assembleDocument(sniffed.type, parsed);
  return { ok: true, document, ...(parsed.chunks ? { chunks: parsed.chunks } : {}) };
}

type WorkerResult =
  | { ok: true; blocks: TextBlock[]; title?: string; pageCount?: number; engine?: PdfEngine; chunks?: Chunk[]; retire?: boolean }
  | { ok: false; reason: string };

const WORKER_FILE = "extract.worker.mjs";
const MIN_MEMORY_LIMIT_MB = 16;

/** The extraction worker's script (see worker-file.server.ts for how it is found in each mode). */
export function extractionWorkerPath(): string {
  return workerFile(WORKER_FILE);
}

type WorkerInput = { type: DocumentType; bytes: Uint8Array; zipEntries?: ZipEntry[] };

/**
 * Idle workers that finished their last document cleanly, by memory limit:
 * loading PDFium, pdf.js, mammoth and linkedom costs far more than parsing a typical
 * file, so a worker is reused — up to REUSES documents, then replaced. A
 * worker that failed, ran out of time or memory, or was cancelled is
 * terminated, never reused.
 */
const idleWorkers = new Map<number, { worker: Worker; uses: number }[]>();
const MAX_IDLE_WORKERS = 2;
const REUSES = 50;

function acquireWorker(memoryLimitMb: number): { worker: Worker; uses: number } {
  const idle = idleWorkers.get(memoryLimitMb)?.pop();
  if (idle) {
    idle.worker.ref();
    return idle;
  }
  const worker = new Worker(extractionWorkerPath(), {
    resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    // Parsers print warnings about odd files; they are not the server's log.
    stdout: true,
    stderr: true,
  });
  worker.stdout.resume();
  worker.stderr.resume();
  const entry = { worker, uses: 0 };
  // A worker that dies while idle is dropped from the idle list.
  worker.once("exit", () => {
    const idle = idleWorkers.get(memoryLimitMb);
    if (idle?.includes(entry)) idle.splice(idle.indexOf(entry), 1);
  });
  return entry;
}

function releaseWorker(memoryLimitMb: number, entry: { worker: Worker; uses: number }) {
  const idle = idleWorkers.get(memoryLimitMb) ?? [];
  idleWorkers.set(memoryLimitMb, idle);
  if (++entry.uses >= REUSES || idle.length >= MAX_IDLE_WORKERS) return void entry.worker.terminate();
  // An idle worker must not keep the process alive.
  entry.worker.unref();
  idle.push(entry);
}

/** Ends the idle extraction workers (tests, shutdown); the next extraction starts new ones. */
export async function stopExtractionWorkers(): Promise<void> {
  const all = [...idleWorkers.values()].flatMap((idle) => idle.splice(0));
  await Promise.all(all.map((entry) => entry.worker.terminate()));
}

function runExtractionWorker({ type, bytes, zipEntries }: WorkerInput, options: ExtractionOptions): Promise<WorkerResult> {
  const timeoutMs = options.timeoutMs ?? EXTRACTION_LIMITS.timeoutMs;
  // Below a few MB V8 cannot even create the worker's heap, and that aborts the whole process.
  const memoryLimitMb = Math.max(MIN_MEMORY_LIMIT_MB, options.memoryLimitMb ?? EXTRACTION_LIMITS.memoryLimitMb);
  return new Promise((resolve) => {
    if (options.signal?.aborted) return resolve({ ok: false, reason: "Extraction was cancelled." });
    const entry = acquireWorker(memoryLimitMb);
    const { worker } = entry;
    let settled = false;
    const finish = (result: WorkerResult, reusable = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      worker.off("message", onMessage).off("error", onError).off("exit", onExit);
      if (reusable) releaseWorker(memoryLimitMb, entry);
      else void worker.terminate();
      resolve(result);
    };
    const tooSlow: WorkerResult = { ok: false, reason: `Reading the file took longer than ${duration(timeoutMs)} and was stopped.` };
    const started = performance.now();
    const timer = setTimeout(() => finish(tooSlow), timeoutMs);
    const onAbort = () => finish({ ok: false, reason: "Extraction was cancelled." });
    // A worker whose PDFium memory grew large asks to be retired (WebAssembly memory never shrinks).
    // A result that arrives after the time allowed is refused too: a busy event loop can run the
    // worker's message before the timer that expired first.
    const onMessage = (result: WorkerResult) =>
      finish(performance.now() - started > timeoutMs ? tooSlow : result, !(result.ok && result.retire));
    const onError = (error: Error & { code?: string }) =>
      finish({
        ok: false,
        reason:
          error.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? `Reading the file needed more than ${memoryLimitMb} MB of memory and was stopped.`
            : `Reading the file failed: ${error.message}`,
      });
    const onExit = (code: number) => finish({ ok: false, reason: `Reading the file stopped unexpectedly (exit code ${code}).` });
    options.signal?.addEventListener("abort", onAbort, { once: true });
    worker.on("message", onMessage).on("error", onError).on("exit", onExit);
    // A copy: the caller's bytes stay untouched, and the copy's memory moves to the worker.
    const copy = new Uint8Array(bytes);
    const { pdfEngine, chunk } = options;
    const message = { type, bytes: copy, zipEntries, maxTextChars: EXTRACTION_LIMITS.maxTextChars, pdfEngine, chunk };
    worker.postMessage(message, [copy.buffer]);
  });
}

const duration = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`);
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
