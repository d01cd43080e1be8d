// Scenario "ingest" (issue 4): chunks per second of Cairn's ingestion job
// (extract in a worker, chunk, embed with a zero-latency embedder, store
// chunks + FTS5 + vectors in the real tables) over a seeded mixed corpus
// (Markdown, PDF, DOCX, HTML, CSV) made here, and the embedding calls per
// chunk that job makes; beside it, the library pipeline alone (one and two
// documents at a time, stored into scratch tables), chunking alone, and the
// offline encoder's speed on real chunks.
import { Document, HeadingLevel, Packer, Paragraph } from "docx";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { openDatabase } from "~/modules/db/database.server";
import { chunkDocument, type Chunk } from "~/modules/documents/chunk.server";
import {
  createOpenAIEmbeddings,
  localEmbeddings,
  stopLocalEmbeddings,
  type EmbeddingProvider,
} from "~/modules/documents/embeddings.server";
import { extractDocument, type ExtractedDocument } from "~/modules/documents/extract.server";
import { startOpenAIEmbeddingsStandIn } from "../../tests/fakes/openai-embeddings";
import type { Row } from "./index";

const STORE_BATCH = 256;
const DIMENSIONS = 1536;
const TARGET_CHUNKS_PER_SECOND = 2000;

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

// ---- the pipeline ------------------------------------------------------------------

/** Returns the same vector for every text at once, counting calls and texts. */
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

