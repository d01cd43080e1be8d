// Scenario "retrieval" (issue 4): top-10 vector search over 100k chunks ×
// 1536-d in one workspace, among 50k rows of other workspaces, through
// Cairn's vector index (sign-bit vec0 scan of the nearest cells + float
// re-score, after the workspace was partitioned into cells), side by side
// with plain float vec0 brute force over the same rows; recall@10 against
// exact search. Vectors are synthetic and clustered (seeded), like
// embeddings of a corpus about a limited set of topics. A second row shows
// the same search at EMBEDDING_DIMENSIONS=512.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Row } from "./index";

const CHUNKS = Number(process.env.BENCH_RETRIEVAL_CHUNKS ?? 100_000);
const OTHER_CHUNKS = Math.round(CHUNKS / 2);
const CENTERS = 1000;
const NOISE = 0.015;
const QUERIES = 100;
const TARGET_P50_MS = 10;
const TARGET_RECALL = 0.95;

function seeded(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 0x100000000;
  };
}

function vectors(dimensions: number, seed: number) {
  const random = seeded(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
  const normalize = (v: Float32Array) => {
    let sum = 0;
    for (const x of v) sum += x * x;
    const norm = Math.sqrt(sum);
    for (let i = 0; i < v.length; i++) v[i]! /= norm;
    return v;
  };
  const centers = Array.from({ length: CENTERS }, () => normalize(Float32Array.from({ length: dimensions }, gauss)));
  const near = (center: Float32Array, noise: number) => {
    const v = new Float32Array(dimensions);
    for (let i = 0; i < dimensions; i++) v[i] = center[i]! + noise * gauss();
    return normalize(v);
  };
  return { point: () => near(centers[Math.floor(random() * CENTERS)]!, NOISE), near, random };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function measure(dimensions: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-bench-retrieval-"));
  process.env.DATABASE_PATH = path.join(dir, "bench.db");
  const { db, closeDatabase } = await import("~/modules/db/database.server");
  const { addChunkVectors, ensureVectorIndex, partitionIntoCells, searchVectors } = await import("~/modules/rag/vector-index.server");
  const sqlite = db().$client;
  ensureVectorIndex({ model: `bench-${dimensions}`, dimensions });

  // Workspaces, one document each, and chunk rows the vectors belong to.
  const workspaces = ["bench-target", "other-1", "other-2", "other-3", "other-4", "other-5"];
  for (const id of workspaces) {
    sqlite.prepare("INSERT INTO workspaces (id, name) VALUES (?, ?)").run(id, id);
    sqlite
      .prepare("INSERT INTO documents (id, workspace_id, filename, title, status) VALUES (?, ?, 'bench.txt', 'bench', 'ready')")
      .run(`doc-${id}`, id);
  }
  const { point, near } = vectors(dimensions, 7);
  const insertChunk = sqlite.prepare(
    "INSERT INTO chunks (document_id, workspace_id, ordinal, text, char_start, char_end, token_count) VALUES (?, ?, ?, '', 0, 0, 0)",
  );
  const floatTable = `CREATE VIRTUAL TABLE bench_float USING vec0(workspace_id TEXT PARTITION KEY, embedding FLOAT[${dimensions}])`;
  sqlite.exec(floatTable);
  const insertFloat = sqlite.prepare("INSERT INTO bench_float (rowid, workspace_id, embedding) VALUES (?, ?, ?)");
  const target: { id: number; vector: Float32Array }[] = [];
  const started = performance.now();
  const total = CHUNKS + OTHER_CHUNKS;
  for (let from = 0; from < total; from += 1000) {
    sqlite.transaction(() => {
      const rows: { chunkId: number; vector: Float32Array; workspaceId: string }[] = [];
      for (let i = from; i < Math.min(total, from + 1000); i++) {
        const workspaceId = i < CHUNKS ? "bench-target" : workspaces[1 + (i % 5)]!;
        const chunkId = Number(insertChunk.run(`doc-${workspaceId}`, workspaceId, i).lastInsertRowid);
        const vector = point();
        rows.push({ chunkId, vector, workspaceId });
        if (workspaceId === "bench-target") target.push({ id: chunkId, vector });
      }
      for (const row of rows) {
        addChunkVectors(row.workspaceId, [row]);
        insertFloat.run(BigInt(row.chunkId), row.workspaceId, row.vector);
      }
    })();
  }
  const loadSeconds = (performance.now() - started) / 1000;
  // What the partition job does once a workspace passes 20k vectors.
  const partitionStarted = performance.now();
  const { cells } = await partitionIntoCells("bench-target");
  const partitionSeconds = (performance.now() - partitionStarted) / 1000;

  // Queries: near a random stored chunk, like a question about something in the corpus.
  const random = seeded(99);
  const queries = Array.from({ length: QUERIES }, () => near(target[Math.floor(random() * target.length)]!.vector, NOISE * 0.7));
  const exact = queries.map((q) => {
    const scored = target.map(({ id, vector }) => {
      let dot = 0;
      for (let i = 0; i < dimensions; i++) dot += vector[i]! * q[i]!;
      return [id, dot] as const;
    });
    scored.sort((a, b) => b[1] - a[1]);
    return new Set(scored.slice(0, 10).map(([id]) => id));
  });

  const floatKnn = sqlite.prepare("SELECT rowid FROM bench_float WHERE embedding MATCH ? AND k = 10 AND workspace_id = 'bench-target'");
  const run = (search: (q: Float32Array) => number[]) => {
    search(queries[0]!); // warm the page cache
    const times: number[] = [];
    let found = 0;
    queries.forEach((q, i) => {
      const t0 = performance.now();
      const ids = search(q);
      times.push(performance.now() - t0);
      found += ids.filter((id) => exact[i]!.has(id)).length;
    });
    times.sort((a, b) => a - b);
    return { p50: percentile(times, 50), p95: percentile(times, 95), recall: found / (queries.length * 10) };
  };
  const cairn = run((q) => searchVectors("bench-target", q, { limit: 10 }).map((hit) => hit.chunkId));
  const brute = run((q) => (floatKnn.all(q) as { rowid: number }[]).map((r) => Number(r.rowid)));
  const fileMb = fs.statSync(process.env.DATABASE_PATH).size / 1024 / 1024;
  closeDatabase();
  fs.rmSync(dir, { recursive: true, force: true });
  return { cairn, brute, loadSeconds, fileMb, cells, partitionSeconds };
}

type Measured = Awaited<ReturnType<typeof measure>>;

// Each dimension runs in its own process: a fresh database, environment and page cache.
function measureInChild(dimensions: number): Measured {
  const child = spawnSync(process.execPath, ["--import", "tsx", new URL(import.meta.url).pathname, String(dimensions)], {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`retrieval bench (${dimensions}-d) failed with status ${child.status}`);
  return JSON.parse(child.stdout.trim().split("\n").at(-1)!) as Measured;
}

if (process.argv[1] === new URL(import.meta.url).pathname && process.argv[2]) {
  console.log(JSON.stringify(await measure(Number(process.argv[2]))));
  process.exit(0);
}

export async function runRetrievalBench(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const dimensions of [1536, 512]) {
    const { cairn, brute, loadSeconds, fileMb, cells, partitionSeconds } = measureInChild(dimensions);
    const label = `${CHUNKS / 1000}k × ${dimensions}-d`;
    console.error(`  ${label}: loaded in ${loadSeconds.toFixed(1)} s, database ${fileMb.toFixed(0)} MiB`);
    rows.push({
      scenario: "retrieval",
      metric: `partition into cells (${label}), background job`,
      cairn: `${cells} cells in ${partitionSeconds.toFixed(1)} s`,
      baseline: "—",
      target: "",
      met: null,
    });
    rows.push(
      {
        scenario: "retrieval",
        metric: `top-10 p50 ms (${label})`,
        cairn: cairn.p50.toFixed(1),
        baseline: `${brute.p50.toFixed(1)} (float vec0)`,
        target: dimensions === 1536 ? `≤ ${TARGET_P50_MS}` : "—",
        met: dimensions === 1536 ? cairn.p50 <= TARGET_P50_MS : null,
      },
      {
        scenario: "retrieval",
        metric: `top-10 p95 ms (${label})`,
        cairn: cairn.p95.toFixed(1),
        baseline: brute.p95.toFixed(1),
        target: "—",
        met: null,
      },
      {
        scenario: "retrieval",
        metric: `recall@10 (${label})`,
        cairn: cairn.recall.toFixed(3),
        baseline: brute.recall.toFixed(3),
        target: dimensions === 1536 ? `≥ ${TARGET_RECALL}` : "—",
        met: dimensions === 1536 ? cairn.recall >= TARGET_RECALL : null,
      },
    );
  }
  return rows;
}
