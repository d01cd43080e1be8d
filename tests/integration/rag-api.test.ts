import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/modules/db/database.server";
import { requeueInterruptedJobs, runNextJob } from "~/modules/jobs/jobs.server";
import { createOpenAIEmbeddings } from "~/modules/documents/embeddings.server";
import { ingestDocument, registerIngestion } from "~/modules/rag/ingest.server";
import * as ragRoute from "~/routes/api/rag";
import * as uploadRoute from "~/routes/api/upload";
import * as chatRoute from "~/routes/api/chat";
import * as documentsRoute from "~/routes/api/workspaces.id.documents";
import * as documentUploadRoute from "~/routes/api/workspaces.id.documents.upload";
import * as fromUrlRoute from "~/routes/api/workspaces.id.documents.from-url";
import * as documentRoute from "~/routes/api/workspaces.id.documents.id";
import * as confirmRoute from "~/routes/api/workspaces.id.documents.id.confirm-upload";
import * as downloadUrlRoute from "~/routes/api/workspaces.id.documents.id.download-url";
import * as statusRoute from "~/routes/api/workspaces.id.documents.id.processing-status";
import * as reprocessRoute from "~/routes/api/workspaces.id.documents.id.reprocess";
import * as chunksRoute from "~/routes/api/workspaces.id.documents.id.chunks";
import * as contentRoute from "~/routes/api/workspaces.id.documents.id.content";
import * as kbsRoute from "~/routes/api/workspaces.id.knowledge-bases";
import * as kbRoute from "~/routes/api/workspaces.id.knowledge-bases.id";
import * as kbDocumentsRoute from "~/routes/api/workspaces.id.knowledge-bases.id.documents";
import * as kbAddRoute from "~/routes/api/workspaces.id.knowledge-bases.id.add-documents";
import * as kbRemoveRoute from "~/routes/api/workspaces.id.knowledge-bases.id.remove-documents";
import * as chatKbsRoute from "~/routes/api/workspaces.id.chats.id.knowledge-bases";
import * as attachRoute from "~/routes/api/workspaces.id.chats.id.knowledge-bases.attach";
import * as detachRoute from "~/routes/api/workspaces.id.chats.id.knowledge-bases.detach";
import * as messagesRoute from "~/routes/api/workspaces.id.chats.id.messages";
import * as fileUploadRoute from "~/routes/files/upload";
import * as fileDownloadRoute from "~/routes/files/download";
import { startOpenAIEmbeddingsStandIn, type EmbeddingsStandIn } from "../fakes/openai-embeddings";
import { startSmtpCapture, type Mailbox } from "../fakes/smtp";
import { signedInPerson, type Person } from "../support/accounts";
import { readEvents, startProviders } from "../support/chat";
import { callRoute } from "../support/client";
import { makeDocx, makePdf } from "../support/documents";

const providers = await startProviders();
let embeddings: EmbeddingsStandIn;
let mailbox: Mailbox;
beforeAll(async () => {
  mailbox = await startSmtpCapture();
  process.env.SMTP_URL = mailbox.url;
  embeddings = await startOpenAIEmbeddingsStandIn();
  // Embeddings through the real SDK from the loopback stand-in (1536-d).
  process.env.EMBEDDING_MODEL = "text-embedding-3-small";
  process.env.EMBEDDING_BASE_URL = embeddings.baseURL;
  process.env.EMBEDDING_API_KEY = embeddings.apiKey;
  // from-url may reach the test's own loopback page server, and nothing else private.
  process.env.FETCH_ALLOW_HOSTS = "127.0.0.1";
  registerIngestion();
});
afterAll(async () => {
  await mailbox.close();
  await embeddings.close();
  await providers.close();
});

const person = (name?: string) => signedInPerson(mailbox, name);

/** Runs every queued job, retries included without their backoff wait (and says why a retry was needed). */
async function runJobs() {
  const later = () => new Date(Date.now() + 3_600_000);
  while (await runNextJob(later())) {
    const retried = db()
      .$client.prepare("SELECT kind, key, last_error AS error FROM jobs WHERE status = 'queued' AND last_error IS NOT NULL")
      .all();
    if (retried.length) console.warn("jobs retried:", retried);
  }
}

