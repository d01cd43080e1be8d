// Message versions and branches, chat settings, ratings, saved prompts,
// public snapshots and request bounds, through the real route handlers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workspaceMemberships } from "#db/schema";
import { availableCredits, creditBalance } from "~/modules/billing/credits.server";
import { listFeedback } from "~/modules/chat/feedback.server";
import { db } from "~/modules/db/database.server";
import { runNextJob } from "~/modules/jobs/jobs.server";
import { registerIngestion } from "~/modules/rag/ingest.server";
import * as chatRoute from "~/routes/api/chat";
import * as shareRoute from "~/routes/api/share.id";
import * as uploadRoute from "~/routes/api/upload";
import * as chatsRoute from "~/routes/api/workspaces.id.chats";
import * as chatByIdRoute from "~/routes/api/workspaces.id.chats.id";
import * as inviteRoute from "~/routes/api/workspaces.id.chats.id.invite-user";
import * as messagesRoute from "~/routes/api/workspaces.id.chats.id.messages";
import * as feedbackRoute from "~/routes/api/workspaces.id.chats.id.messages.id.feedback";
import * as regenerateRoute from "~/routes/api/workspaces.id.chats.id.messages.regenerate";
import * as togglePublicRoute from "~/routes/api/workspaces.id.chats.id.toggle-public";
import * as promptsRoute from "~/routes/api/workspaces.id.prompts";
import * as promptRoute from "~/routes/api/workspaces.id.prompts.id";
import { startOpenAIEmbeddingsStandIn, type EmbeddingsStandIn } from "../fakes/openai-embeddings";
import { startSmtpCapture, type Mailbox } from "../fakes/smtp";
import { signedInPerson, type Person } from "../support/accounts";
import { startProviders } from "../support/chat";
import { callRoute } from "../support/client";

const providers = await startProviders();
let mailbox: Mailbox;
let embeddings: EmbeddingsStandIn;
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
  await providers.close();
});

const person = (name?: string) => signedInPerson(mailbox, name);
const chatParams = (p: Person, chatId: string) => ({ params: { workspaceId: p.workspaceId, chatId } });
const getChat = async (p: Person, chatId: string) => (await p.client.call(chatByIdRoute, "/api/x", chatParams(p, chatId))).json();
const contents = (chat: { messages: { content: string }[] }) => chat.messages.map((m) => m.content);
const lastPrompt = () => providers.openai.requests.at(-1)!.messages as { role: string; content: string }[];

async function newChat(p: Person, question: string, tokens: string[]) {
  providers.openai.script({ tokens });
  const res = await p.client.call(chatRoute, "/api/chat", { body: { messages: [{ role: "user", content: question }] } });
  expect(res.status).toBe(200);
  await res.text();
  return res.headers.get("x-chat-id")!;
}
async function ask(p: Person, chatId: string, content: string, tokens: string[]) {
  providers.openai.script({ tokens });
  const res = await p.client.call(messagesRoute, "/api/x", { body: { content }, ...chatParams(p, chatId) });
  expect(res.status).toBe(200);
  return res.text();
}
async function regenerate(p: Person, chatId: string, body: object, tokens: string[]) {
  providers.openai.script({ tokens });
  const res = await p.client.call(regenerateRoute, "/api/x", { body, ...chatParams(p, chatId) });
  expect(res.status).toBe(200);
  return res.text();
}
const show = (p: Person, chatId: string, currentMessageId: string) =>
  p.client.call(chatByIdRoute, "/api/x", { method: "PUT", body: { currentMessageId }, ...chatParams(p, chatId) });

