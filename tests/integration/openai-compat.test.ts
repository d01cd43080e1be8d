// The OpenAI-compatible API (/v1) as programs use it: the official `openai`
// client, pointed at Cairn over real HTTP with a Cairn key, against the
// OpenAI and Anthropic stand-ins. The HTTP server serves app/routes.ts's API
// routes through the same middleware chain as React Router (tests/support/api-server.ts),
// so the ledger, the stored chats and the stand-ins can be checked in-process.
import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { workspacePlans } from "#db/schema";
import { estimateCostCredits, findModel } from "~/modules/ai/models";
import { availableCredits, creditBalance, listCreditTransactions, recordCredits } from "~/modules/billing/credits.server";
import { db } from "~/modules/db/database.server";
import { runNextJob } from "~/modules/jobs/jobs.server";
import { registerIngestion } from "~/modules/rag/ingest.server";
import * as chatRoute from "~/routes/api/chat";
import * as chatsRoute from "~/routes/api/workspaces.id.chats";
import * as chatByIdRoute from "~/routes/api/workspaces.id.chats.id";
import * as apiKeysRoute from "~/routes/api/workspaces.id.api-keys";
import * as apiKeyRoute from "~/routes/api/workspaces.id.api-keys.id";
import * as kbsRoute from "~/routes/api/workspaces.id.knowledge-bases";
import * as uploadRoute from "~/routes/api/upload";
import { startSmtpCapture, type Mailbox } from "../fakes/smtp";
import { signedInPerson, type Person } from "../support/accounts";
import { startApiServer } from "../support/api-server";
import { startProviders, until } from "../support/chat";
import { callRoute } from "../support/client";

// Set before the first env() read: a model budget small enough to reach, keyword-only retrieval, a listed origin.
process.env.RATE_LIMIT_MODEL_PER_MINUTE = "8";
process.env.EMBEDDING_MODEL = "none";
process.env.CORS_ORIGINS = "https://tool.example";

const providers = await startProviders();
const server = await startApiServer();
let mailbox: Mailbox;
beforeAll(async () => {
  mailbox = await startSmtpCapture();
  process.env.SMTP_URL = mailbox.url;
  registerIngestion();
});
afterAll(async () => {
  await mailbox.close();
  await server.close();
  await providers.close();
});
afterEach(() => vi.useRealTimers());

const setPlan = (p: Person, plan: "free" | "pro") =>
  db().update(workspacePlans).set({ plan }).where(eq(workspacePlans.workspaceId, p.workspaceId)).run();

async function makeKey(p: Person): Promise<{ id: string; key: string }> {
  const res = await p.client.call(apiKeysRoute, "/api/x", { body: { name: "script" }, params: { workspaceId: p.workspaceId } });
  expect(res.status).toBe(201);
  return res.json();
}

/** A signed-in person, and the official client with a fresh key of their workspace (each key has its own model budget). */
async function scripted(name?: string) {
  const p = await signedInPerson(mailbox, name);
  const { key } = await makeKey(p);
  return { p, key, openai: clientFor(key) };
}
const clientFor = (key: string) => new OpenAI({ baseURL: `${server.url}/v1`, apiKey: key, maxRetries: 0 });

const lastUsage = (p: Person) => listCreditTransactions(p.workspaceId, { limit: 1, offset: 0, type: "usage" }).transactions[0]!;
const getChat = async (p: Person, chatId: string) =>
  (await p.client.call(chatByIdRoute, "/api/x", { params: { workspaceId: p.workspaceId, chatId } })).json();
const text = (s: string) => new TextEncoder().encode(s);

async function runJobs() {
  while (await runNextJob(new Date(Date.now() + 3_600_000)));
}

/** The error a call rejects with (and fails the test if it does not). */
async function refusal(call: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OpenAI.APIError);
  return error as InstanceType<typeof OpenAI.APIError>;
}