function form(bytes: Uint8Array, filename: string, type = "application/octet-stream", fields: Record<string, string> = {}) {
  const data = new FormData();
  data.append("file", new Blob([new Uint8Array(bytes)], { type }), filename);
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

const upload = (p: Person, bytes: Uint8Array, filename: string, type?: string) =>
  p.client.call(uploadRoute, "/api/upload", { body: form(bytes, filename, type) });
const docParams = (p: Person, documentId: string) => ({ params: { workspaceId: p.workspaceId, documentId } });
const wsParams = (p: Person) => ({ params: { workspaceId: p.workspaceId } });
const text = (s: string) => new TextEncoder().encode(s);
const count = (sql: string, ...params: unknown[]) =>
  (
    db()
      .$client.prepare(sql)
      .get(...params) as { n: number }
  ).n;

describe("POST /api/upload and processing", () => {
  it("takes a PDF, answers as the spec says, and makes it ready with its pages kept", async () => {
    const p = await person("Pia");
    const pdf = await makePdf([
      ["Cairns mark mountain trails.", "They are piles of stones."],
      ["Page two talks about glaciers and moraines."],
    ]);
    const res = await upload(p, pdf, "trails.pdf", "application/pdf");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({ documentId: expect.any(String), filename: "trails.pdf", status: "processing" });

    await runJobs();
    const status = await (await p.client.call(statusRoute, "/api/x", docParams(p, body.documentId))).json();
    expect(status).toMatchObject({ status: "ready", progress: { percent: 100 } });
    const { chunks, total } = await (await p.client.call(chunksRoute, "/api/x?limit=50", docParams(p, body.documentId))).json();
    expect(total).toBeGreaterThan(0);
    expect(chunks.find((c: { text: string }) => c.text.includes("glaciers")).page).toBe(2);
    expect(chunks.find((c: { text: string }) => c.text.includes("piles of stones")).page).toBe(1);
    const content = await (await p.client.call(contentRoute, "/api/x", docParams(p, body.documentId))).json();
    expect(content.text).toContain("moraines");
    // Embedded in one call for all its chunks, with the configured model.
    expect(embeddings.requests.at(-1)).toMatchObject({ model: "text-embedding-3-small" });
  });

  it("reads DOCX, Markdown, HTML and CSV by their content", async () => {
    const p = await person();
    const files: [Uint8Array, string, string][] = [
      [
        await makeDocx([{ heading: 1, text: "Budget" }, { text: "The budget for trail repair is 40,000 euros." }]),
        "budget.docx",
        "repair is 40,000",
      ],
      [text("# Packing list\n\nBring a headlamp and spare batteries."), "notes.md", "headlamp"],
      [
        text(
          "<html><head><title>Huts</title></head><body><nav>Home | About</nav><article><h1>Mountain huts</h1><p>Huts open in June and close in September, when the first snow falls on the pass.</p><p>Booking is required for groups of more than six walkers in the high season.</p></article></body></html>",
        ),
        "huts.html",
        "first snow",
      ],
      [text("trail,length_km\nNorth ridge,12\nLake loop,5\n"), "trails.csv", "Lake loop"],
    ];
    for (const [bytes, filename, expected] of files) {
      const { documentId } = await (await upload(p, bytes, filename)).json();
      await runJobs();
      const document = await (await p.client.call(documentRoute, "/api/x", docParams(p, documentId))).json();
      expect(document.status, `${filename}: ${document.error}`).toBe("ready");
      const content = await (await p.client.call(contentRoute, "/api/x", docParams(p, documentId))).json();
      expect(content.text).toContain(expected);
    }
  });

  it("refuses a type it cannot read or a file too large with a 400, and keeps nothing", async () => {
    const p = await person();
    const before = count("SELECT count(*) AS n FROM documents WHERE workspace_id = ?", p.workspaceId);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4, 5, 6]);
    const refused = await upload(p, png, "photo.pdf", "application/pdf");
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toBeTruthy();
    const big = new Uint8Array(25 * 1024 * 1024 + 1).fill(0x61);
    expect((await upload(p, big, "big.txt", "text/plain")).status).toBe(400);
    expect((await p.client.call(uploadRoute, "/api/upload", { body: new FormData() })).status).toBe(400);
    expect(count("SELECT count(*) AS n FROM documents WHERE workspace_id = ?", p.workspaceId)).toBe(before);
  });

  it("answers 401 without a session", async () => {
    const res = await callRoute(uploadRoute, "/api/upload", { body: form(text("hello"), "a.txt") });
    expect(res.status).toBe(401);
  });

  it("recognises the same bytes uploaded twice to one workspace", async () => {
    const p = await person();
    const bytes = text("The same note, uploaded twice.");
    const first = await (await upload(p, bytes, "a.txt")).json();
    const second = await (await upload(p, bytes, "copy of a.txt")).json();
    expect(second.documentId).toBe(first.documentId);
    const { documents } = await (await p.client.call(documentsRoute, "/api/x", wsParams(p))).json();
    expect(documents.filter((d: { id: string }) => d.id === first.documentId)).toHaveLength(1);
  });

  it("fails a broken file with a readable reason, without taking anything down", async () => {
    const p = await person();
    const broken = text("%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage without an xref");
    const { documentId } = await (await upload(p, broken, "broken.pdf")).json();
    await runJobs();
    const document = await (await p.client.call(documentRoute, "/api/x", docParams(p, documentId))).json();
    expect(document.status).toBe("failed");
    expect(document.error).toMatch(/PDF/i);
  });
});