describe("versions of an answer", () => {
  it("regenerating keeps the earlier answer as a version; GET answers the branch shown; PUT switches it", async () => {
    const ada = await person();
    const chatId = await newChat(ada, "Name a colour", ["Red."]);
    expect(await regenerate(ada, chatId, {}, ["Blue."])).toBe("Blue.");

    let chat = await getChat(ada, chatId);
    expect(contents(chat)).toEqual(["Name a colour", "Blue."]);
    const [question, blue] = chat.messages;
    expect(blue.versionIds).toHaveLength(2);
    expect(blue.versionIds[1]).toBe(blue.id);
    expect(blue.parentId).toBe(question.id);
    expect(question.versionIds).toEqual([question.id]);

    // The first version comes back, and the conversation continues from it.
    const red = blue.versionIds[0];
    const switched = await show(ada, chatId, red);
    expect(switched.status).toBe(200);
    expect(contents(await switched.json())).toEqual(["Name a colour", "Red."]);
    await ask(ada, chatId, "Another?", ["Green."]);
    expect(lastPrompt()).toEqual([
      { role: "user", content: "Name a colour" },
      { role: "assistant", content: "Red." },
      { role: "user", content: "Another?" },
    ]);
    chat = await getChat(ada, chatId);
    expect(contents(chat)).toEqual(["Name a colour", "Red.", "Another?", "Green."]);
    expect(chat.messages[1].versionIds).toEqual([red, blue.id]);

    // Regenerating the last answer adds a version beside it.
    await regenerate(ada, chatId, {}, ["Yellow."]);
    chat = await getChat(ada, chatId);
    expect(contents(chat)).toEqual(["Name a colour", "Red.", "Another?", "Yellow."]);
    expect(chat.messages[3].versionIds).toHaveLength(2);
  });

  it("editing an earlier question starts a new branch beside the old one", async () => {
    const ada = await person();
    const chatId = await newChat(ada, "Plan a walk in Skye", ["Try the Quiraing."]);
    await ask(ada, chatId, "How long is it?", ["About 7 km."]);
    const first = (await getChat(ada, chatId)).messages[0];

    expect(await regenerate(ada, chatId, { messageId: first.id, content: "Plan a walk in Arran" }, ["Goatfell."])).toBe("Goatfell.");
    expect(lastPrompt()).toEqual([{ role: "user", content: "Plan a walk in Arran" }]);
    let chat = await getChat(ada, chatId);
    expect(contents(chat)).toEqual(["Plan a walk in Arran", "Goatfell."]);
    expect(chat.messages[0].versionIds).toEqual([first.id, chat.messages[0].id]);

    // The old branch is whole, and shown again through its first question.
    chat = await (await show(ada, chatId, first.id)).json();
    expect(contents(chat)).toEqual(["Plan a walk in Skye", "Try the Quiraing.", "How long is it?", "About 7 km."]);

    // Answering an earlier question again asks it with the history before it only.
    await regenerate(ada, chatId, { messageId: first.id }, ["The Old Man of Storr."]);
    expect(lastPrompt()).toEqual([{ role: "user", content: "Plan a walk in Skye" }]);
    expect(contents(await getChat(ada, chatId))).toEqual(["Plan a walk in Skye", "The Old Man of Storr."]);

    const answerId = chat.messages[1].id;
    const notAQuestion = await ada.client.call(regenerateRoute, "/api/x", { body: { messageId: answerId }, ...chatParams(ada, chatId) });
    expect(notAQuestion.status).toBe(422);
    const otherChat = await newChat(ada, "Elsewhere", ["Here."]);
    const foreign = (await getChat(ada, otherChat)).messages[0].id;
    expect((await ada.client.call(regenerateRoute, "/api/x", { body: { messageId: foreign }, ...chatParams(ada, chatId) })).status).toBe(
      404,
    );
    expect((await show(ada, chatId, foreign)).status).toBe(404);
    expect((await show(ada, chatId, crypto.randomUUID())).status).toBe(404);
  });
});