describe("GET /v1/models", () => {
  it("lists the models the workspace's plan includes, in OpenAI's shape, and all of them on pro", async () => {
    const { p, openai } = await scripted();
    const free = [];
    for await (const model of openai.models.list()) free.push(model);
    expect(free.map((m) => m.id).sort()).toEqual(["claude-haiku-4-5", "gpt-4.1-mini", "gpt-4o-mini"]);
    expect(free.find((m) => m.id === "gpt-4o-mini")).toEqual({
      id: "gpt-4o-mini",
      object: "model",
      created: 1721260800,
      owned_by: "openai",
    });
    expect(free.find((m) => m.id === "claude-haiku-4-5")!.owned_by).toBe("anthropic");

    expect(await openai.models.retrieve("gpt-4o-mini")).toMatchObject({ id: "gpt-4o-mini", object: "model" });
    const locked = await refusal(openai.models.retrieve("gpt-4o"));
    expect(locked).toBeInstanceOf(OpenAI.NotFoundError);
    expect(locked.code).toBe("model_not_found");

    setPlan(p, "pro");
    const pro = (await openai.models.list()).data.map((m) => m.id);
    expect(pro).toEqual(
      expect.arrayContaining(["gpt-4o", "gpt-4-turbo", "claude-3-5-sonnet-20241022", "claude-3-opus-20240229", "gpt-4.1"]),
    );
    expect(pro).toHaveLength(9);
  });
});