describe("POST /api/rag", () => {
  it("answers 400, 404, 403 and 401 as the spec names them, and 200 when it re-queues", async () => {
    const owner = await person();
    const stranger = await person();
    const { documentId } = await (await upload(owner, text("A note about rivers and fords."), "rivers.txt")).json();
    await runJobs();

    expect((await owner.client.call(ragRoute, "/api/rag", { body: { documentId: "not-an-id" } })).status).toBe(400);
    expect((await owner.client.call(ragRoute, "/api/rag", { body: {} })).status).toBe(400);
    expect((await owner.client.call(ragRoute, "/api/rag", { body: { documentId: crypto.randomUUID() } })).status).toBe(404);
    expect((await stranger.client.call(ragRoute, "/api/rag", { body: { documentId } })).status).toBe(403);
    expect((await callRoute(ragRoute, "/api/rag", { body: { documentId } })).status).toBe(401);

    const res = await owner.client.call(ragRoute, "/api/rag", { body: { documentId } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ success: true, message: "Document processing started" });
    const status = await (await owner.client.call(statusRoute, "/api/x", docParams(owner, documentId))).json();
    expect(status.status).toBe("processing");
    await runJobs();
    const ready = await (await owner.client.call(statusRoute, "/api/x", docParams(owner, documentId))).json();
    expect(ready.status).toBe("ready");
    // Started over cleanly: one set of chunks, not two.
    expect(count("SELECT count(*) AS n FROM chunks WHERE document_id = ?", documentId)).toBe(1);
  });
});