describe("switching branches", () => {
  it("brings a branch back as it was last continued, not through its newest answer", async () => {
    const ada = await person();
    const chatId = await newChat(ada, "Pick a number", ["One."]);
    await regenerate(ada, chatId, {}, ["Two."]);
    const [question, two] = (await getChat(ada, chatId)).messages;
    await show(ada, chatId, two.versionIds[0]);
    await ask(ada, chatId, "Double it", ["Two, from one."]);
    await regenerate(ada, chatId, { messageId: question.id, content: "Pick a letter" }, ["A."]);
    expect(contents(await getChat(ada, chatId))).toEqual(["Pick a letter", "A."]);
    expect(contents(await (await show(ada, chatId, question.id)).json())).toEqual(["Pick a number", "One.", "Double it", "Two, from one."]);
    // Through the other answer version, its own (short) branch.
    expect(contents(await (await show(ada, chatId, two.id)).json())).toEqual(["Pick a number", "Two."]);
  });
});

describe("a provider that refuses up front", () => {
  it("stores nothing and charges nothing, so asking again leaves the question once", async () => {
    const ada = await person();
    const before = creditBalance(ada.workspaceId);
    providers.openai.script({ status: 429 });
    const refused = await ada.client.call(chatRoute, "/api/chat", { body: { messages: [{ role: "user", content: "Hello?" }] } });
    expect(refused.status).toBe(502);
    expect((await refused.json()).error).toMatch(/429/);
    const list = await (await ada.client.call(chatsRoute, "/api/x", { params: { workspaceId: ada.workspaceId } })).json();
    expect(list.chats).toEqual([]);

    const chatId = await newChat(ada, "Hello?", ["Hi."]);
    providers.openai.script({ status: 500 });
    const failed = await ada.client.call(messagesRoute, "/api/x", { body: { content: "Still there?" }, ...chatParams(ada, chatId) });
    expect(failed.status).toBe(502);
    expect(contents(await getChat(ada, chatId))).toEqual(["Hello?", "Hi."]);
    await ask(ada, chatId, "Still there?", ["Yes."]);
    expect(contents(await getChat(ada, chatId))).toEqual(["Hello?", "Hi.", "Still there?", "Yes."]);
    expect(availableCredits(ada.workspaceId)).toBe(creditBalance(ada.workspaceId));
    expect(creditBalance(ada.workspaceId)).toBeLessThan(before);
  });
});

describe("what a request may carry and what is stored", () => {
  it("refuses too many or too large messages with 422, storing nothing", async () => {
    const ada = await person();
    const many = Array.from({ length: 101 }, (_, i) => ({ role: i % 2 ? "assistant" : "user", content: `turn ${i}` }));
    const tooMany = await ada.client.call(chatRoute, "/api/chat", { body: { messages: many } });
    expect(tooMany.status).toBe(422);
    expect((await tooMany.json()).issues[0].path).toBe("messages");
    const oneTooLong = await ada.client.call(chatRoute, "/api/chat", {
      body: { messages: [{ role: "user", content: "y".repeat(100_001) }] },
    });
    expect(oneTooLong.status).toBe(422);
    const list = await (await ada.client.call(chatsRoute, "/api/x", { params: { workspaceId: ada.workspaceId } })).json();
    expect(list.chats).toEqual([]);
  });

  it("a new chat keeps only the turns the model saw", async () => {
    const ada = await person();
    // Twelve long old turns (1.2 MB) and a question: far more than GPT-4o mini's window, so the oldest go.
    const old = Array.from({ length: 12 }, (_, i) => ({ role: i % 2 ? "assistant" : "user", content: `${i} ${"w".repeat(99_000)}` }));
    providers.openai.script({ tokens: ["Fine."] });
    const res = await ada.client.call(chatRoute, "/api/chat", { body: { messages: [...old, { role: "user", content: "And now?" }] } });
    expect(res.status).toBe(200);
    await res.text();
    const sent = lastPrompt();
    expect(sent.length).toBeLessThan(6);
    expect(sent.at(-1)).toEqual({ role: "user", content: "And now?" });
    const chat = await getChat(ada, res.headers.get("x-chat-id")!);
    expect(contents(chat)).toEqual([...sent.map((m) => m.content), "Fine."]);
  });
});

