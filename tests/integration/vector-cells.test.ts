// The vector index's cells (an inverted-file partition of a workspace's
// vectors): searches stay accurate before, during and after partitioning,
// vectors added later land in their nearest cell, and nothing is left behind.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/database.server";
import { addChunkVectors, cellsDue, ensureVectorIndex, partitionIntoCells, searchVectors } from "~/modules/rag/vector-index.server";

const DIMENSIONS = 256;
const WORKSPACE = "ws-cells";
const OTHER = "ws-other";

let seed = 11;
const random = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 0x100000000;
};
const gauss = () => Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
const normalize = (v: Float32Array) => {
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
};
const centers = Array.from({ length: 60 }, () => normalize(Float32Array.from({ length: DIMENSIONS }, gauss)));
const near = (center: Float32Array, noise: number) => normalize(center.map((x) => x + noise * gauss()));
const pointInACluster = () => near(centers[Math.floor(random() * centers.length)]!, 0.06);

const stored = new Map<number, Float32Array>();
let ordinal = 0;
const sqlite = () => db().$client;

function addVectors(workspaceId: string, count: number): number[] {
  const insert = sqlite().prepare(
    "INSERT INTO chunks (document_id, workspace_id, ordinal, text, char_start, char_end, token_count) VALUES (?, ?, ?, '', 0, 0, 0)",
  );
  const ids: number[] = [];
  sqlite().transaction(() => {
    const rows = Array.from({ length: count }, () => {
      const chunkId = Number(insert.run(`doc-${workspaceId}`, workspaceId, ordinal++).lastInsertRowid);
      ids.push(chunkId);
      const vector = pointInACluster();
      if (workspaceId === WORKSPACE) stored.set(chunkId, vector);
      return { chunkId, vector };
    });
    addChunkVectors(workspaceId, rows);
  })();
  return ids;
}

function exactTop10(query: Float32Array): Set<number> {
  const scored = [...stored].map(([id, v]) => [id, v.reduce((sum, x, i) => sum + x * query[i]!, 0)] as const);
  return new Set(
    scored
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([id]) => id),
  );
}

function recallAt10(): number {
  const ids = [...stored.keys()];
  let found = 0;
  const queries = 30;
  for (let q = 0; q < queries; q++) {
    const query = near(stored.get(ids[Math.floor(random() * ids.length)]!)!, 0.03);
    const truth = exactTop10(query);
    found += searchVectors(WORKSPACE, query, { limit: 10 }).filter((hit) => truth.has(hit.chunkId)).length;
  }
  return found / (queries * 10);
}

const cellsOf = (workspaceId: string) =>
  (sqlite().prepare("SELECT cell FROM vector_cells WHERE workspace_id = ? ORDER BY cell").all(workspaceId) as { cell: number }[]).map(
    (r) => r.cell,
  );
const vectorsOutside = (workspaceId: string, cells: number[]) =>
  (
    sqlite()
      .prepare(`SELECT count(*) AS n FROM chunk_embeddings WHERE workspace_id = ? AND cell NOT IN (${cells.join(",") || "NULL"})`)
      .get(workspaceId) as { n: number }
  ).n;

beforeAll(() => {
  for (const id of [WORKSPACE, OTHER]) {
    sqlite().prepare("INSERT INTO workspaces (id, name) VALUES (?, ?)").run(id, id);
    sqlite()
      .prepare("INSERT INTO documents (id, workspace_id, filename, title, status) VALUES (?, ?, 'v.txt', 'v', 'ready')")
      .run(`doc-${id}`, id);
  }
  ensureVectorIndex({ model: "test-256", dimensions: DIMENSIONS });
  addVectors(WORKSPACE, 3000);
  addVectors(OTHER, 500);
});

describe("vector cells", () => {
  it("finds the true nearest vectors before a workspace has cells", () => {
    expect(cellsOf(WORKSPACE)).toEqual([]);
    expect(recallAt10()).toBeGreaterThanOrEqual(0.95);
  });

  it("says when a workspace is due for cells: from a size on, and again when it doubles", () => {
    expect(cellsDue(WORKSPACE, 5000)).toBe(false);
    expect(cellsDue(WORKSPACE, 3000)).toBe(true);
  });

  it("partitions the workspace's vectors into cells and still finds the nearest ones, scanning a few cells", async () => {
    const { cells } = await partitionIntoCells(WORKSPACE, { vectorsPerCell: 100 });
    expect(cells).toBe(30);
    const current = cellsOf(WORKSPACE);
    expect(current).toHaveLength(30);
    expect(vectorsOutside(WORKSPACE, current)).toBe(0);
    expect(cellsDue(WORKSPACE, 3000)).toBe(false);
    expect(recallAt10()).toBeGreaterThanOrEqual(0.95);
    // Other workspaces are untouched and never searched.
    expect(cellsOf(OTHER)).toEqual([]);
    const otherIds = new Set(
      (sqlite().prepare("SELECT chunk_id AS id FROM chunk_embeddings WHERE workspace_id = ?").all(OTHER) as { id: number }[]).map(
        (r) => r.id,
      ),
    );
    const hits = searchVectors(WORKSPACE, pointInACluster(), { limit: 50 });
    expect(hits.some((h) => otherIds.has(h.chunkId))).toBe(false);
  });

  it("places vectors added later in their nearest cell, where a search finds them", () => {
    const [added] = addVectors(WORKSPACE, 1);
    const cell = (sqlite().prepare("SELECT cell FROM chunk_embeddings WHERE chunk_id = ?").get(added) as { cell: number }).cell;
    expect(cellsOf(WORKSPACE)).toContain(cell);
    const [best] = searchVectors(WORKSPACE, stored.get(added!)!, { limit: 1 });
    expect(best!.chunkId).toBe(added);
    expect(best!.similarity).toBeCloseTo(1, 5);
  });

  it("re-partitions into a new generation of cells and removes the old one", async () => {
    addVectors(WORKSPACE, 3000);
    const before = cellsOf(WORKSPACE);
    expect(cellsDue(WORKSPACE, 3000)).toBe(true);
    await partitionIntoCells(WORKSPACE, { vectorsPerCell: 100 });
    const after = cellsOf(WORKSPACE);
    expect(after).toHaveLength(60);
    expect(after.some((c) => before.includes(c))).toBe(false);
    expect(vectorsOutside(WORKSPACE, after)).toBe(0);
    expect(recallAt10()).toBeGreaterThanOrEqual(0.95);
  });

  it("drops a deleted chunk's vectors from the scan", () => {
    const [victim] = [...stored.keys()];
    sqlite().prepare("DELETE FROM chunks WHERE id = ?").run(victim);
    expect((sqlite().prepare("SELECT count(*) AS n FROM chunk_vectors WHERE rowid = ?").get(victim) as { n: number }).n).toBe(0);
    const hits = searchVectors(WORKSPACE, stored.get(victim!)!, { limit: 10 });
    expect(hits.map((h) => h.chunkId)).not.toContain(victim);
  });
});