describe("two-step upload with signed URLs", () => {
  it("issues an upload URL, takes the bytes there, confirms, and serves them back by a signed link", async () => {
    const p = await person();
    const bytes = text("# Field guide\n\nAlpine choughs nest in cliffs above 2,000 metres.");
    const start = await p.client.call(documentUploadRoute, "/api/x", {
      ...wsParams(p),
      body: { filename: "guide.md", contentType: "text/markdown", size: bytes.length },
    });
    expect(start.status).toBe(201);
    const { document, uploadUrl } = await start.json();
    expect(document.status).toBe("awaiting_upload");

    // Not confirmable before the file arrives.
    expect((await p.client.call(confirmRoute, "/api/x", { ...docParams(p, document.id), body: {} })).status).toBe(409);
    // A tampered or foreign signature is refused.
    const url = new URL(uploadUrl);
    const tampered = new URL(url);
    tampered.searchParams.set("signature", "x".repeat(43));
    const params = { params: { documentId: document.id } };
    expect(
      (await callRoute(fileUploadRoute, tampered.pathname + tampered.search, { method: "PUT", body: "hello", ...params })).status,
    ).toBe(403);
    const put = await callRoute(fileUploadRoute, url.pathname + url.search, {
      method: "PUT",
      body: new TextDecoder().decode(bytes),
      ...params,
      origin: null,
    });
    expect(put.status).toBe(200);

    const confirmed = await p.client.call(confirmRoute, "/api/x", { ...docParams(p, document.id), body: {} });
    expect((await confirmed.json()).status).toBe("processing");
    await runJobs();
    expect((await (await p.client.call(statusRoute, "/api/x", docParams(p, document.id))).json()).status).toBe("ready");

    const { url: downloadUrl, expiresAt } = await (await p.client.call(downloadUrlRoute, "/api/x", docParams(p, document.id))).json();
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now());
    const download = new URL(downloadUrl);
    const file = await callRoute(fileDownloadRoute, download.pathname + download.search, params);
    expect(file.status).toBe(200);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
    // The same link cannot fetch another document.
    expect(
      (await callRoute(fileDownloadRoute, download.pathname + download.search, { params: { documentId: crypto.randomUUID() } })).status,
    ).toBe(403);
  });
});

describe("isolation between workspaces", () => {
  it("never shows, chunks, downloads, files or cites another workspace's document", async () => {
    const owner = await person();
    const other = await person();
    const { documentId } = await (await upload(owner, text("The secret code of the owner's team is 4417."), "secret.txt")).json();
    await runJobs();
    for (const route of [documentRoute, chunksRoute, contentRoute, statusRoute, downloadUrlRoute])
      expect((await other.client.call(route, "/api/x", docParams(other, documentId))).status).toBe(404);
    // Through the owner's workspace id too: the other person is no member there.
    expect((await other.client.call(documentRoute, "/api/x", docParams(owner, documentId))).status).toBe(404);
    const { documents } = await (await other.client.call(documentsRoute, "/api/x", wsParams(other))).json();
    expect(documents).toEqual([]);
    const kb = await (await other.client.call(kbsRoute, "/api/x", { ...wsParams(other), body: { name: "Mine" } })).json();
    expect(
      (
        await other.client.call(kbAddRoute, "/api/x", {
          params: { workspaceId: other.workspaceId, knowledgeBaseId: kb.id },
          body: { documentIds: [documentId] },
        })
      ).status,
    ).toBe(422);
    const asked = await other.client.call(chatRoute, "/api/chat", {
      body: { messages: [{ role: "user", content: "What is the secret code?" }], documentIds: [documentId] },
    });
    expect(asked.status).toBe(422);
  });
});