describe("chat settings", () => {
  it("sends a chat's system prompt and temperature with every question", async () => {
    const ada = await person();
    providers.openai.script({ tokens: ["Bonjour."] });
    const res = await ada.client.call(chatRoute, "/api/chat", {
      body: { messages: [{ role: "user", content: "Hello" }], systemPrompt: "Answer in French.", temperature: 0.2 },
    });
    await res.text();
    const chatId = res.headers.get("x-chat-id")!;
    expect(providers.openai.requests.at(-1)).toMatchObject({
      temperature: 0.2,
      messages: [
        { role: "system", content: "Answer in French." },
        { role: "user", content: "Hello" },
      ],
    });
    let chat = await getChat(ada, chatId);
    expect(chat).toMatchObject({ systemPrompt: "Answer in French.", temperature: 0.2 });
    expect(contents(chat)).toEqual(["Hello", "Bonjour."]);

    const put = await ada.client.call(chatByIdRoute, "/api/x", {
      method: "PUT",
      body: { systemPrompt: "Be brief.", temperature: 0.9, modelId: "claude-haiku-4-5" },
      ...chatParams(ada, chatId),
    });
    expect(put.status).toBe(200);
    providers.anthropic.script({ tokens: ["Ok."] });
    const next = await ada.client.call(messagesRoute, "/api/x", { body: { content: "Again" }, ...chatParams(ada, chatId) });
    await next.text();
    expect(providers.anthropic.requests.at(-1)).toMatchObject({ system: "Be brief.", temperature: 0.9 });

    const bad = await ada.client.call(chatByIdRoute, "/api/x", { method: "PUT", body: { temperature: 1.5 }, ...chatParams(ada, chatId) });
    expect(bad.status).toBe(422);
    chat = await (
      await ada.client.call(chatByIdRoute, "/api/x", {
        method: "PUT",
        body: { systemPrompt: null, pinned: true },
        ...chatParams(ada, chatId),
      })
    ).json();
    expect(chat).toMatchObject({ systemPrompt: null, pinned: true, temperature: 0.9 });
  });
});

describe("ratings of answers", () => {
  it("rates an answer with a note, shows it to its author only, lists it for admins, and takes it back", async () => {
    const ada = await person();
    const bob = await person();
    db().insert(workspaceMemberships).values({ workspaceId: ada.workspaceId, userId: bob.userId, role: "member" }).run();
    const chatId = await newChat(ada, "When did the Forth Bridge open?", ["In 1820."]);
    await ada.client.call(inviteRoute, "/api/x", { body: { email: bob.email }, ...chatParams(ada, chatId) });
    const [question, answer] = (await getChat(ada, chatId)).messages;
    const params = (messageId: string) => ({ params: { workspaceId: ada.workspaceId, chatId, messageId } });

    const rated = await ada.client.call(feedbackRoute, "/api/x", {
      method: "PUT",
      body: { rating: "down", note: "It opened in 1890." },
      ...params(answer.id),
    });
    expect(rated.status).toBe(200);
    expect(await rated.json()).toMatchObject({ messageId: answer.id, rating: "down", note: "It opened in 1890." });
    expect((await getChat(ada, chatId)).messages[1].feedback).toMatchObject({ rating: "down", note: "It opened in 1890." });
    const bobsView = await (await bob.client.call(chatByIdRoute, "/api/x", { params: { workspaceId: ada.workspaceId, chatId } })).json();
    expect(bobsView.messages[1].feedback).toBeNull();
    expect(listFeedback().find((f) => f.note === "It opened in 1890.")).toMatchObject({
      rating: "down",
      userEmail: ada.email,
      question: "When did the Forth Bridge open?",
      answer: "In 1820.",
      modelId: "gpt-4o-mini",
    });

    for (const body of [{ rating: "meh" }, {}, { rating: "up", note: "n".repeat(2001) }])
      expect((await ada.client.call(feedbackRoute, "/api/x", { method: "PUT", body, ...params(answer.id) })).status).toBe(422);
    expect((await ada.client.call(feedbackRoute, "/api/x", { method: "PUT", body: { rating: "up" }, ...params(question.id) })).status).toBe(
      422,
    );
    expect(
      (await ada.client.call(feedbackRoute, "/api/x", { method: "PUT", body: { rating: "up" }, ...params(crypto.randomUUID()) })).status,
    ).toBe(404);
    expect((await callRoute(feedbackRoute, "/api/x", { method: "PUT", body: { rating: "up" }, ...params(answer.id) })).status).toBe(401);

    expect((await ada.client.call(feedbackRoute, "/api/x", { method: "DELETE", ...params(answer.id) })).status).toBe(204);
    expect((await getChat(ada, chatId)).messages[1].feedback).toBeNull();
    expect(listFeedback().some((f) => f.note === "It opened in 1890.")).toBe(false);
  });
});

