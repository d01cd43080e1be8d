import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { workspacePlans } from "#db/schema";
import { availableCredits, creditBalance, listCreditTransactions, recordCredits } from "~/modules/billing/credits.server";
import { db } from "~/modules/db/database.server";
import * as chatRoute from "~/routes/api/chat";
import * as creditHistory from "~/routes/api/billing.credit-history";
import * as shareRoute from "~/routes/api/share.id";
import * as chatsRoute from "~/routes/api/workspaces.id.chats";
import * as chatByIdRoute from "~/routes/api/workspaces.id.chats.id";
import * as inviteRoute from "~/routes/api/workspaces.id.chats.id.invite-user";
import * as messagesRoute from "~/routes/api/workspaces.id.chats.id.messages";
import * as regenerateRoute from "~/routes/api/workspaces.id.chats.id.messages.regenerate";
import * as togglePublicRoute from "~/routes/api/workspaces.id.chats.id.toggle-public";
import { startSmtpCapture, type Mailbox } from "../fakes/smtp";
import { signedInPerson, type Person } from "../support/accounts";
import { startProviders, readEvents, until } from "../support/chat";
import { Client, callRoute } from "../support/client";

const providers = await startProviders();
let mailbox: Mailbox;
beforeAll(async () => {
  mailbox = await startSmtpCapture();
  process.env.SMTP_URL = mailbox.url;
});
afterAll(async () => {
  await mailbox.close();
  await providers.close();
});

const person = (name?: string) => signedInPerson(mailbox, name);

const ask = (client: Client, body: unknown, headers?: Record<string, string>) => client.call(chatRoute, "/api/chat", { body, headers });
const question = (content: string, modelId?: string) => ({ messages: [{ role: "user", content }], ...(modelId ? { modelId } : {}) });
const chatParams = (p: Person, chatId: string) => ({ params: { workspaceId: p.workspaceId, chatId } });
const getChat = async (p: Person, chatId: string) => (await p.client.call(chatByIdRoute, "/api/x", chatParams(p, chatId))).json();
const setPlan = (workspaceId: string, plan: "free" | "pro") =>
  db().update(workspacePlans).set({ plan }).where(eq(workspacePlans.workspaceId, workspaceId)).run();
/** Leaves exactly `credits` available in the workspace (an admin adjustment). */
function setAvailable(workspaceId: string, credits: number) {
  recordCredits(workspaceId, { type: "adjustment", amount: credits - availableCredits(workspaceId), description: "test balance" });
}

describe("GET /api/chat", () => {
  it("says the chat API is working", async () => {
    const res = await callRoute(chatRoute, "/api/chat");
    expect(await res.json()).toEqual({ message: "Chat API is working" });
  });
});