describe("answers grounded in documents", () => {
  it("carries numbered sources into the prompt, streams them, and keeps them with the answer", async () => {
    const p = await person();
    const { documentId } = await (
      await upload(
        p,
        text(
          "# Ferries\n\nThe ferry to Skye leaves Mallaig at **09:40** every morning.\n\n# Buses\n\nThe bus to Fort William runs hourly.",
        ),
        "timetable.md",
      )
    ).json();
    await runJobs();
    providers.openai.script({ tokens: ["It", " leaves", " at", " 09:40", " [1]."] });
    const res = await p.client.call(chatRoute, "/api/chat", {
      body: { messages: [{ role: "user", content: "When does the ferry to Skye leave?" }], documentIds: [documentId] },
      headers: { Accept: "text/event-stream" },
    });
    expect(res.status).toBe(200);
    const events = await readEvents(res);
    const meta = events.find((e) => e.event === "meta")!.data;
    expect(meta.sources[0]).toMatchObject({ n: 1, documentId, filename: "timetable.md" });
    // Shown as plain text while streaming as after, with the markup gone; the model gets the source as written.
    expect(meta.sources[0].excerpt).toContain("Mallaig at 09:40 every morning");
    const prompt = providers.openai.requests.at(-1)!.messages as { role: string; content: string }[];
    expect(prompt[0]!.role).toBe("system");
    expect(prompt[0]!.content).toContain("[1] timetable.md");
    expect(prompt[0]!.content).toContain("Mallaig at **09:40**");

    const chatId = res.headers.get("x-chat-id")!;
    const chat = await (
      await p.client.call(await import("~/routes/api/workspaces.id.chats.id"), "/api/x", { params: { workspaceId: p.workspaceId, chatId } })
    ).json();
    const answer = chat.messages.find((m: { role: string }) => m.role === "assistant");
    expect(answer.sources.map((s: { documentId: string }) => s.documentId)).toContain(documentId);
    expect(answer.sources[0].excerpt).toBe(meta.sources[0].excerpt);
  });

  it("scopes answers to a chat's attached knowledge bases, and stops when they are detached", async () => {
    const p = await person();
    const a = await (await upload(p, text("Glacier Alpha retreats eleven metres a year."), "alpha.txt")).json();
    const b = await (await upload(p, text("Glacier Beta advances two metres a year."), "beta.txt")).json();
    await runJobs();
    const kbParams = (id: string) => ({ params: { workspaceId: p.workspaceId, knowledgeBaseId: id } });
    const created = await p.client.call(kbsRoute, "/api/x", { ...wsParams(p), body: { name: "Beta only", documentIds: [b.documentId] } });
    expect(created.status).toBe(201);
    const kb = await created.json();
    expect(kb.documentCount).toBe(1);
    expect(
      (await (await p.client.call(kbRoute, "/api/x", { ...kbParams(kb.id), method: "PUT", body: { description: "Only Beta" } })).json())
        .description,
    ).toBe("Only Beta");
    await p.client.call(kbAddRoute, "/api/x", { ...kbParams(kb.id), body: { documentIds: [a.documentId] } });
    await p.client.call(kbRemoveRoute, "/api/x", { ...kbParams(kb.id), body: { documentIds: [a.documentId] } });
    const listed = await (await p.client.call(kbDocumentsRoute, "/api/x", kbParams(kb.id))).json();
    expect(listed.documents.map((d: { id: string }) => d.id)).toEqual([b.documentId]);

    const first = await p.client.call(chatRoute, "/api/chat", { body: { messages: [{ role: "user", content: "Hello" }] } });
    const chatId = first.headers.get("x-chat-id")!;
    await first.text();
    const chatParams = { params: { workspaceId: p.workspaceId, chatId } };
    const attached = await p.client.call(attachRoute, "/api/x", { ...chatParams, body: { knowledgeBaseIds: [kb.id] } });
    expect((await attached.json()).knowledgeBases.map((k: { id: string }) => k.id)).toEqual([kb.id]);
    expect((await (await p.client.call(chatKbsRoute, "/api/x", chatParams)).json()).knowledgeBases).toHaveLength(1);

    const asked = await p.client.call(messagesRoute, "/api/x", {
      ...chatParams,
      body: { content: "How fast does the glacier move?" },
      headers: { Accept: "text/event-stream" },
    });
    const meta = (await readEvents(asked)).find((e) => e.event === "meta")!.data;
    expect(meta.sources.map((s: { documentId: string }) => s.documentId)).toEqual([b.documentId]);

    await p.client.call(detachRoute, "/api/x", { ...chatParams, body: { knowledgeBaseIds: [kb.id] } });
    const plain = await p.client.call(messagesRoute, "/api/x", {
      ...chatParams,
      body: { content: "And now?" },
      headers: { Accept: "text/event-stream" },
    });
    expect((await readEvents(plain)).find((e) => e.event === "meta")!.data.sources).toEqual([]);

    expect((await p.client.call(kbRoute, "/api/x", { ...kbParams(kb.id), method: "DELETE" })).status).toBe(204);
    expect((await p.client.call(kbRoute, "/api/x", kbParams(kb.id))).status).toBe(404);
  });
});

