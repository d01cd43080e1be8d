// Plans' document and chunk quotas: a full workspace is refused with a 409
// naming the limit and the plan at every way in, storing nothing; a document
// that would pass the chunk quota while it is processed fails with the reason.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLANS } from "~/modules/billing/plans";
import { db } from "~/modules/db/database.server";
import { runNextJob } from "~/modules/jobs/jobs.server";
import { registerIngestion } from "~/modules/rag/ingest.server";
import * as uploadRoute from "~/routes/api/upload";
import * as documentUploadRoute from "~/routes/api/workspaces.id.documents.upload";
import * as fromUrlRoute from "~/routes/api/workspaces.id.documents.from-url";
import { startOpenAIEmbeddingsStandIn, type EmbeddingsStandIn } from "../fakes/openai-embeddings";
import { startSmtpCapture, type Mailbox } from "../fakes/smtp";
import { signedInPerson, type Person } from "../support/accounts";

let embeddings: EmbeddingsStandIn;
let mailbox: Mailbox;
let pageServer: http.Server;
let pageRequests = 0;
let pageUrl: string;
beforeAll(async () => {
  mailbox = await startSmtpCapture();
  process.env.SMTP_URL = mailbox.url;
  embeddings = await startOpenAIEmbeddingsStandIn();
  process.env.EMBEDDING_MODEL = "text-embedding-3-small";
  process.env.EMBEDDING_BASE_URL = embeddings.baseURL;
  process.env.EMBEDDING_API_KEY = embeddings.apiKey;
  process.env.FETCH_ALLOW_HOSTS = "127.0.0.1";
  registerIngestion();
  pageServer = http.createServer((_req, res) => {
    pageRequests++;
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("A page about mountain huts and their opening months.");
  });
  await new Promise<void>((resolve) => pageServer.listen(0, "127.0.0.1", resolve));
  pageUrl = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}/huts.txt`;
});
afterAll(async () => {
  await mailbox.close();
  await embeddings.close();
  pageServer.close();
});

const sqlite = () => db().$client;
const countOf = (sql: string, ...params: unknown[]) =>
  (
    sqlite()
      .prepare(sql)
      .get(...params) as { n: number }
  ).n;

/** Fills a workspace with `n` document records (as uploads long done would), one call. */
function addDocumentRecords(workspaceId: string, n: number) {
  sqlite()
    .prepare(
      `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?)
       INSERT INTO documents (id, workspace_id, filename, title, status) SELECT lower(hex(randomblob(16))), ?, 'old-' || i || '.txt', 'Old ' || i, 'ready' FROM k`,
    )
    .run(n, workspaceId);
}

/** Gives a workspace one ready document holding `n` chunks. */
function addChunkRecords(workspaceId: string, n: number) {
  const documentId = crypto.randomUUID();
  sqlite()
    .prepare(
      "INSERT INTO documents (id, workspace_id, filename, title, status, chunks_total, chunks_done) VALUES (?, ?, 'big.txt', 'Big', 'ready', ?, ?)",
    )
    .run(documentId, workspaceId, n, n);
  sqlite()
    .prepare(
      `WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < ? - 1)
       INSERT INTO chunks (document_id, workspace_id, ordinal, text, char_start, char_end, token_count) SELECT ?, ?, i, 'old chunk ' || i, 0, 10, 3 FROM k`,
    )
    .run(n, documentId, workspaceId);
}

function uploadForm(content: string, filename: string, fields: Record<string, string> = {}) {
  const data = new FormData();
  data.append("file", new Blob([content], { type: "text/plain" }), filename);
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

/** Every way a document comes in, each answering its Response. */
const entryPoints = (p: Person) => ({
  "POST /api/upload": () =>
    p.client.call(uploadRoute, "/api/upload", { body: uploadForm("New notes.", "new.txt", { workspaceId: p.workspaceId }) }),
  "documents/upload (multipart)": () =>
    p.client.call(documentUploadRoute, "/api/x", { params: { workspaceId: p.workspaceId }, body: uploadForm("Other notes.", "other.txt") }),
  "documents/upload (upload URL)": () =>
    p.client.call(documentUploadRoute, "/api/x", { params: { workspaceId: p.workspaceId }, body: { filename: "later.pdf", size: 1000 } }),
  "documents/from-url": () => p.client.call(fromUrlRoute, "/api/x", { params: { workspaceId: p.workspaceId }, body: { url: pageUrl } }),
});

describe("document quota", () => {
  it("refuses a new document in a full free workspace with a 409 naming the limit and the plan, at every entry point, storing nothing", async () => {
    const p = await signedInPerson(mailbox);
    const limit = PLANS.free.maxDocuments;
    expect(limit).toBeGreaterThanOrEqual(100);
    addDocumentRecords(p.workspaceId, limit);
    const documentsBefore = countOf("SELECT count(*) AS n FROM documents WHERE workspace_id = ?", p.workspaceId);
    const filesBefore = countOf("SELECT count(*) AS n FROM document_files");
    const requestsBefore = pageRequests;
    for (const [name, call] of Object.entries(entryPoints(p))) {
      const res = await call();
      expect(res.status, name).toBe(409);
      const body = await res.json();
      expect(body.error, name).toContain(`${limit.toLocaleString("en-US")} documents`);
      expect(body.error, name).toContain("Free plan");
    }
    expect(countOf("SELECT count(*) AS n FROM documents WHERE workspace_id = ?", p.workspaceId)).toBe(documentsBefore);
    expect(countOf("SELECT count(*) AS n FROM document_files")).toBe(filesBefore);
    expect(countOf("SELECT count(*) AS n FROM jobs WHERE status = 'queued'")).toBe(0);
    // Nothing was fetched for a workspace that could not keep it.
    expect(pageRequests).toBe(requestsBefore);
  });

  it("lets a pro workspace hold more than the free plan's documents", async () => {
    const p = await signedInPerson(mailbox);
    addDocumentRecords(p.workspaceId, PLANS.free.maxDocuments);
    sqlite().prepare("UPDATE workspace_plans SET plan = 'pro' WHERE workspace_id = ?").run(p.workspaceId);
    expect((await entryPoints(p)["documents/upload (multipart)"]()).status).toBe(201);
  });
});

describe("chunk quota", () => {
  it("refuses new documents once the workspace's chunks fill the plan's quota", async () => {
    const p = await signedInPerson(mailbox);
    addChunkRecords(p.workspaceId, PLANS.free.maxChunks);
    for (const [name, call] of Object.entries(entryPoints(p))) {
      const res = await call();
      expect(res.status, name).toBe(409);
      expect((await res.json()).error, name).toMatch(/25,000 search chunks the Free plan allows/);
    }
  });

  it("fails a document whose chunks would pass the quota while it is processed, storing none of them", async () => {
    const p = await signedInPerson(mailbox);
    const limit = PLANS.free.maxChunks;
    expect(limit).toBeGreaterThanOrEqual(20_000);
    addChunkRecords(p.workspaceId, limit - 10);
    const sections = Array.from({ length: 30 }, (_, i) => `## Stage ${i}\n\nStage ${i} climbs to the next hut.`).join("\n\n");
    const res = await entryPoints(p)["documents/upload (multipart)"]();
    expect(res.status).toBe(201);
    const small = (await res.json()).document.id;
    const big = await (
      await p.client.call(documentUploadRoute, "/api/x", {
        params: { workspaceId: p.workspaceId },
        body: uploadForm(sections, "stages.md"),
      })
    ).json();
    while (await runNextJob());

    // The small one fits and is ready; the big one (30 chunks, 9 places left) fails with the reason.
    const row = (id: string) =>
      sqlite().prepare("SELECT status, error, chunks_total AS total FROM documents WHERE id = ?").get(id) as {
        status: string;
        error: string | null;
        total: number;
      };
    expect(row(small).status).toBe("ready");
    expect(row(big.document.id)).toMatchObject({ status: "failed", total: 0 });
    expect(row(big.document.id).error).toMatch(/needs 30 search chunks.*25,000 the Free plan allows/);
    expect(countOf("SELECT count(*) AS n FROM chunks WHERE document_id = ?", big.document.id)).toBe(0);
    expect(countOf("SELECT count(*) AS n FROM chunks WHERE workspace_id = ?", p.workspaceId)).toBeLessThanOrEqual(limit);
  });
});
