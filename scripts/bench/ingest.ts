// Scenario "ingest" (issues 4 and 14): chunks per second of Cairn's ingestion
// job (extract in workers, chunk, embed with a zero-latency embedder, store
// chunks + FTS5 + vectors in the real tables) over a seeded mixed corpus
// (Markdown, PDF, DOCX, HTML, CSV) made here, and the embedding calls per
// chunk it makes — beside the job as it was before ADR 0009 (ingest-baseline.ts),
// measured in the same run. Also: PDFium against pdf.js on the corpus's PDFs,
// and the stages alone (the profile that bounds the pipeline).
import { Document, HeadingLevel, Packer, Paragraph } from "docx";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { chunkDocument } from "~/modules/documents/chunk.server";
import { localEmbeddings, stopLocalEmbeddings, type EmbeddingProvider } from "~/modules/documents/embeddings.server";
import { extractDocument, type ExtractedDocument, type PdfEngine } from "~/modules/documents/extract.server";
import type { Row } from "./index";

const DIMENSIONS = 1536;
const TARGET_CHUNKS_PER_SECOND = 3000;
/** Runs of each pipeline, interleaved (baseline, new, baseline, new …); the best of each is reported. */
const RUNS = 5;

// ---- a seeded corpus ---------------------------------------------------------

function seeded(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 0x100000000;
  };
}

const WORDS = (
  "the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you were her she there one " +
  "all we their can has more will would been if no when what about so out up into than them only other new some could time these two may " +
  "first then do any like my now over such our man me even most made after also did many before must through back years where much your way " +
  "well down should because each just those people how too little state good very make world still own see men work long get here between both " +
  "life being under never day same another know while last might us great old year off come since against go came right used take three " +
  "retrieval document chunk embedding index vector search query answer citation workspace invoice contract policy revenue schedule holiday " +
  "migration replica primary backup latency throughput budget forecast customer supplier warranty liability clause section appendix"
).split(" ");

function sentence(random: () => number): string {
  const length = 8 + Math.floor(random() * 18);
  const words = Array.from({ length }, () => WORDS[Math.floor(random() * WORDS.length)]!);
  words[0] = words[0]![0]!.toUpperCase() + words[0]!.slice(1);
  return `${words.join(" ")}.`;
}
const paragraph = (random: () => number) => Array.from({ length: 3 + Math.floor(random() * 6) }, () => sentence(random)).join(" ");

type Source = { name: string; bytes: Uint8Array };

async function corpus(): Promise<Source[]> {
  const random = seeded(42);
  const sources: Source[] = [];
  for (let d = 0; d < 4; d++) {
    const parts: string[] = [`# Handbook ${d}`];
    for (let s = 0; s < 40; s++) {
      parts.push(`## Section ${s}`);
      for (let p = 0; p < 8; p++) parts.push(paragraph(random));
    }
    sources.push({ name: `handbook-${d}.md`, bytes: new TextEncoder().encode(parts.join("\n\n")) });
  }
  for (let d = 0; d < 2; d++) {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    for (let p = 0; p < 120; p++) {
      const page = pdf.addPage([612, 792]);
      for (let line = 0; line < 40; line++) page.drawText(sentence(random).slice(0, 90), { x: 40, y: 750 - line * 18, size: 10, font });
    }
    sources.push({ name: `report-${d}.pdf`, bytes: await pdf.save() });
  }
  for (let d = 0; d < 2; d++) {
    const children: Paragraph[] = [];
    for (let s = 0; s < 30; s++) {
      children.push(new Paragraph({ text: `Clause ${s}`, heading: HeadingLevel.HEADING_1 }));
      for (let p = 0; p < 8; p++) children.push(new Paragraph({ text: paragraph(random) }));
    }
    sources.push({ name: `contract-${d}.docx`, bytes: new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] }))) });
  }
  for (let d = 0; d < 2; d++) {
    const body = Array.from(
      { length: 25 },
      (_, s) => `<h2>Part ${s}</h2>${Array.from({ length: 8 }, () => `<p>${paragraph(random)}</p>`).join("")}`,
    ).join("");
    const html = `<!doctype html><html><head><title>Article ${d}</title></head><body><nav><a href="/">Home</a></nav><article><h1>Article ${d}</h1>${body}</article><footer>Footer</footer></body></html>`;
    sources.push({ name: `article-${d}.html`, bytes: new TextEncoder().encode(html) });
  }
  for (let d = 0; d < 2; d++) {
    const rows = ["id,customer,item,note"];
    for (let r = 0; r < 4000; r++)
      rows.push(`${r},${WORDS[r % WORDS.length]} ${WORDS[(r * 7) % WORDS.length]},item ${r % 97},"${sentence(random)}"`);
    sources.push({ name: `orders-${d}.csv`, bytes: new TextEncoder().encode(rows.join("\n")) });
  }
  return sources;
}