describe("saved prompts", () => {
  it("lists, adds, changes and deletes a workspace's prompts; only their author or an admin changes them", async () => {
    const ada = await person();
    const bob = await person();
    db().insert(workspaceMemberships).values({ workspaceId: ada.workspaceId, userId: bob.userId, role: "member" }).run();
    const ws = (p: Person) => ({ params: { workspaceId: ada.workspaceId }, client: p.client });
    const one = (promptId: string) => ({ params: { workspaceId: ada.workspaceId, promptId } });

    const created = await ada.client.call(promptsRoute, "/api/x", {
      body: { title: "Summarise", content: "Summarise this in 3 bullets:" },
      ...ws(ada),
    });
    expect(created.status).toBe(201);
    const prompt = await created.json();
    expect(prompt).toMatchObject({ title: "Summarise", content: "Summarise this in 3 bullets:", createdBy: ada.userId });
    await bob.client.call(promptsRoute, "/api/x", { body: { title: "Explain", content: "Explain like I am new here:" }, ...ws(bob) });

    const listed = await (await bob.client.call(promptsRoute, "/api/x", ws(bob))).json();
    expect(listed.prompts.map((p: { title: string }) => p.title)).toEqual(["Explain", "Summarise"]);

    expect((await bob.client.call(promptRoute, "/api/x", { method: "PUT", body: { title: "Mine now" }, ...one(prompt.id) })).status).toBe(
      403,
    );
    expect((await bob.client.call(promptRoute, "/api/x", { method: "DELETE", ...one(prompt.id) })).status).toBe(403);
    const changed = await ada.client.call(promptRoute, "/api/x", {
      method: "PUT",
      body: { content: "Summarise in 5 bullets:" },
      ...one(prompt.id),
    });
    expect(await changed.json()).toMatchObject({ title: "Summarise", content: "Summarise in 5 bullets:" });

    for (const body of [{}, { title: "", content: "x" }, { title: "t".repeat(81), content: "x" }])
      expect((await ada.client.call(promptsRoute, "/api/x", { body, ...ws(ada) })).status).toBe(422);
    const outsider = await person();
    expect((await outsider.client.call(promptRoute, "/api/x", one(prompt.id))).status).toBe(404);
    expect(
      (await outsider.client.call(promptRoute, "/api/x", { params: { workspaceId: outsider.workspaceId, promptId: prompt.id } })).status,
    ).toBe(404);

    expect((await ada.client.call(promptRoute, "/api/x", { method: "DELETE", ...one(prompt.id) })).status).toBe(204);
    expect((await ada.client.call(promptRoute, "/api/x", one(prompt.id))).status).toBe(404);
  });
});