describe("POST /api/chat", () => {
  it("streams an OpenAI answer as plain text with x-chat-id, stores it and charges the provider's usage", async () => {
    const ada = await person("Ada");
    const before = creditBalance(ada.workspaceId);
    providers.openai.script({ tokens: ["Hello", " there", ", Ada", "."] });
    const res = await ask(ada.client, question("Say hello to Ada"));
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/plain/);
    const chatId = res.headers.get("x-chat-id")!;
    expect(chatId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await res.text()).toBe("Hello there, Ada.");

    const chat = await getChat(ada, chatId);
    expect(chat.title).toBe("Say hello to Ada");
    expect(chat.messages.map((m: any) => [m.role, m.content, m.status])).toEqual([
      ["user", "Say hello to Ada", "complete"],
      ["assistant", "Hello there, Ada.", "complete"],
    ]);
    const answer = chat.messages[1];
    expect(answer.outputTokens).toBe(4);
    expect(answer.credits).toBeGreaterThan(0);
    expect(creditBalance(ada.workspaceId)).toBe(before - answer.credits);
    expect(availableCredits(ada.workspaceId)).toBe(creditBalance(ada.workspaceId));
    expect(providers.openai.requests.at(-1)).toMatchObject({ model: "gpt-4o-mini", stream: true });
  });

  it("streams an Anthropic answer through the Anthropic SDK", async () => {
    const grace = await person("Grace");
    providers.anthropic.script({ tokens: ["Bonjour", " Grace"] });
    const res = await ask(grace.client, { ...question("Greet me", "claude-haiku-4-5") });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("Bonjour Grace");
    const chat = await getChat(grace, res.headers.get("x-chat-id")!);
    expect(chat.modelId).toBe("claude-haiku-4-5");
    expect(chat.messages[1]).toMatchObject({ content: "Bonjour Grace", status: "complete", outputTokens: 2 });
  });

  it("continues an existing chat with its stored history", async () => {
    const ada = await person();
    providers.openai.script({ tokens: ["Paris."] });
    const first = await ask(ada.client, question("Capital of France?"));
    const chatId = first.headers.get("x-chat-id")!;
    await first.text();
    providers.openai.script({ tokens: ["About", " 2.1M."] });
    const second = await ask(ada.client, { chatId, messages: [{ role: "user", content: "Population?" }] });
    expect(second.headers.get("x-chat-id")).toBe(chatId);
    expect(await second.text()).toBe("About 2.1M.");
    expect(providers.openai.requests.at(-1)!.messages).toEqual([
      { role: "user", content: "Capital of France?" },
      { role: "assistant", content: "Paris." },
      { role: "user", content: "Population?" },
    ]);
    expect((await getChat(ada, chatId)).messages).toHaveLength(4);
  });

  it("sends a richer SSE stream when asked, ending in the same stored message", async () => {
    const ada = await person();
    providers.openai.script({ tokens: ["One", " two"] });
    const res = await ask(ada.client, question("Count"), { Accept: "text/event-stream" });
    expect(res.headers.get("Content-Type")).toMatch(/^text\/event-stream/);
    const events = await readEvents(res);
    expect(events[0]).toMatchObject({ event: "meta", data: { chatId: res.headers.get("x-chat-id"), modelId: "gpt-4o-mini" } });
    expect(events.filter((e) => e.event === "delta").map((e) => e.data.text)).toEqual(["One", " two"]);
    const done = events.at(-1)!;
    expect(done).toMatchObject({ event: "done", data: { status: "complete", outputTokens: 2 } });
    const chat = await getChat(ada, res.headers.get("x-chat-id")!);
    expect(chat.messages[1]).toMatchObject({ content: "One two", credits: done.data.credits });
  });

  it("answers 401 without a session and 422 for bad bodies, storing nothing", async () => {
    expect((await callRoute(chatRoute, "/api/chat", { body: question("hi") })).status).toBe(401);
    const ada = await person();
    for (const body of [
      {},
      { messages: [] },
      question("hi", "gpt-5-imaginary"),
      { messages: [{ role: "robot", content: "x" }] },
      { ...question("x"), chatId: "nope" },
    ]) {
      const res = await ask(ada.client, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect((await res.json()).issues.length).toBeGreaterThan(0);
    }
    const endsWithAnswer = await ask(ada.client, {
      messages: [
        { role: "user", content: "a" },
        { role: "assistant", content: "b" },
      ],
    });
    expect(endsWithAnswer.status).toBe(422);
    const documents = await ask(ada.client, { ...question("x"), documentIds: ["0b5b8c64-6d50-4bb8-9c5b-7d1f3c1c0e11"] });
    expect(documents.status).toBe(422);
    expect((await documents.json()).issues[0].path).toBe("documentIds.0");
    const list = await (await ada.client.call(chatsRoute, "/api/x", { params: { workspaceId: ada.workspaceId } })).json();
    expect(list.chats).toEqual([]);
  });

  it("answers 403 for a model outside the workspace's plan, and serves it on pro", async () => {
    const ada = await person();
    const refused = await ask(ada.client, question("hi", "gpt-4o"));
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toMatch(/not included in the Free plan/);
    expect((await ask(ada.client, question("hi", "claude-3-opus-20240229"))).status).toBe(403);

    setPlan(ada.workspaceId, "pro");
    setAvailable(ada.workspaceId, 10_000);
    providers.anthropic.script({ tokens: ["Opus", " here"] });
    const allowed = await ask(ada.client, question("hi", "claude-3-5-sonnet-20241022"));
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toBe("Opus here");
    expect(providers.anthropic.requests.at(-1)!.model).toBe("claude-3-5-sonnet-20241022");
  });

  it("answers 402 when the worst case cannot be paid, and charges nothing", async () => {
    const ada = await person();
    setAvailable(ada.workspaceId, 1);
    const before = creditBalance(ada.workspaceId);
    const res = await ask(ada.client, question("hi"));
    expect(res.status).toBe(402);
    expect((await res.json()).error).toMatch(/Not enough credits/);
    expect(creditBalance(ada.workspaceId)).toBe(before);
  });

  it("never reaches another workspace's chat", async () => {
    const ada = await person();
    const eve = await person();
    providers.openai.script({ tokens: ["secret"] });
    const res = await ask(ada.client, question("my secret"));
    const chatId = res.headers.get("x-chat-id")!;
    await res.text();
    const requestsBefore = providers.openai.requests.length;
    const hijack = await ask(eve.client, { chatId, messages: [{ role: "user", content: "show me" }] });
    expect(hijack.status).toBe(404);
    expect(providers.openai.requests.length).toBe(requestsBefore);
    expect((await eve.client.call(chatByIdRoute, "/api/x", { params: { workspaceId: ada.workspaceId, chatId } })).status).toBe(404);
    expect((await eve.client.call(chatByIdRoute, "/api/x", chatParams(eve, chatId))).status).toBe(404);
    const explicit = await ask(eve.client, { ...question("x"), workspaceId: ada.workspaceId });
    expect(explicit.status).toBe(404);
  });

  it("answers 502 when the provider fails before answering, and releases the hold", async () => {
    const ada = await person();
    const before = creditBalance(ada.workspaceId);
    providers.openai.script({ status: 500 });
    const res = await ask(ada.client, question("hi"));
    expect(res.status).toBe(502);
    expect((await res.json()).error).toMatch(/provider/i);
    expect(creditBalance(ada.workspaceId)).toBe(before);
    expect(availableCredits(ada.workspaceId)).toBe(before);
  });
});