// ---- the pipelines ---------------------------------------------------------------

/** Returns the same vector for every text at once, counting calls. */
function zeroLatencyEmbedder(): EmbeddingProvider & { calls: number } {
  const vector = new Float32Array(DIMENSIONS).fill(0.01);
  return {
    id: "bench:zero-latency",
    dimensions: DIMENSIONS,
    calls: 0,
    async embed(texts) {
      this.calls++;
      return texts.map(() => vector);
    },
  };
}

type JobRun = { chunks: number; seconds: number; calls: number };

/** A workspace (pro plan, so the corpus fits any number of times) holding the corpus, ready to ingest. */
async function seedWorkspace(sources: Source[], name: string): Promise<string[]> {
  const { db } = await import("~/modules/db/database.server");
  const sqlite = db().$client;
  sqlite.prepare("INSERT INTO workspaces (id, name) VALUES (?, ?)").run(name, name);
  sqlite
    .prepare("INSERT INTO workspace_plans (workspace_id, plan, period_start, period_end) VALUES (?, 'pro', ?, ?)")
    .run(name, Date.now(), Date.now() + 30 * 86_400_000);
  return sources.map((source, i) => {
    const id = `${name}-document-${i}`;
    sqlite
      .prepare("INSERT INTO documents (id, workspace_id, filename, title, status) VALUES (?, ?, ?, ?, 'processing')")
      .run(id, name, source.name, source.name);
    sqlite.prepare("INSERT INTO document_files (document_id, bytes) VALUES (?, ?)").run(id, Buffer.from(source.bytes));
    return id;
  });
}

async function measureJob(ids: string[], ingest: (ids: string[], embedder: EmbeddingProvider) => Promise<void>): Promise<JobRun> {
  const { db } = await import("~/modules/db/database.server");
  const embedder = zeroLatencyEmbedder();
  const started = performance.now();
  await ingest(ids, embedder);
  const seconds = (performance.now() - started) / 1000;
  const list = JSON.stringify(ids);
  const sqlite = db().$client;
  const failed = sqlite
    .prepare("SELECT filename, error FROM documents WHERE status != 'ready' AND id IN (SELECT value FROM json_each(?))")
    .all(list);
  if (failed.length) throw new Error(`documents not ready: ${JSON.stringify(failed)}`);
  const { n } = sqlite.prepare("SELECT count(*) AS n FROM chunks WHERE document_id IN (SELECT value FROM json_each(?))").get(list) as {
    n: number;
  };
  return { chunks: n, seconds, calls: embedder.calls };
}

/** Today's job: one document after another, as the job worker ran them. */
async function ingestAsBefore(ids: string[], embedder: EmbeddingProvider) {
  const { ingestDocumentAsBefore } = await import("./ingest-baseline");
  for (const id of ids) await ingestDocumentAsBefore(id, embedder);
}

/** The new job: the worker hands the handler up to INGEST_BATCH_DOCUMENTS documents of a workspace at a time. */
async function ingestPipelined(ids: string[], embedder: EmbeddingProvider) {
  const { ingestDocuments, INGEST_BATCH_DOCUMENTS } = await import("~/modules/rag/ingest.server");
  for (let from = 0; from < ids.length; from += INGEST_BATCH_DOCUMENTS) {
    const items = ids.slice(from, from + INGEST_BATCH_DOCUMENTS).map((documentId) => ({ documentId, cancelled: () => false }));
    const outcomes = await ingestDocuments(items, embedder);
    if (outcomes.some(Boolean)) throw new Error(`ingestion did not finish: ${JSON.stringify(outcomes)}`);
  }
}

async function extractAll(sources: Source[], pdfEngine?: PdfEngine, chunk = false): Promise<ExtractedDocument[]> {
  const documents: ExtractedDocument[] = [];
  for (const source of sources) {
    const result = await extractDocument(source.bytes, { hint: { filename: source.name }, pdfEngine, chunk });
    if (!result.ok) throw new Error(`${source.name}: ${result.reason}`);
    documents.push(result.document);
  }
  return documents;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
}