describe("POST /v1/chat/completions with an OpenAI model", () => {
  it("answers as a chat.completion with usage, passes the sampling on, pays from the workspace and stores an API chat", async () => {
    const { p, openai } = await scripted();
    const before = creditBalance(p.workspaceId);
    providers.openai.script({ tokens: ["Cairns", " mark", " trails."] });
    const { data: completion, response } = await openai.chat.completions
      .create({
        model: "gpt-4o-mini",
        messages: [
          { role: "system", content: "Answer in one sentence." },
          { role: "user", content: "What is a cairn?" },
        ],
        max_tokens: 50,
        temperature: 0.2,
        stop: ["END"],
      })
      .withResponse();

    expect(completion).toMatchObject({
      id: expect.stringMatching(/^chatcmpl-/),
      object: "chat.completion",
      model: "gpt-4o-mini",
      choices: [{ index: 0, message: { role: "assistant", content: "Cairns mark trails." }, finish_reason: "stop" }],
    });
    expect(completion).not.toHaveProperty("sources");
    const upstream = providers.openai.requests.at(-1)!;
    expect(upstream).toMatchObject({ temperature: 0.2, stop: ["END"], max_completion_tokens: 50 });
    expect(upstream.messages).toEqual([
      { role: "system", content: "Answer in one sentence." },
      { role: "user", content: "What is a cairn?" },
    ]);
    // The provider's own counts, charged at the catalog's price.
    const usage = completion.usage!;
    expect(usage.completion_tokens).toBe(3);
    expect(usage.total_tokens).toBe(usage.prompt_tokens + 3);
    const charged = estimateCostCredits(findModel("gpt-4o-mini")!, usage.prompt_tokens, usage.completion_tokens);
    expect(creditBalance(p.workspaceId)).toBe(before - charged);
    expect(lastUsage(p)).toMatchObject({ amount: -charged, description: "API answer with GPT-4o mini", modelId: "gpt-4o-mini" });

    // Stored as a chat of the workspace, readable by its id, kept out of the people's chat list.
    const chatId = response.headers.get("x-chat-id")!;
    const chat = await getChat(p, chatId);
    expect(chat.messages.map((m: { role: string; content: string }) => [m.role, m.content])).toEqual([
      ["system", "Answer in one sentence."],
      ["user", "What is a cairn?"],
      ["assistant", "Cairns mark trails."],
    ]);
    expect(chat.messages[2]).toMatchObject({ status: "complete", credits: charged });
    const listed = await (await p.client.call(chatsRoute, "/api/x", { params: { workspaceId: p.workspaceId } })).json();
    expect(listed.chats.map((c: { id: string }) => c.id)).not.toContain(chatId);
  });

  it("streams chat.completion.chunk events, ending with finish_reason, a usage chunk and [DONE]", async () => {
    const { p, openai } = await scripted();
    providers.openai.script({ tokens: ["One", " step", " at", " a", " time."] });
    const stream = await openai.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Give me a motto." }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.every((c) => c.object === "chat.completion.chunk" && c.model === "gpt-4o-mini")).toBe(true);
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    expect(chunks[0]!.choices[0]!.delta).toEqual({ role: "assistant", content: "" });
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toBe("One step at a time.");
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe("stop");
    const usage = chunks.at(-1)!;
    expect(usage.choices).toEqual([]);
    expect(usage.usage).toMatchObject({ completion_tokens: 5, prompt_tokens: expect.any(Number) });
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
    expect(lastUsage(p).amount).toBe(-estimateCostCredits(findModel("gpt-4o-mini")!, usage.usage!.prompt_tokens, 5));

    // On the wire, the stream ends with the [DONE] sentinel; without include_usage there is no usage chunk.
    providers.openai.script({ tokens: ["Plain."] });
    const raw = await fetch(`${server.url}/v1/chat/completions`, {
      method: "POST",
      headers: { Authorization: `Bearer ${(await makeKey(p)).key}`, "Content-Type": "application/json" },
      body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }], stream: true }),
    });
    expect(raw.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const body = await raw.text();
    expect(body.trimEnd().endsWith("data: [DONE]")).toBe(true);
    expect(body).not.toContain('"usage"');
  });

  it("ends the answer at a stop sequence, and at max_tokens with finish_reason length", async () => {
    const { openai } = await scripted();
    const words = ["one", " two", " three", " four"];
    providers.openai.script({ tokens: words });
    const stopped = await openai.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Count." }],
      stop: " three",
    });
    expect(stopped.choices[0]).toMatchObject({ message: { content: "one two" }, finish_reason: "stop" });

    providers.openai.script({ tokens: words });
    const cut = await openai.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Count." }],
      max_completion_tokens: 2,
    });
    expect(cut.choices[0]).toMatchObject({ message: { content: "one two" }, finish_reason: "length" });
    expect(cut.usage!.completion_tokens).toBe(2);
  });

  it("reports a provider failure mid-stream as an error the client raises, and charges only what was produced", async () => {
    const { p, openai } = await scripted();
    providers.openai.script({ tokens: ["Half", " an", " answer"], failAfterTokens: 2 });
    const stream = await openai.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Go" }],
      stream: true,
    });
    const received: string[] = [];
    const failure = await refusal(
      (async () => {
        for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? "");
      })(),
    );
    expect(failure.message).toMatch(/OpenAI/);
    expect(received.join("")).toBe("Half an");
    expect(availableCredits(p.workspaceId)).toBe(creditBalance(p.workspaceId));
    expect(lastUsage(p).amount).toBeLessThan(0);
  });

  it("answers a provider failure before the end of a non-streamed answer with 502 server_error", async () => {
    const { p, openai } = await scripted();
    providers.openai.script({ tokens: ["Half", " an", " answer"], failAfterTokens: 2 });
    const failure = await refusal(openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Go" }] }));
    expect(failure).toMatchObject({ status: 502, type: "server_error" });
    expect(availableCredits(p.workspaceId)).toBe(creditBalance(p.workspaceId));
  });

  it("stops the provider and settles the hold when the client aborts a stream", async () => {
    const { p, openai } = await scripted();
    providers.openai.script({ tokens: ["Never", " ending"], hang: true });
    const stream = await openai.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Go" }],
      stream: true,
    });
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) break;
    }
    await until(() => providers.openai.openStreams === 0 && availableCredits(p.workspaceId) === creditBalance(p.workspaceId));
    expect(lastUsage(p).amount).toBeLessThan(0);
  });
});

