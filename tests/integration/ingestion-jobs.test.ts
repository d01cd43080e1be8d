// The job worker's fair turns between workspaces, its primary check, and the
// ingestion job's shared embedding calls — on a real SQLite file, with
// embeddings through the real SDK from the loopback stand-in.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/database.server";
import { enqueueJob, registerJobHandler, runNextJob } from "~/modules/jobs/jobs.server";
import { registerIngestion } from "~/modules/rag/ingest.server";
import * as documentUploadRoute from "~/routes/api/workspaces.id.documents.upload";
import { startOpenAIEmbeddingsStandIn, type EmbeddingsStandIn } from "../fakes/openai-embeddings";
import { startSmtpCapture, type Mailbox } from "../fakes/smtp";
import { signedInPerson, type Person } from "../support/accounts";

let embeddings: EmbeddingsStandIn;
let mailbox: Mailbox;
beforeAll(async () => {
  mailbox = await startSmtpCapture();
  process.env.SMTP_URL = mailbox.url;
  embeddings = await startOpenAIEmbeddingsStandIn();
  process.env.EMBEDDING_MODEL = "text-embedding-3-small";
  process.env.EMBEDDING_BASE_URL = embeddings.baseURL;
  process.env.EMBEDDING_API_KEY = embeddings.apiKey;
  registerIngestion();
});
afterAll(async () => {
  await mailbox.close();
  await embeddings.close();
});

const person = () => signedInPerson(mailbox);

async function upload(p: Person, content: string, filename: string): Promise<string> {
  const data = new FormData();
  data.append("file", new Blob([content], { type: "text/markdown" }), filename);
  const res = await p.client.call(documentUploadRoute, "/api/x", { params: { workspaceId: p.workspaceId }, body: data });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()).document.id;
}

const statusOf = (documentId: string) =>
  (db().$client.prepare("SELECT status FROM documents WHERE id = ?").get(documentId) as { status: string }).status;
const chunksOf = (documentId: string) =>
  (db().$client.prepare("SELECT count(*) AS n FROM chunks WHERE document_id = ?").get(documentId) as { n: number }).n;

/** A Markdown document of `sections` headed sections: one chunk each. */
const sectioned = (name: string, sections: number) =>
  Array.from({ length: sections }, (_, i) => `## ${name} part ${i}\n\n${name} part ${i} tells of stage ${i} of the walk.`).join("\n\n");

async function runAll() {
  while (await runNextJob());
}

describe("fair turns between workspaces", () => {
  it("processes workspace B's one document before workspace A's long queue drains, and lane-less jobs (mail) go first", async () => {
    const [a, b] = [await person(), await person()];
    const aDocuments: string[] = [];
    for (let i = 0; i < 20; i++) aDocuments.push(await upload(a, sectioned(`Atlas ${i}`, 2), `atlas-${i}.md`));
    const bDocument = await upload(b, sectioned("Beacon", 2), "beacon.md");
    const ran: string[] = [];
    registerJobHandler("test-probe", async (job) => void ran.push(job.key));
    enqueueJob("test-probe", "no-lane");

    // Turn after turn, noting when B's document is ready and how much of A's queue is left.
    let turns = 0;
    let aLeftWhenBReady: number | undefined;
    let noLaneTurn: number | undefined;
    while (await runNextJob()) {
      turns++;
      if (noLaneTurn === undefined && ran.length) noLaneTurn = turns;
      const aLeft = aDocuments.filter((id) => statusOf(id) !== "ready").length;
      if (aLeftWhenBReady === undefined && statusOf(bDocument) === "ready") aLeftWhenBReady = aLeft;
    }
    expect(aLeftWhenBReady).toBeGreaterThan(0);
    expect(aDocuments.every((id) => statusOf(id) === "ready")).toBe(true);
    expect(ran).toEqual(["no-lane"]);
    expect(noLaneTurn).toBe(1);
    // A took more than one turn: its queue does not go through in one piece.
    expect(turns).toBeGreaterThanOrEqual(4);
  });
});

describe("the primary check", () => {
  const litefsDir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-litefs-"));
  afterEach(() => {
    delete process.env.LITEFS_DIR;
    fs.rmSync(path.join(litefsDir, ".primary"), { force: true });
  });

  it("runs no job while this node is a replica, and resumes when it is the primary again", async () => {
    const [a, b] = [await person(), await person()];
    const first = await upload(a, sectioned("Ridge", 1), "ridge.md");
    const second = await upload(b, sectioned("Valley", 1), "valley.md");
    process.env.LITEFS_DIR = litefsDir;
    expect(await runNextJob()).toBe(true);
    const done = [first, second].filter((id) => statusOf(id) === "ready");
    expect(done).toHaveLength(1);

    // LiteFS moved the primary elsewhere: this node's worker must not take the next job.
    fs.writeFileSync(path.join(litefsDir, ".primary"), "other-node\n");
    expect(await runNextJob()).toBe(false);
    const waiting = [first, second].find((id) => statusOf(id) !== "ready")!;
    expect(statusOf(waiting)).toBe("processing");
    const job = db().$client.prepare("SELECT status FROM jobs WHERE key = ?").get(waiting) as { status: string };
    expect(job.status).toBe("queued");

    fs.rmSync(path.join(litefsDir, ".primary"));
    await runAll();
    expect(statusOf(waiting)).toBe("ready");
  });
});

describe("embedding calls shared across a workspace's queued documents", () => {
  it("embeds three documents of 100 chunks in two calls of at most 256 texts instead of three", async () => {
    const p = await person();
    const ids = [await upload(p, sectioned("Alder", 100), "alder.md")];
    ids.push(await upload(p, sectioned("Birch", 100), "birch.md"));
    ids.push(await upload(p, sectioned("Cedar", 100), "cedar.md"));
    const before = embeddings.requests.length;
    await runAll();
    expect(ids.map(statusOf)).toEqual(["ready", "ready", "ready"]);
    expect(ids.map(chunksOf)).toEqual([100, 100, 100]);
    const requests = embeddings.requests.slice(before);
    expect(requests.map((r) => r.input.length)).toEqual([256, 44]);
    // The first call carries chunks of all three documents.
    const first = requests[0]!.input.join("\n");
    for (const name of ["Alder", "Birch", "Cedar"]) expect(first).toContain(`${name} part`);
  });
});