describe("documents from a URL", () => {
  it("reads a page's article text, and refuses private addresses and redirects into them", async () => {
    const p = await person();
    const server = http.createServer((req, res) => {
      if (req.url === "/redirect") return void res.writeHead(302, { Location: "http://169.254.169.254/latest/meta-data" }).end();
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(
        "<html><head><title>Scree</title></head><body><nav>Menu Login Shop</nav><article><h1>Walking on scree</h1><p>Scree is loose broken rock at the foot of a cliff. Walk across it slowly and keep your weight over your feet.</p><p>Never run down a scree slope in a group, because the stones you loosen fall onto the people below you.</p></article><footer>Copyright</footer></body></html>",
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      // A private address is refused before anything is fetched.
      const refused = await p.client.call(fromUrlRoute, "/api/x", { ...wsParams(p), body: { url: "http://10.255.255.1/notes.txt" } });
      expect(refused.status).toBe(422);
      expect((await refused.json()).error).toMatch(/private/i);

      const created = await p.client.call(fromUrlRoute, "/api/x", { ...wsParams(p), body: { url: `${base}/scree` } });
      expect(created.status).toBe(201);
      const { document } = await created.json();
      expect(document.sourceUrl).toBe(`${base}/scree`);
      await runJobs();
      const content = await (await p.client.call(contentRoute, "/api/x", docParams(p, document.id))).json();
      expect(content.text).toContain("loose broken rock");
      expect(content.text).not.toContain("Menu Login Shop");
      // A redirect into the cloud metadata address is refused even from an allowed host.
      expect((await p.client.call(fromUrlRoute, "/api/x", { ...wsParams(p), body: { url: `${base}/redirect` } })).status).toBe(422);
      expect((await p.client.call(fromUrlRoute, "/api/x", { ...wsParams(p), body: { url: "ftp://example.com/a.txt" } })).status).toBe(422);
    } finally {
      server.close();
    }
  });
});

describe("jobs and deletion", () => {
  it("resumes an interrupted ingestion after its last stored batch, without duplicates", async () => {
    const p = await person();
    const paragraphs = Array.from(
      { length: 3200 },
      (_, i) =>
        `Paragraph ${i} describes waypoint ${i} of the long route, its height, its shelter and its water source in some detail so that it fills a chunk of its own.`,
    );
    const { documentId } = await (await upload(p, text(paragraphs.join("\n\n")), "route.txt")).json();

    // A worker that dies after its first stored batch: stop it there, leave the job "running".
    const { claimNextJob } = await import("~/modules/jobs/jobs.server");
    const job = claimNextJob()!;
    const counting = createOpenAIEmbeddings({ apiKey: embeddings.apiKey, baseURL: embeddings.baseURL, model: "text-embedding-3-small" });
    const embedCalls: number[] = [];
    const provider = { ...counting, embed: (texts: string[]) => (embedCalls.push(texts.length), counting.embed(texts)) };
    const storedSoFar = () => count("SELECT count(*) AS n FROM chunks WHERE document_id = ?", documentId);
    await ingestDocument(job.key, { cancelled: () => storedSoFar() >= 256 }, provider);
    expect(storedSoFar()).toBe(256);
    expect(embedCalls).toEqual([256]);
    const status = await (await p.client.call(statusRoute, "/api/x", docParams(p, documentId))).json();
    expect(status.status).toBe("processing");
    expect(status.progress.chunksDone).toBe(256);

    // The next start puts the job back and finishes it from chunk 256.
    expect(requeueInterruptedJobs()).toBe(1);
    const before = embeddings.requests.length;
    await runJobs();
    const total = status.progress.chunksTotal;
    expect(count("SELECT count(*) AS n FROM chunks WHERE document_id = ?", documentId)).toBe(total);
    expect(count("SELECT count(DISTINCT ordinal) AS n FROM chunks WHERE document_id = ?", documentId)).toBe(total);
    const resumedTexts = embeddings.requests.slice(before).reduce((n, r) => n + r.input.length, 0);
    expect(resumedTexts).toBe(total - 256);
    expect((await (await p.client.call(statusRoute, "/api/x", docParams(p, documentId))).json()).status).toBe("ready");
  });

  it("deletes a document with its chunks, full-text rows and vectors: no orphans", async () => {
    const p = await person();
    const { documentId } = await (
      await upload(p, text("Orphans must not remain after deleting this note about avalanches."), "avalanche.txt")
    ).json();
    await runJobs();
    const chunkIds = (db().$client.prepare("SELECT id FROM chunks WHERE document_id = ?").all(documentId) as { id: number }[]).map(
      (c) => c.id,
    );
    expect(chunkIds.length).toBeGreaterThan(0);
    const inIds = `(${chunkIds.join(",")})`;
    expect(count(`SELECT count(*) AS n FROM chunk_embeddings WHERE chunk_id IN ${inIds}`)).toBe(chunkIds.length);
    expect(count(`SELECT count(*) AS n FROM chunk_vectors WHERE rowid IN ${inIds}`)).toBe(chunkIds.length);

    expect((await p.client.call(documentRoute, "/api/x", { ...docParams(p, documentId), method: "DELETE" })).status).toBe(204);
    expect(count("SELECT count(*) AS n FROM chunks WHERE document_id = ?", documentId)).toBe(0);
    expect(count(`SELECT count(*) AS n FROM chunk_embeddings WHERE chunk_id IN ${inIds}`)).toBe(0);
    expect(count(`SELECT count(*) AS n FROM chunk_vectors WHERE rowid IN ${inIds}`)).toBe(0);
    expect(count(`SELECT count(*) AS n FROM chunks_fts WHERE chunks_fts MATCH 'avalanches'`)).toBe(0);
    expect(count("SELECT count(*) AS n FROM document_files WHERE document_id = ?", documentId)).toBe(0);
    expect((await p.client.call(documentRoute, "/api/x", docParams(p, documentId))).status).toBe(404);
  });

  it("reprocess starts over and PUT renames", async () => {
    const p = await person();
    const { documentId } = await (await upload(p, text("Reprocess me."), "r.txt")).json();
    await runJobs();
    const res = await p.client.call(reprocessRoute, "/api/x", { ...docParams(p, documentId), body: {} });
    expect(res.status).toBe(202);
    expect((await res.json()).status).toBe("processing");
    await runJobs();
    expect(count("SELECT count(*) AS n FROM chunks WHERE document_id = ?", documentId)).toBe(1);
    const renamed = await p.client.call(documentRoute, "/api/x", {
      ...docParams(p, documentId),
      method: "PUT",
      body: { title: "Renamed" },
    });
    expect((await renamed.json()).title).toBe("Renamed");
    expect((await p.client.call(documentRoute, "/api/x", { ...docParams(p, documentId), method: "PUT", body: {} })).status).toBe(422);
  });
});

describe("npm run reindex", () => {
  it("rebuilds every vector for a new model or dimension, keeping chunks and search working", async () => {
    const p = await person();
    await upload(p, text("Marmots whistle to warn each other of eagles."), "marmots.txt");
    await runJobs();
    const { reindexAllChunks } = await import("~/modules/rag/reindex.server");
    const { vectorIndexInfo } = await import("~/modules/rag/vector-index.server");
    const { retrieveChunks } = await import("~/modules/rag/retrieve.server");
    const chunksBefore = count("SELECT count(*) AS n FROM chunks");
    const smaller = createOpenAIEmbeddings({
      apiKey: embeddings.apiKey,
      baseURL: embeddings.baseURL,
      model: "text-embedding-3-small",
      dimensions: 512,
    });
    const progress: number[] = [];
    await reindexAllChunks(smaller, (done) => progress.push(done));
    expect(vectorIndexInfo()).toEqual({ model: smaller.id, dimensions: 512 });
    expect(count("SELECT count(*) AS n FROM chunks")).toBe(chunksBefore);
    expect(count("SELECT count(*) AS n FROM chunk_embeddings")).toBe(chunksBefore);
    expect(progress.at(-1)).toBe(chunksBefore);
    const hits = await retrieveChunks(p.workspaceId, "Why do marmots whistle?", { provider: smaller, documentIds: [] });
    expect(hits[0]?.text).toContain("Marmots whistle");
  });
});