export async function runIngestBench(): Promise<Row[]> {
  const sources = await corpus();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-bench-ingest-"));
  process.env.DATABASE_PATH = path.join(dir, "ingest.db");
  const { closeDatabase } = await import("~/modules/db/database.server");
  // Warm-up: each worker pays once for loading the parsers; a running server's have done that already.
  await Promise.all([extractAll(sources), extractAll(sources, "pdfjs")]);

  const baselineRuns: JobRun[] = [];
  const pipelinedRuns: JobRun[] = [];
  for (let run = 0; run < RUNS; run++) {
    baselineRuns.push(await measureJob(await seedWorkspace(sources, `before-${run}`), ingestAsBefore));
    pipelinedRuns.push(await measureJob(await seedWorkspace(sources, `after-${run}`), ingestPipelined));
    const last = (runs: JobRun[]) => (runs.at(-1)!.chunks / runs.at(-1)!.seconds).toFixed(0);
    console.error(`  run ${run + 1}: before ${last(baselineRuns)} chunks/s, after ${last(pipelinedRuns)} chunks/s`);
  }
  const best = (runs: JobRun[]) => runs.reduce((a, b) => (b.chunks / b.seconds > a.chunks / a.seconds ? b : a));
  const median = (runs: JobRun[]) => runs.map((r) => r.chunks / r.seconds).sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
  const baseline = best(baselineRuns);
  const pipelined = best(pipelinedRuns);
  closeDatabase();
  fs.rmSync(dir, { recursive: true, force: true });

  // The profile: each stage alone, one document after another, on this thread and one worker.
  const pdfs = sources.filter((s) => s.name.endsWith(".pdf"));
  const pages = (await extractAll(pdfs)).reduce((n, d) => n + (d.pageCount ?? 0), 0);
  const [, pdfjsMs] = await timed(() => extractAll(pdfs, "pdfjs"));
  const [, pdfiumMs] = await timed(() => extractAll(pdfs, "pdfium"));
  const [documents, extractMs] = await timed(() => extractAll(sources));
  const [, extractChunkMs] = await timed(() => extractAll(sources, undefined, true));
  const [chunked, chunkMs] = await timed(async () => documents.reduce((n, d) => n + chunkDocument(d).length, 0));
  const chunkRate = chunked / (chunkMs / 1000);
  const pipelinedRate = pipelined.chunks / pipelined.seconds;

  // The offline encoder on 32 real chunks (about 400 tokens each).
  const sample = documents
    .flatMap((d) => chunkDocument(d))
    .filter((c) => c.tokenCount > 300)
    .slice(0, 32)
    .map((c) => c.text);
  await localEmbeddings.embed(sample.slice(0, 2)); // loads the model
  const localStarted = performance.now();
  await localEmbeddings.embed(sample);
  const localRate = sample.length / ((performance.now() - localStarted) / 1000);
  await stopLocalEmbeddings();

  const perSecond = (v: number) => `${v.toFixed(0)} chunks/s`;
  const rate = (run: JobRun) => run.chunks / run.seconds;
  const callsPerChunk = (run: JobRun) => `${(run.calls / run.chunks).toFixed(4)} (${run.calls} calls)`;
  // One workspace in the corpus: at most one call more than chunks / 256.
  const callBound = 1 / 256 + 1 / pipelined.chunks;
  return [
    {
      scenario: "ingest",
      metric: `ingestion job, real tables, ${sources.length} docs, ${pipelined.chunks} chunks (best of ${RUNS})`,
      cairn: `${perSecond(pipelinedRate)} (median ${perSecond(median(pipelinedRuns))})`,
      baseline: `job before ADR 0009: ${perSecond(rate(baseline))} (median ${perSecond(median(baselineRuns))})`,
      target: `≥ ${TARGET_CHUNKS_PER_SECOND} chunks/s`,
      met: pipelinedRate >= TARGET_CHUNKS_PER_SECOND,
    },
    {
      scenario: "ingest",
      metric: "embedding calls per chunk (one workspace)",
      cairn: callsPerChunk(pipelined),
      baseline: `job before ADR 0009: ${callsPerChunk(baseline)}`,
      target: `≤ 1/256 + 1 call per workspace = ${callBound.toFixed(4)}`,
      met: pipelined.calls / pipelined.chunks <= callBound,
    },
    {
      scenario: "ingest",
      metric: `PDF text, ${pdfs.length} PDFs, ${pages} pages, one worker`,
      cairn: `PDFium ${(pdfiumMs / pages).toFixed(2)} ms/page`,
      baseline: `pdf.js ${(pdfjsMs / pages).toFixed(2)} ms/page`,
      target: "",
      met: null,
    },
    {
      scenario: "ingest",
      metric: "profile: stages alone, one document after another",
      cairn: `extract ${(extractMs / 1000).toFixed(2)} s, extract + chunk in the worker ${(extractChunkMs / 1000).toFixed(2)} s`,
      baseline: `chunking alone on this thread ${(chunkMs / 1000).toFixed(2)} s (${perSecond(chunkRate)}); pipelined run ${pipelined.seconds.toFixed(2)} s; ${os.cpus().length} CPUs`,
      target: "",
      met: null,
    },
    {
      scenario: "ingest",
      metric: "offline encoder (USE Lite 512-d), ~400-token chunks",
      cairn: `${localRate.toFixed(1)} texts/s`,
      baseline: "—",
      target: "",
      met: null,
    },
  ];
}