describe("POST /v1/chat/completions with an Anthropic model", () => {
  it("translates the request into Anthropic's format and the answer back, streamed and not", async () => {
    const { p, openai } = await scripted();
    setPlan(p, "pro");
    const before = creditBalance(p.workspaceId);
    providers.anthropic.script({ tokens: ["Stones", " on", " stones."] });
    const completion = await openai.chat.completions.create({
      model: "claude-3-5-sonnet-20241022",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "What is a cairn?" },
        { role: "assistant", content: "A pile." },
        { role: "user", content: [{ type: "text", text: "Of what?" }] },
      ],
      max_tokens: 100,
      temperature: 1.5,
      stop: ["\n\n"],
    });
    expect(completion.choices[0]).toMatchObject({ message: { role: "assistant", content: "Stones on stones." }, finish_reason: "stop" });
    const upstream = providers.anthropic.requests.at(-1)!;
    expect(upstream).toMatchObject({
      model: "claude-3-5-sonnet-20241022",
      system: "Be brief.",
      max_tokens: 100,
      // OpenAI's scale goes to 2, Anthropic's to 1.
      temperature: 1,
      stop_sequences: ["\n\n"],
    });
    expect(upstream.messages).toEqual([
      { role: "user", content: "What is a cairn?" },
      { role: "assistant", content: "A pile." },
      { role: "user", content: "Of what?" },
    ]);
    const charged = estimateCostCredits(findModel("claude-3-5-sonnet-20241022")!, completion.usage!.prompt_tokens, 3);
    expect(completion.usage!.completion_tokens).toBe(3);
    expect(creditBalance(p.workspaceId)).toBe(before - charged);

    providers.anthropic.script({ tokens: ["Cut", " short", " here"] });
    const stream = await openai.chat.completions.create({
      model: "claude-3-5-sonnet-20241022",
      messages: [{ role: "user", content: "Talk." }],
      max_tokens: 2,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toBe("Cut short");
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe("length");
    expect(chunks.at(-1)!.usage).toMatchObject({ completion_tokens: 2 });
  });
});

describe("grounding", () => {
  it("answers from the documents and knowledge bases the request names, with their sources", async () => {
    const { p, openai } = await scripted();
    const upload = async (content: string, filename: string) =>
      (
        await p.client.call(uploadRoute, "/api/upload", {
          body: (() => {
            const form = new FormData();
            form.append("file", new Blob([text(content)]), filename);
            return form;
          })(),
        })
      ).json();
    const ferries = await upload("# Ferries\n\nThe ferry to Skye leaves Mallaig at 09:40 every morning.", "timetable.md");
    const glaciers = await upload("Glacier Beta advances two metres a year.", "glaciers.txt");
    await runJobs();

    providers.openai.script({ tokens: ["At", " 09:40", " [1]."] });
    const completion = await openai.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "When does the ferry to Skye leave?" }],
      document_ids: [ferries.documentId],
    } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    const sources = (completion as unknown as { sources: { n: number; documentId: string; filename: string; excerpt: string }[] }).sources;
    expect(sources[0]).toMatchObject({ n: 1, documentId: ferries.documentId, filename: "timetable.md" });
    expect(sources[0]!.excerpt).toContain("09:40");
    const prompt = providers.openai.requests.at(-1)!.messages as { role: string; content: string }[];
    expect(prompt[0]!.role).toBe("system");
    expect(prompt[0]!.content).toContain("[1] timetable.md");

    const kb = await (
      await p.client.call(kbsRoute, "/api/x", {
        params: { workspaceId: p.workspaceId },
        body: { name: "Glaciers", documentIds: [glaciers.documentId] },
      })
    ).json();
    providers.openai.script({ tokens: ["Two", " metres", " [1]."] });
    const stream = await openai.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "How fast does Glacier Beta advance?" }],
      stream: true,
      knowledge_base_ids: [kb.id],
    } as OpenAI.ChatCompletionCreateParamsStreaming);
    const chunks: (OpenAI.ChatCompletionChunk & { sources?: { documentId: string }[] })[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0]!.sources!.map((s) => s.documentId)).toEqual([glaciers.documentId]);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toBe("Two metres [1].");
  });

  it("refuses documents and knowledge bases of another workspace with 400, naming the field", async () => {
    const { openai } = await scripted();
    const other = await scripted();
    const theirs = await (
      await other.p.client.call(kbsRoute, "/api/x", { params: { workspaceId: other.p.workspaceId }, body: { name: "Private" } })
    ).json();
    const kbRefused = await refusal(
      openai.chat.completions.create({
        model: "gpt-4o-mini",
        messages: [{ role: "user", content: "Leak?" }],
        knowledge_base_ids: [theirs.id],
      } as OpenAI.ChatCompletionCreateParamsNonStreaming),
    );
    expect(kbRefused).toBeInstanceOf(OpenAI.BadRequestError);
    expect(kbRefused).toMatchObject({ type: "invalid_request_error", param: "knowledge_base_ids.0" });
    const docRefused = await refusal(
      openai.chat.completions.create({
        model: "gpt-4o-mini",
        messages: [{ role: "user", content: "Leak?" }],
        document_ids: [crypto.randomUUID()],
      } as OpenAI.ChatCompletionCreateParamsNonStreaming),
    );
    expect(docRefused).toMatchObject({ status: 400, param: "document_ids.0" });
  });
});