describe("answering a question again", () => {
  it("grounds it in the documents its earlier answers cited, even on a branch the chat does not show", async () => {
    const ada = await person();
    const upload = new FormData();
    upload.append(
      "file",
      new Blob(["# Ferry\n\nThe ferry to Skye leaves at 07:40 from pier three."], { type: "text/markdown" }),
      "ferry.md",
    );
    const { documentId } = await (await ada.client.call(uploadRoute, "/api/upload", { body: upload })).json();
    while (await runNextJob(new Date(Date.now() + 3_600_000)));
    providers.openai.script({ tokens: ["At 07:40 [1]."] });
    const res = await ada.client.call(chatRoute, "/api/chat", {
      body: { messages: [{ role: "user", content: "When does the ferry leave?" }], documentIds: [documentId] },
    });
    await res.text();
    const chatId = res.headers.get("x-chat-id")!;
    const question = (await getChat(ada, chatId)).messages[0];

    // An edited question becomes the branch shown; then the first one is answered again, naming no documents.
    await regenerate(ada, chatId, { messageId: question.id, content: "Is there a bus?" }, ["No idea."]);
    await regenerate(ada, chatId, { messageId: question.id }, ["At 07:40 [1]."]);
    expect(JSON.stringify(lastPrompt())).toContain("pier three");
  });
});

describe("public chats", () => {
  it("serve a snapshot taken when shared, without internal ids or document excerpts, refreshed when shared again", async () => {
    const ada = await person();
    const upload = new FormData();
    const secret = "The vault code of the lighthouse is 5512 and only the keeper knows it.";
    upload.append("file", new Blob([`# Lighthouse\n\n${secret}`], { type: "text/markdown" }), "keeper-notes.md");
    const { documentId } = await (await ada.client.call(uploadRoute, "/api/upload", { body: upload })).json();
    while (await runNextJob(new Date(Date.now() + 3_600_000)));

    providers.openai.script({ tokens: ["The", " code", " is", " in", " the", " notes", " [1]."] });
    const res = await ada.client.call(chatRoute, "/api/chat", {
      body: { messages: [{ role: "user", content: "What is the vault code?" }], documentIds: [documentId] },
    });
    await res.text();
    const chatId = res.headers.get("x-chat-id")!;
    const internal = await getChat(ada, chatId);
    expect(internal.messages[1].sources[0]).toMatchObject({ documentId, filename: "keeper-notes.md" });

    const on = await ada.client.call(togglePublicRoute, "/api/x", { body: { isPublic: true }, ...chatParams(ada, chatId) });
    expect(await on.json()).toMatchObject({ id: chatId, isPublic: true, publicUrl: `http://localhost:3000/share/${chatId}` });
    const read = async () => callRoute(shareRoute, `/api/share/${chatId}`, { params: { chatId } });
    const snapshot = await (await read()).json();
    expect(snapshot).toMatchObject({
      title: "What is the vault code?",
      messages: [
        { role: "user", content: "What is the vault code?" },
        { role: "assistant", content: "The code is in the notes [1].", sources: [{ n: 1, filename: "keeper-notes.md", page: null }] },
      ],
    });
    const raw = JSON.stringify(snapshot);
    for (const id of [ada.workspaceId, ada.userId, documentId, ...internal.messages.map((m: { id: string }) => m.id)])
      expect(raw).not.toContain(id);
    expect(raw).not.toContain("5512");
    expect(raw).not.toMatch(/"(chunkId|documentId|workspaceId|createdBy|excerpt|id)"/);

    // Later messages stay private until the chat is shared again.
    await ask(ada, chatId, "Anything else?", ["No."]);
    expect((await (await read()).json()).messages).toHaveLength(2);
    await ada.client.call(togglePublicRoute, "/api/x", { body: { isPublic: true }, ...chatParams(ada, chatId) });
    expect((await (await read()).json()).messages).toHaveLength(4);

    await ada.client.call(togglePublicRoute, "/api/x", { method: "POST", ...chatParams(ada, chatId) });
    expect((await read()).status).toBe(404);
  });
});