function scratchStore() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-bench-ingest-"));
  const sqlite = openDatabase(path.join(dir, "ingest.db"));
  sqlite.exec(`
    CREATE TABLE chunks (id INTEGER PRIMARY KEY, document TEXT NOT NULL, position INTEGER NOT NULL, text TEXT NOT NULL,
      start INTEGER NOT NULL, "end" INTEGER NOT NULL, page INTEGER, heading_path TEXT NOT NULL, tokens INTEGER NOT NULL);
    CREATE VIRTUAL TABLE chunks_fts USING fts5(text, content='');
    CREATE VIRTUAL TABLE chunk_vectors USING vec0(workspace_id TEXT partition key, embedding float[${DIMENSIONS}]);
  `);
  const insertChunk = sqlite.prepare(
    `INSERT INTO chunks (document, position, text, start, "end", page, heading_path, tokens) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertText = sqlite.prepare("INSERT INTO chunks_fts (rowid, text) VALUES (?, ?)");
  const insertVector = sqlite.prepare("INSERT INTO chunk_vectors (rowid, workspace_id, embedding) VALUES (?, ?, ?)");
  const storeBatch = sqlite.transaction((document: string, chunks: Chunk[], vectors: Float32Array[]) => {
    chunks.forEach((chunk, i) => {
      const { lastInsertRowid } = insertChunk.run(
        document,
        chunk.index,
        chunk.text,
        chunk.start,
        chunk.end,
        chunk.page ?? null,
        JSON.stringify(chunk.headingPath),
        chunk.tokenCount,
      );
      insertText.run(lastInsertRowid, chunk.text);
      insertVector.run(BigInt(lastInsertRowid), "bench-workspace", vectors[i]!);
    });
  });
  return {
    storeBatch,
    close() {
      sqlite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

type IngestRun = { chunks: number; seconds: number; ms: { extract: number; chunk: number; store: number } };

async function ingestCorpus(sources: Source[], slots: number): Promise<IngestRun> {
  const store = scratchStore();
  const embedder = zeroLatencyEmbedder();
  const ms = { extract: 0, chunk: 0, store: 0 };
  let chunks = 0;
  const queue = [...sources];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: slots }, async () => {
      for (let source = queue.shift(); source; source = queue.shift()) {
        let lap = performance.now();
        const result = await extractDocument(source.bytes, { hint: { filename: source.name } });
        if (!result.ok) throw new Error(`${source.name}: ${result.reason}`);
        ms.extract += performance.now() - lap;
        lap = performance.now();
        const documentChunks = chunkDocument(result.document);
        ms.chunk += performance.now() - lap;
        lap = performance.now();
        for (let i = 0; i < documentChunks.length; i += STORE_BATCH) {
          const batch = documentChunks.slice(i, i + STORE_BATCH);
          store.storeBatch(source.name, batch, await embedder.embed(batch.map((c) => c.text)));
        }
        ms.store += performance.now() - lap;
        chunks += documentChunks.length;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  store.close();
  return { chunks, seconds, ms };
}

/**
 * Cairn's own ingestion job (modules/rag/ingest.server) over the corpus: the
 * real tables (chunks, FTS5 by trigger, vec0 bits, float copies), with the
 * zero-latency embedder, one document after another as the job worker runs them.
 */
async function ingestWithCairnJob(sources: Source[]): Promise<{ chunks: number; seconds: number; calls: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-bench-job-"));
  process.env.DATABASE_PATH = path.join(dir, "job.db");
  const { db, closeDatabase } = await import("~/modules/db/database.server");
  const { ingestDocument } = await import("~/modules/rag/ingest.server");
  const sqlite = db().$client;
  sqlite.prepare("INSERT INTO workspaces (id, name) VALUES ('bench', 'bench')").run();
  const ids = sources.map((source, i) => {
    const id = `bench-document-${i}`;
    sqlite
      .prepare("INSERT INTO documents (id, workspace_id, filename, title, status) VALUES (?, 'bench', ?, ?, 'processing')")
      .run(id, source.name, source.name);
    sqlite.prepare("INSERT INTO document_files (document_id, bytes) VALUES (?, ?)").run(id, Buffer.from(source.bytes));
    return id;
  });
  const embedder = zeroLatencyEmbedder();
  const started = performance.now();
  for (const id of ids) await ingestDocument(id, { cancelled: () => false }, embedder);
  const seconds = (performance.now() - started) / 1000;
  const chunks = (sqlite.prepare("SELECT count(*) AS n FROM chunks").get() as { n: number }).n;
  const failed = sqlite.prepare("SELECT filename, error FROM documents WHERE status != 'ready'").all();
  if (failed.length) throw new Error(`documents not ready: ${JSON.stringify(failed)}`);
  closeDatabase();
  fs.rmSync(dir, { recursive: true, force: true });
  return { chunks, seconds, calls: embedder.calls };
}

async function extractAll(sources: Source[]): Promise<ExtractedDocument[]> {
  const documents: ExtractedDocument[] = [];
  for (const source of sources) {
    const result = await extractDocument(source.bytes, { hint: { filename: source.name } });
    if (!result.ok) throw new Error(`${source.name}: ${result.reason}`);
    documents.push(result.document);
  }
  return documents;
}

export async function runIngestBench(): Promise<Row[]> {
  const sources = await corpus();
  // Warm-up: each worker pays once for loading the parsers; a running server's have done that already.
  await Promise.all([extractAll(sources), extractAll(sources)]);

  // Extract + chunk + embed (zero latency) + store: one document after another, then two at a time
  // (a job runner with two slots: one document's extraction overlaps another's chunking and storing).
  const sequential = await ingestCorpus(sources, 1);
  const concurrent = await ingestCorpus(sources, 2);
  const chunkCount = sequential.chunks;
  const job = await ingestWithCairnJob(sources);

  // Chunking alone, on the already extracted text.
  const documents = await extractAll(sources);
  const chunkStarted = performance.now();
  let chunkedAlone = 0;
  for (const document of documents) chunkedAlone += chunkDocument(document).length;
  const chunkRate = chunkedAlone / ((performance.now() - chunkStarted) / 1000);

  // Embedding calls per chunk through the OpenAI provider against the stand-in: one embed() per document,
  // and one for all pending chunks of the corpus (a job that embeds across queued documents).
  const standIn = await startOpenAIEmbeddingsStandIn({ apiKey: "bench-key" });
  const openai = createOpenAIEmbeddings({ apiKey: standIn.apiKey, baseURL: standIn.baseURL, model: "text-embedding-3-small" });
  const allChunks = documents.map((document) => chunkDocument(document));
  for (const chunks of allChunks) await openai.embed(chunks.map((c) => c.text));
  const perDocumentCalls = standIn.requests.length;
  await openai.embed(allChunks.flat().map((c) => c.text));
  const acrossCalls = standIn.requests.length - perDocumentCalls;
  await standIn.close();

  // The offline encoder on 32 real chunks (about 400 tokens each).
  const sample = allChunks
    .flat()
    .filter((c) => c.tokenCount > 300)
    .slice(0, 32)
    .map((c) => c.text);
  await localEmbeddings.embed(sample.slice(0, 2)); // loads the model
  const localStarted = performance.now();
  await localEmbeddings.embed(sample);
  const localRate = sample.length / ((performance.now() - localStarted) / 1000);
  await stopLocalEmbeddings();

  const perSecond = (v: number) => `${v.toFixed(0)} chunks/s`;
  const rate = (run: IngestRun) => run.chunks / run.seconds;
  const breakdown = (run: IngestRun) =>
    `extract ${(run.ms.extract / 1000).toFixed(2)} s, chunk ${(run.ms.chunk / 1000).toFixed(2)} s, store ${(run.ms.store / 1000).toFixed(2)} s`;
  const ratio = (calls: number) => `${(calls / chunkCount).toFixed(4)} (${calls} calls)`;
  return [
    {
      scenario: "ingest",
      metric: `Cairn's ingestion job (real tables), ${sources.length} docs, ${job.chunks} chunks`,
      cairn: perSecond(job.chunks / job.seconds),
      baseline: `library pipeline below: ${perSecond(rate(sequential))}`,
      target: `≥ ${TARGET_CHUNKS_PER_SECOND} chunks/s`,
      met: job.chunks / job.seconds >= TARGET_CHUNKS_PER_SECOND,
    },
    {
      scenario: "ingest",
      metric: "embedding calls per chunk, Cairn's job (one call per 256 chunks of a document)",
      cairn: `${(job.calls / job.chunks).toFixed(4)} (${job.calls} calls)`,
      baseline: `one call for the whole corpus: ${ratio(acrossCalls)}`,
      target: `≤ ${(1 / 256).toFixed(4)} (chunks/256)`,
      met: job.calls / job.chunks <= 1 / 256,
    },
    {
      scenario: "ingest",
      metric: `library: extract+chunk+store, ${sources.length} docs one at a time, ${chunkCount} chunks`,
      cairn: perSecond(rate(sequential)),
      baseline: `chunking alone ${perSecond(chunkRate)}; ${breakdown(sequential)}`,
      target: `≥ ${TARGET_CHUNKS_PER_SECOND} chunks/s`,
      met: rate(sequential) >= TARGET_CHUNKS_PER_SECOND,
    },
    {
      scenario: "ingest",
      metric: "library: extract+chunk+store, 2 docs at a time",
      cairn: perSecond(rate(concurrent)),
      baseline: `${os.cpus().length} CPUs`,
      target: `≥ ${TARGET_CHUNKS_PER_SECOND} chunks/s`,
      met: rate(concurrent) >= TARGET_CHUNKS_PER_SECOND,
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