describe("errors in OpenAI's shape", () => {
  const ask = (openai: OpenAI, model = "gpt-4o-mini") =>
    openai.chat.completions.create({ model, messages: [{ role: "user", content: "Hello" }] });

  it("401 invalid_api_key for an unknown key and for a revoked one", async () => {
    const unknown = await refusal(ask(clientFor("cairn_not-a-real-key")));
    expect(unknown).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(unknown).toMatchObject({ status: 401, code: "invalid_api_key", type: "invalid_request_error" });

    const { p, key } = await scripted();
    const { id } = (await (await p.client.call(apiKeysRoute, "/api/x", { params: { workspaceId: p.workspaceId } })).json()).apiKeys[0];
    await p.client.call(apiKeyRoute, "/api/x", { method: "DELETE", params: { workspaceId: p.workspaceId, keyId: id } });
    const revoked = await refusal(clientFor(key).models.list());
    expect(revoked).toMatchObject({ status: 401, code: "invalid_api_key" });
  });

  it("402 insufficient_quota when the workspace cannot pay, with nothing stored", async () => {
    const { p, openai } = await scripted();
    recordCredits(p.workspaceId, { type: "adjustment", amount: -availableCredits(p.workspaceId), description: "empty" });
    const requestsBefore = providers.openai.requests.length;
    const refused = await refusal(ask(openai));
    expect(refused).toMatchObject({ status: 402, code: "insufficient_quota", type: "insufficient_quota" });
    expect(refused.message).toMatch(/Not enough credits/);
    expect(providers.openai.requests.length).toBe(requestsBefore);
  });

  it("403 for a model outside the plan, 404 model_not_found for an unknown one", async () => {
    const { openai } = await scripted();
    const locked = await refusal(ask(openai, "claude-3-opus-20240229"));
    expect(locked).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(locked.message).toMatch(/not included in the Free plan/);
    const unknown = await refusal(ask(openai, "gpt-9"));
    expect(unknown).toBeInstanceOf(OpenAI.NotFoundError);
    expect(unknown).toMatchObject({ code: "model_not_found", param: "model", type: "invalid_request_error" });
  });

  it("400 invalid_request_error for a malformed body, naming the field", async () => {
    const { key, openai } = await scripted();
    const bad = async (body: unknown) => {
      const error = await refusal(openai.post("/chat/completions", { body }));
      expect(error, JSON.stringify(body)).toBeInstanceOf(OpenAI.BadRequestError);
      expect(error.type).toBe("invalid_request_error");
      return error;
    };
    expect((await bad({ model: "gpt-4o-mini" })).param).toBe("messages");
    expect((await bad({ model: "gpt-4o-mini", messages: [{ role: "tool", content: "x" }] })).param).toBe("messages.0.role");
    expect((await bad({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }], n: 2 })).param).toBe("n");
    expect((await bad({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }], temperature: 3 })).param).toBe("temperature");
    const tools = await bad({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }], tools: [{ type: "function" }] });
    expect(tools.message).toMatch(/Tool calling is not supported/);
    const noQuestion = await bad({ model: "gpt-4o-mini", messages: [{ role: "system", content: "Only rules" }] });
    expect(noQuestion.message).toMatch(/user message/);

    const notJson = await fetch(`${server.url}/v1/chat/completions`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      body: "{ not json",
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({
      error: { message: "Request body must be valid JSON", type: "invalid_request_error", param: null, code: null },
    });
  });

  it("429 rate_limit_exceeded past RATE_LIMIT_MODEL_PER_MINUTE, with Retry-After, and a minute later it passes again", async () => {
    const { openai } = await scripted();
    for (let i = 0; i < 8; i++) {
      providers.openai.script({ tokens: ["ok"] });
      const { response } = await ask(openai).withResponse();
      expect(response.headers.get("ratelimit-remaining")).toBe(String(7 - i));
    }
    const limited = await refusal(ask(openai));
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect(limited).toMatchObject({ status: 429, code: "rate_limit_exceeded" });
    expect(Number(limited.headers?.get("retry-after"))).toBeGreaterThan(0);
    // Listing models is not a model call: it still passes.
    expect((await openai.models.list()).data.length).toBeGreaterThan(0);

    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 61_000 });
    providers.openai.script({ tokens: ["again"] });
    expect((await ask(openai)).choices[0]!.message.content).toBe("again");
  });

  it("405 and unknown paths in the same shape", async () => {
    const { key } = await scripted();
    const headers = { Authorization: `Bearer ${key}` };
    const wrongMethod = await fetch(`${server.url}/v1/chat/completions`, { headers });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("POST");
    expect((await wrongMethod.json()).error).toMatchObject({ type: "invalid_request_error", code: "method_not_allowed" });
    const unknown = await fetch(`${server.url}/v1/embeddings`, { method: "POST", headers, body: "{}" });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toMatchObject({ code: "unknown_url" });
  });
});