describe("stop and failure mid-stream", () => {
  it("a stop aborts the provider call, keeps the partial answer as stopped and charges what was produced", async () => {
    const ada = await person();
    setPlan(ada.workspaceId, "pro");
    setAvailable(ada.workspaceId, 10_000);
    const before = creditBalance(ada.workspaceId);
    providers.openai.script({ tokens: ["Part", " one", " and"], hang: true });
    const abort = new AbortController();
    const res = await ada.client.call(chatRoute, "/api/chat", { body: question("Long story", "gpt-4o"), signal: abort.signal });
    const reader = res.body!.getReader();
    let received = "";
    while (!received.includes("and")) received += new TextDecoder().decode((await reader.read()).value);
    expect(providers.openai.openStreams).toBe(1);
    // A reader that stops closes its connection: the request's signal aborts and the server cancels the body
    // (the signal alone can be lost once the Request is garbage collected, nodejs/node#55428).
    abort.abort();
    await reader.cancel();
    await until(() => providers.openai.openStreams === 0);

    const chatId = res.headers.get("x-chat-id")!;
    let answer: any;
    for (;;) {
      answer = (await getChat(ada, chatId)).messages[1];
      if (answer.status !== "streaming") break;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(answer).toMatchObject({ status: "stopped", content: "Part one and" });
    expect(answer.credits).toBeGreaterThan(0);
    expect(creditBalance(ada.workspaceId)).toBe(before - answer.credits);
    expect(availableCredits(ada.workspaceId)).toBe(creditBalance(ada.workspaceId));
  });

  it("saves the text of answers still streaming about every second, so a crash loses at most the last second", async () => {
    const ada = await person();
    providers.openai.script({ tokens: ["Still", " writing"], hang: true });
    providers.openai.script({ tokens: ["Also", " busy"], hang: true });
    const answers = await Promise.all([ask(ada.client, question("Go on")), ask(ada.client, question("Go on"))]);
    const storedAnswer = async (res: Response) => (await getChat(ada, res.headers.get("x-chat-id")!)).messages[1];
    // Not written at once (that would be a commit per token), but within about a second.
    const saved = async () => Promise.all(answers.map(storedAnswer));
    let stored = await saved();
    while (stored.some((m: { content: string }) => m.content === "")) {
      await new Promise((r) => setTimeout(r, 50));
      stored = await saved();
    }
    expect(stored.map((m: { content: string; status: string }) => [m.status, m.content]).sort()).toEqual([
      ["streaming", "Also busy"],
      ["streaming", "Still writing"],
    ]);
    // The readers leave, as a closed connection does: the answers stop.
    await Promise.all(answers.map((res) => res.body!.cancel()));
    await until(() => providers.openai.openStreams === 0);
  });

  for (const provider of ["openai", "anthropic"] as const) {
    it(`an upstream error mid-stream (${provider}) keeps what came, marks the answer failed and tells the reader`, async () => {
      const ada = await person();
      const before = creditBalance(ada.workspaceId);
      providers[provider].script({ tokens: ["Half", " an", " answer", " never"], failAfterTokens: 3 });
      const modelId = provider === "openai" ? "gpt-4o-mini" : "claude-haiku-4-5";
      const plain = await ask(ada.client, question("Tell me", modelId));
      expect(plain.status).toBe(200);
      await expect(plain.text()).rejects.toThrow();
      const chat = await getChat(ada, plain.headers.get("x-chat-id")!);
      expect(chat.messages[1]).toMatchObject({ status: "failed", content: "Half an answer" });
      expect(chat.messages[1].error).toBeTruthy();
      expect(creditBalance(ada.workspaceId)).toBe(before - chat.messages[1].credits);

      providers[provider].script({ tokens: ["Again", " no"], failAfterTokens: 1 });
      const events = await readEvents(await ask(ada.client, question("Tell me", modelId), { Accept: "text/event-stream" }));
      expect(events.at(-1)).toMatchObject({ event: "error", data: { error: expect.any(String) } });
    });
  }
});

describe("credits under concurrency", () => {
  it("200 simultaneous requests against a balance for exactly k: k stream, the rest get 402, nothing goes below zero", async () => {
    const ada = await person();
    // Learn the hold of one request, then leave room for exactly k of them.
    providers.openai.setDefault({ tokens: ["held"], hang: true });
    const k = 7;
    const probe = new AbortController();
    const probeRes = await ada.client.call(chatRoute, "/api/chat", { body: question("same question"), signal: probe.signal });
    const startingAvailable = availableCredits(ada.workspaceId);
    const hold = creditBalance(ada.workspaceId) - startingAvailable;
    probe.abort();
    await probeRes.text().catch(() => {});
    await until(() => providers.openai.openStreams === 0);
    setAvailable(ada.workspaceId, hold * k);

    const aborts = Array.from({ length: 200 }, () => new AbortController());
    const responses = await Promise.all(
      aborts.map((a) => ada.client.call(chatRoute, "/api/chat", { body: question("same question"), signal: a.signal })),
    );
    const ok = responses.filter((r) => r.status === 200);
    expect(ok).toHaveLength(k);
    expect(responses.filter((r) => r.status === 402)).toHaveLength(200 - k);
    expect(availableCredits(ada.workspaceId)).toBe(0);

    aborts.forEach((a) => a.abort());
    await Promise.all(ok.map((r) => r.text().catch(() => {})));
    await until(() => providers.openai.openStreams === 0 && availableCredits(ada.workspaceId) === creditBalance(ada.workspaceId));
    providers.openai.setDefault({});
    expect(creditBalance(ada.workspaceId)).toBeGreaterThanOrEqual(0);
    const { transactions } = listCreditTransactions(ada.workspaceId, { limit: 1000, offset: 0 });
    expect(transactions.reduce((sum, t) => sum + t.amount, 0)).toBe(creditBalance(ada.workspaceId));
  });
});

describe("chat routes of a workspace", () => {
  it("creates, lists with search, renames and deletes chats", async () => {
    const ada = await person();
    const ws = { params: { workspaceId: ada.workspaceId } };
    const created = await ada.client.call(chatsRoute, "/api/x", { body: { title: "Quarterly plan" }, ...ws });
    expect(created.status).toBe(201);
    const chat = await created.json();
    expect(chat).toMatchObject({ title: "Quarterly plan", modelId: "gpt-4o-mini", isPublic: false });
    providers.openai.script({ tokens: ["Noted."] });
    await (await ada.client.call(messagesRoute, "/api/x", { body: { content: "Budget for llamas" }, ...chatParams(ada, chat.id) })).text();
    await ada.client.call(chatsRoute, "/api/x", { body: { title: "Other" }, ...ws });

    const search = async (q: string) =>
      (await (await ada.client.call(chatsRoute, `/api/x?q=${encodeURIComponent(q)}`, ws)).json()).chats.map((c: any) => c.title);
    expect(await search("llamas")).toEqual(["Quarterly plan"]);
    expect(await search("quarterly")).toEqual(["Quarterly plan"]);
    expect((await search("")).sort()).toEqual(["Other", "Quarterly plan"]);
    expect(await search("100%")).toEqual([]);

    const renamed = await ada.client.call(chatByIdRoute, "/api/x", {
      method: "PUT",
      body: { title: "Q3 plan" },
      ...chatParams(ada, chat.id),
    });
    expect(await renamed.json()).toMatchObject({ title: "Q3 plan" });
    expect((await ada.client.call(chatByIdRoute, "/api/x", { method: "PUT", body: {}, ...chatParams(ada, chat.id) })).status).toBe(422);
    expect((await ada.client.call(chatByIdRoute, "/api/x", { method: "DELETE", ...chatParams(ada, chat.id) })).status).toBe(204);
    expect((await ada.client.call(chatByIdRoute, "/api/x", chatParams(ada, chat.id))).status).toBe(404);
  });

  it("posts messages that stream like /api/chat, and regenerates (optionally after an edit)", async () => {
    const ada = await person();
    providers.openai.script({ tokens: ["First", " answer"] });
    const res = await ask(ada.client, question("Original question"));
    const chatId = res.headers.get("x-chat-id")!;
    await res.text();

    providers.openai.script({ tokens: ["Second", " answer"] });
    const again = await ada.client.call(regenerateRoute, "/api/x", { body: {}, ...chatParams(ada, chatId) });
    expect(again.headers.get("x-chat-id")).toBe(chatId);
    expect(await again.text()).toBe("Second answer");
    let chat = await getChat(ada, chatId);
    expect(chat.messages.map((m: any) => m.content)).toEqual(["Original question", "Second answer"]);

    providers.openai.script({ tokens: ["Edited", " answer"] });
    const edited = await ada.client.call(regenerateRoute, "/api/x", { body: { content: "Better question" }, ...chatParams(ada, chatId) });
    expect(await edited.text()).toBe("Edited answer");
    chat = await getChat(ada, chatId);
    expect(chat.messages.map((m: any) => m.content)).toEqual(["Better question", "Edited answer"]);
    expect(providers.openai.requests.at(-1)!.messages).toEqual([{ role: "user", content: "Better question" }]);

    expect((await ada.client.call(messagesRoute, "/api/x", { body: { content: "" }, ...chatParams(ada, chatId) })).status).toBe(422);
    const empty = await (await ada.client.call(chatsRoute, "/api/x", { body: {}, params: { workspaceId: ada.workspaceId } })).json();
    expect((await ada.client.call(regenerateRoute, "/api/x", { body: {}, ...chatParams(ada, empty.id) })).status).toBe(400);
  });

  it("toggles a chat public: readable by anyone with the link, 404 again once private", async () => {
    const ada = await person();
    providers.openai.script({ tokens: ["Shareable"] });
    const res = await ask(ada.client, question("Public question"));
    const chatId = res.headers.get("x-chat-id")!;
    await res.text();
    const anonymous = () => callRoute(shareRoute, `/api/share/${chatId}`, { params: { chatId } });
    expect((await anonymous()).status).toBe(404);

    const on = await ada.client.call(togglePublicRoute, "/api/x", { method: "POST", ...chatParams(ada, chatId) });
    expect(await on.json()).toMatchObject({ isPublic: true, publicUrl: `http://localhost:3000/share/${chatId}` });
    const shared = await anonymous();
    expect(shared.status).toBe(200);
    expect((await shared.json()).messages.map((m: any) => m.content)).toEqual(["Public question", "Shareable"]);

    const off = await ada.client.call(togglePublicRoute, "/api/x", { body: { isPublic: false }, ...chatParams(ada, chatId) });
    expect(await off.json()).toMatchObject({ isPublic: false, publicUrl: null });
    expect((await anonymous()).status).toBe(404);
  });

  it("invites a workspace member, who can then read and continue the chat", async () => {
    const ada = await person();
    const bob = await person();
    const outsider = await person();
    // Bob joins Ada's workspace (invitations arrive with the teams issue).
    const { workspaceMemberships } = await import("#db/schema");
    db().insert(workspaceMemberships).values({ workspaceId: ada.workspaceId, userId: bob.userId, role: "member" }).run();
    const bobInAda = { ...bob, workspaceId: ada.workspaceId };

    providers.openai.script({ tokens: ["Draft"] });
    const res = await ask(ada.client, question("Plan"));
    const chatId = res.headers.get("x-chat-id")!;
    await res.text();
    expect((await bob.client.call(chatByIdRoute, "/api/x", chatParams(bobInAda, chatId))).status).toBe(404);

    const notMember = await ada.client.call(inviteRoute, "/api/x", { body: { email: outsider.email }, ...chatParams(ada, chatId) });
    expect(notMember.status).toBe(422);
    const invited = await ada.client.call(inviteRoute, "/api/x", { body: { email: bob.email.toUpperCase() }, ...chatParams(ada, chatId) });
    expect(invited.status).toBe(200);
    expect((await invited.json()).sharedWith).toMatchObject({ email: bob.email });

    expect((await bob.client.call(chatByIdRoute, "/api/x", chatParams(bobInAda, chatId))).status).toBe(200);
    providers.openai.script({ tokens: ["Bob's", " part"] });
    const continued = await bob.client.call(messagesRoute, "/api/x", { body: { content: "My addition" }, ...chatParams(bobInAda, chatId) });
    expect(await continued.text()).toBe("Bob's part");
    expect((await getChat(ada, chatId)).messages).toHaveLength(4);
    expect((await bob.client.call(chatByIdRoute, "/api/x", { method: "DELETE", ...chatParams(bobInAda, chatId) })).status).toBe(403);
    // Bob reads and continues it, but cannot pass it on.
    const passedOn = await bob.client.call(inviteRoute, "/api/x", { body: { email: ada.email }, ...chatParams(bobInAda, chatId) });
    expect(passedOn.status).toBe(403);
    // Nor rename, pin or re-instruct it: those change the chat for everyone who reads it.
    for (const body of [{ title: "Bob's now" }, { pinned: true }, { systemPrompt: "Answer in French" }, { temperature: 0.9 }]) {
      const changed = await bob.client.call(chatByIdRoute, "/api/x", { method: "PUT", body, ...chatParams(bobInAda, chatId) });
      expect(changed.status, JSON.stringify(body)).toBe(403);
    }
    expect(await getChat(ada, chatId)).toMatchObject({ title: "Plan", pinned: false, systemPrompt: null });
    const renamed = await ada.client.call(chatByIdRoute, "/api/x", {
      method: "PUT",
      body: { title: "Plan B" },
      ...chatParams(ada, chatId),
    });
    expect((await renamed.json()).title).toBe("Plan B");
    expect(
      (await outsider.client.call(inviteRoute, "/api/x", { body: { email: outsider.email }, ...chatParams(outsider, chatId) })).status,
    ).toBe(404);
  });
});

describe("GET /api/billing/credit-history", () => {
  it("pages and filters the workspace's ledger, newest first", async () => {
    const ada = await person();
    for (let i = 1; i <= 3; i++) recordCredits(ada.workspaceId, { type: "topup", amount: i * 100, description: `Top-up ${i}` });
    providers.openai.script({ tokens: ["ok"] });
    await (await ask(ada.client, question("hi"))).text();

    const all = await (await ada.client.call(creditHistory, "/api/billing/credit-history")).json();
    expect(all).toMatchObject({ total: 5, limit: 50, offset: 0 });
    expect(all.transactions.map((t: any) => t.type)).toEqual(["usage", "topup", "topup", "topup", "reset"]);

    const page = await (await ada.client.call(creditHistory, "/api/billing/credit-history?limit=2&offset=1")).json();
    expect(page).toMatchObject({ total: 5, limit: 2, offset: 1 });
    expect(page.transactions.map((t: any) => t.description)).toEqual(["Top-up 3", "Top-up 2"]);

    const topups = await (await ada.client.call(creditHistory, "/api/billing/credit-history?type=topup")).json();
    expect(topups.total).toBe(3);
    expect(topups.transactions.every((t: any) => t.type === "topup")).toBe(true);

    expect((await ada.client.call(creditHistory, "/api/billing/credit-history?type=bogus")).status).toBe(422);
    expect((await ada.client.call(creditHistory, "/api/billing/credit-history?limit=0")).status).toBe(422);
    expect((await callRoute(creditHistory, "/api/billing/credit-history")).status).toBe(401);
  });
});

describe("restart recovery", () => {
  it("keeps answers a dead process left streaming as interrupted partial answers, billed for what they produced", async () => {
    const ada = await person();
    providers.openai.script({ tokens: ["Done"] });
    const res = await ask(ada.client, question("Before the crash"));
    const chatId = res.headers.get("x-chat-id")!;
    await res.text();
    // The state a crash leaves: a hold and an assistant message still "streaming" with its last flushed text.
    const { reserveCredits } = await import("~/modules/billing/credits.server");
    const { appendMessage } = await import("~/modules/chat/chats.server");
    const { setCurrentMessage } = await import("~/modules/chat/branches.server");
    const { recoverInterruptedAnswers } = await import("~/modules/chat/answer.server");
    const messageId = crypto.randomUUID();
    reserveCredits(ada.workspaceId, messageId, 50, ada.userId);
    const asked = appendMessage({
      chatId,
      parentId: (await getChat(ada, chatId)).messages.at(-1).id,
      role: "user",
      content: "A long one, please",
    });
    setCurrentMessage(chatId, messageId);
    appendMessage({
      id: messageId,
      chatId,
      parentId: asked.id,
      role: "assistant",
      content: "Half of a long ans",
      status: "streaming",
      modelId: "gpt-4o-mini",
      inputTokens: 20,
    });
    const before = creditBalance(ada.workspaceId);
    expect(availableCredits(ada.workspaceId)).toBe(before - 50);

    recoverInterruptedAnswers();

    const answer = (await getChat(ada, chatId)).messages.at(-1);
    expect(answer).toMatchObject({ id: messageId, status: "interrupted", content: "Half of a long ans" });
    expect(answer.credits).toBeGreaterThan(0);
    expect(creditBalance(ada.workspaceId)).toBe(before - answer.credits);
    expect(availableCredits(ada.workspaceId)).toBe(creditBalance(ada.workspaceId));
  });
});