describe("credits", () => {
  it("are charged exactly as through /api/chat for the same conversation, OpenAI and Anthropic alike", async () => {
    const { p, key, openai } = await scripted();
    setPlan(p, "pro");
    for (const model of ["gpt-4o", "claude-3-5-sonnet-20241022"]) {
      const provider = model.startsWith("claude") ? providers.anthropic : providers.openai;
      const messages = [
        { role: "system" as const, content: "You are terse." },
        { role: "user" as const, content: `Describe ${model} in exactly four words, please, for the ledger.` },
      ];
      const tokens = ["A", " model", " of", " words."];

      provider.script({ tokens });
      const viaChat = await callRoute(chatRoute, "/api/chat", {
        headers: { Authorization: `Bearer ${key}` },
        body: { messages, modelId: model },
      });
      expect(await viaChat.text()).toBe("A model of words.");
      const chatCharge = lastUsage(p);

      provider.script({ tokens });
      const completion = await openai.chat.completions.create({ model, messages });
      expect(completion.choices[0]!.message.content).toBe("A model of words.");
      const apiCharge = lastUsage(p);

      expect(apiCharge.id).not.toBe(chatCharge.id);
      expect(apiCharge.amount).toBeLessThan(0);
      expect({ amount: apiCharge.amount, in: apiCharge.inputTokens, out: apiCharge.outputTokens }).toEqual({
        amount: chatCharge.amount,
        in: chatCharge.inputTokens,
        out: chatCharge.outputTokens,
      });
    }
    expect(availableCredits(p.workspaceId)).toBe(creditBalance(p.workspaceId));
  });
});

describe("CORS for browser tools", () => {
  it("lets a listed origin send the headers the openai client adds, never with credentials", async () => {
    const preflight = await fetch(`${server.url}/v1/chat/completions`, {
      method: "OPTIONS",
      headers: {
        Origin: "https://tool.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type,x-stainless-os,x-stainless-lang",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://tool.example");
    expect(preflight.headers.get("access-control-allow-headers")).toBe("authorization, content-type, x-stainless-os, x-stainless-lang");
    expect(preflight.headers.get("access-control-allow-credentials")).toBeNull();
    const unlisted = await fetch(`${server.url}/v1/models`, {
      method: "OPTIONS",
      headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "GET" },
    });
    expect(unlisted.headers.get("access-control-allow-origin")).toBeNull();
  });
});
