// The shared API guard: API keys and Bearer calls, CORS, rate limits, body
// limits and methods — through the same middleware chain React Router runs.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { workspaceMemberships } from "#db/schema";
import { db } from "~/modules/db/database.server";
import { setUserSuspended } from "~/modules/admin/admin.server";
import * as chatRoute from "~/routes/api/chat";
import * as documentsRoute from "~/routes/api/workspaces.id.documents";
import * as apiKeysRoute from "~/routes/api/workspaces.id.api-keys";
import * as apiKeyRoute from "~/routes/api/workspaces.id.api-keys.id";
import * as sessionRoute from "~/routes/api/auth.session";
import * as workspaceRoute from "~/routes/api/workspaces.id";
import * as workspacesRoute from "~/routes/api/workspaces";
import * as modelsRoute from "~/routes/api/models";
import * as registerRoute from "~/routes/api/auth.register";
import * as cronRoute from "~/routes/api/cron.reset-credits";
import { startSmtpCapture, type Mailbox } from "../fakes/smtp";
import { signedInPerson, type Person } from "../support/accounts";
import { startProviders } from "../support/chat";
import { callRoute } from "../support/client";

// Low limits for this file only (other files run with generous ones), set before the first env() read.
process.env.RATE_LIMIT_PER_MINUTE = "40";
process.env.RATE_LIMIT_MODEL_PER_MINUTE = "3";
process.env.CORS_ORIGINS = "https://tool.example, http://localhost:5173";
process.env.CRON_SECRET = "cron-secret-for-tests";

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
afterEach(() => vi.useRealTimers());

const ws = (p: Person) => ({ params: { workspaceId: p.workspaceId } });
const bearer = (key: string, extra: Record<string, string> = {}) => ({ Authorization: `Bearer ${key}`, ...extra });

async function makeKey(p: Person, body: Record<string, unknown> = { name: "script" }) {
  const res = await p.client.call(apiKeysRoute, `/api/workspaces/${p.workspaceId}/api-keys`, { body, ...ws(p) });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; key: string; prefix: string; name: string; expiresAt: string | null };
}

describe("API keys", () => {
  it("are created once with their secret, listed without it, and revoked with 204", async () => {
    const ada = await signedInPerson(mailbox, "Ada");
    const created = await makeKey(ada, { name: "CI script" });
    expect(created.key).toMatch(/^cairn_[A-Za-z0-9_-]{40,}$/);
    expect(created.key.startsWith(created.prefix)).toBe(true);

    const list = await (await ada.client.call(apiKeysRoute, "/api/workspaces/x/api-keys", ws(ada))).json();
    expect(list.apiKeys).toEqual([
      {
        id: created.id,
        name: "CI script",
        prefix: created.prefix,
        createdAt: expect.any(String),
        lastUsedAt: null,
        expiresAt: null,
        userId: ada.userId,
      },
    ]);
    expect(JSON.stringify(list)).not.toContain(created.key);

    // The key works, and its use is noted.
    const who = await callRoute(sessionRoute, "/api/auth/session", { headers: bearer(created.key) });
    expect((await who.json()).user.email).toBe(ada.email);
    const listed = await (await ada.client.call(apiKeysRoute, "/api/workspaces/x/api-keys", ws(ada))).json();
    expect(listed.apiKeys[0].lastUsedAt).not.toBeNull();

    const revoked = await ada.client.call(apiKeyRoute, "/api/x", {
      method: "DELETE",
      params: { workspaceId: ada.workspaceId, keyId: created.id },
    });
    expect(revoked.status).toBe(204);
    const after = await callRoute(workspacesRoute, "/api/workspaces/", { headers: bearer(created.key) });
    expect(after.status).toBe(401);
    expect(await after.json()).toEqual({ error: "Invalid, revoked or expired API key" });
    expect((await (await ada.client.call(apiKeysRoute, "/api/x", ws(ada))).json()).apiKeys).toEqual([]);
  });

  it("refuse bad input with 422, a past expiry included, and stop working once expired", async () => {
    const ada = await signedInPerson(mailbox);
    for (const body of [
      {},
      { name: "" },
      { name: "x".repeat(81) },
      { name: "k", expiresAt: "tomorrow" },
      { name: "k", expiresAt: "2020-01-01T00:00:00Z" },
    ]) {
      const res = await ada.client.call(apiKeysRoute, "/api/x", { body, ...ws(ada) });
      expect(res.status, JSON.stringify(body)).toBe(422);
    }
    const soon = new Date(Date.now() + 60_000).toISOString();
    const key = await makeKey(ada, { name: "short-lived", expiresAt: soon });
    expect(key.expiresAt).toBe(soon);
    expect((await callRoute(sessionRoute, "/api/auth/session", { headers: bearer(key.key) })).status).toBe(200);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 120_000 });
    expect((await callRoute(sessionRoute, "/api/auth/session", { headers: bearer(key.key) })).status).toBe(401);
  });

  it("act only inside their workspace: other workspaces are 404, and the key cannot make keys or workspaces", async () => {
    const ada = await signedInPerson(mailbox);
    const other = await (await ada.client.call(workspacesRoute, "/api/workspaces/", { body: { name: "Other" } })).json();
    const { key } = await makeKey(ada);

    const listed = await (await callRoute(workspacesRoute, "/api/workspaces/", { headers: bearer(key) })).json();
    expect(listed.workspaces.map((w: { id: string }) => w.id)).toEqual([ada.workspaceId]);
    expect((await callRoute(workspaceRoute, "/api/x", { headers: bearer(key), params: { workspaceId: ada.workspaceId } })).status).toBe(
      200,
    );
    const elsewhere = await callRoute(workspaceRoute, "/api/x", { headers: bearer(key), params: { workspaceId: other.id } });
    expect(elsewhere.status).toBe(404);
    expect((await callRoute(documentsRoute, "/api/x", { headers: bearer(key), params: { workspaceId: other.id } })).status).toBe(404);
    // Seed-1 routes without a workspace act in the key's; naming another is 404.
    expect((await callRoute(modelsRoute, "/api/models", { headers: bearer(key) })).status).toBe(200);
    expect((await callRoute(modelsRoute, `/api/models?workspaceId=${other.id}`, { headers: bearer(key) })).status).toBe(404);

    const keyMakesKey = await callRoute(apiKeysRoute, "/api/x", { headers: bearer(key), body: { name: "child" }, ...ws(ada) });
    expect(keyMakesKey.status).toBe(403);
    const keyMakesWorkspace = await callRoute(workspacesRoute, "/api/workspaces/", { headers: bearer(key), body: { name: "Sneaky" } });
    expect(keyMakesWorkspace.status).toBe(403);
  });

  it("of a person who leaves the workspace or is suspended answer 401 at once", async () => {
    const ada = await signedInPerson(mailbox);
    const bob = await signedInPerson(mailbox);
    db().insert(workspaceMemberships).values({ workspaceId: ada.workspaceId, userId: bob.userId, role: "member" }).run();
    const bobsKey = (await makeKey({ ...bob, workspaceId: ada.workspaceId })).key;
    expect((await callRoute(documentsRoute, "/api/x", { headers: bearer(bobsKey), ...ws(ada) })).status).toBe(200);
    db()
      .delete(workspaceMemberships)
      .where(and(eq(workspaceMemberships.workspaceId, ada.workspaceId), eq(workspaceMemberships.userId, bob.userId)))
      .run();
    expect((await callRoute(documentsRoute, "/api/x", { headers: bearer(bobsKey), ...ws(ada) })).status).toBe(401);

    const adasKey = (await makeKey(ada)).key;
    const admin = { id: "admin", email: "ops@example.test" } as never;
    setUserSuspended(admin, ada.userId, true);
    expect((await callRoute(documentsRoute, "/api/x", { headers: bearer(adasKey), ...ws(ada) })).status).toBe(401);
  });

  it("let members see and revoke only their own keys; owners see and revoke all", async () => {
    const owner = await signedInPerson(mailbox);
    const member = await signedInPerson(mailbox);
    db().insert(workspaceMemberships).values({ workspaceId: owner.workspaceId, userId: member.userId, role: "member" }).run();
    const asMember = { ...member, workspaceId: owner.workspaceId };
    const ownerKey = await makeKey(owner, { name: "owner's" });
    const memberKey = await makeKey(asMember, { name: "member's" });

    const memberList = await (await member.client.call(apiKeysRoute, "/api/x", ws(owner))).json();
    expect(memberList.apiKeys.map((k: { name: string }) => k.name)).toEqual(["member's"]);
    const ownerList = await (await owner.client.call(apiKeysRoute, "/api/x", ws(owner))).json();
    expect(ownerList.apiKeys.map((k: { name: string }) => k.name).sort()).toEqual(["member's", "owner's"]);

    const params = (keyId: string) => ({ method: "DELETE", params: { workspaceId: owner.workspaceId, keyId } });
    expect((await member.client.call(apiKeyRoute, "/api/x", params(ownerKey.id))).status).toBe(404);
    expect((await owner.client.call(apiKeyRoute, "/api/x", params(memberKey.id))).status).toBe(204);
    expect((await callRoute(sessionRoute, "/api/auth/session", { headers: bearer(memberKey.key) })).status).toBe(401);
    expect((await callRoute(sessionRoute, "/api/auth/session", { headers: bearer(ownerKey.key) })).status).toBe(200);
  });

  it("answer 401 for malformed or unknown secrets, whatever cookie comes along", async () => {
    const ada = await signedInPerson(mailbox);
    for (const header of ["Bearer cairn_nope", "Bearer ", "Basic YWRhOmFkYQ==", "Bearer sk-not-cairn"]) {
      const res = await ada.client.call(workspacesRoute, "/api/workspaces/", { headers: { Authorization: header } });
      expect(res.status, header).toBe(401);
    }
  });
});

describe("Bearer calls and the same-origin rule", () => {
  it("skip the origin check with a key; cookie calls from another origin stay refused", async () => {
    const ada = await signedInPerson(mailbox);
    const { key } = await makeKey(ada);
    const viaKey = await callRoute(workspaceRoute, "/api/x", {
      method: "PUT",
      body: { name: "Renamed by script" },
      origin: "https://tool.example",
      headers: bearer(key),
      ...ws(ada),
    });
    expect(viaKey.status).toBe(200);
    const viaCookie = await ada.client.call(workspaceRoute, "/api/x", {
      method: "PUT",
      body: { name: "Evil" },
      origin: "https://tool.example",
      ...ws(ada),
    });
    expect(viaCookie.status).toBe(403);
  });
});

describe("CORS", () => {
  it("answers a listed origin's preflight with 204 and the contract's headers, never credentials", async () => {
    const res = await callRoute(documentsRoute, "/api/workspaces/x/documents", {
      method: "OPTIONS",
      origin: "https://tool.example",
      headers: { "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization, content-type" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("https://tool.example");
    expect(res.headers.get("Access-Control-Allow-Headers")).toBe("authorization, content-type");
    expect(res.headers.get("Access-Control-Expose-Headers")).toContain("x-chat-id");
    expect(res.headers.get("Access-Control-Allow-Credentials")).toBeNull();
  });

  it("allows a listed origin the other headers its preflight asks for (SDKs add their own), and no unlisted one", async () => {
    const ask = (origin: string) =>
      callRoute(documentsRoute, "/api/x", {
        method: "OPTIONS",
        origin,
        headers: { "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "Authorization, X-Stainless-OS, bad header" },
      });
    expect((await ask("https://tool.example")).headers.get("Access-Control-Allow-Headers")).toBe(
      "authorization, content-type, x-stainless-os",
    );
    expect((await ask("https://evil.example")).headers.get("Access-Control-Allow-Headers")).toBeNull();
  });

  it("lets a listed origin on the internet reach a Cairn on a private network (Private Network Access)", async () => {
    const ask = (origin: string) =>
      callRoute(documentsRoute, "/api/x", {
        method: "OPTIONS",
        origin,
        headers: { "Access-Control-Request-Method": "GET", "Access-Control-Request-Private-Network": "true" },
      });
    expect((await ask("https://tool.example")).headers.get("Access-Control-Allow-Private-Network")).toBe("true");
    expect((await ask("https://evil.example")).headers.get("Access-Control-Allow-Private-Network")).toBeNull();
  });

  it("gives an unlisted origin no CORS headers, on preflights and answers alike", async () => {
    const preflight = await callRoute(documentsRoute, "/api/x", { method: "OPTIONS", origin: "https://evil.example" });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("Access-Control-Allow-Origin")).toBeNull();
    const answer = await callRoute(sessionRoute, "/api/auth/session", { headers: { Origin: "https://evil.example" } });
    expect(answer.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("lets a listed origin read a Bearer answer, x-chat-id exposed", async () => {
    const ada = await signedInPerson(mailbox);
    const { key } = await makeKey(ada);
    providers.openai.script({ tokens: ["Hi"] });
    const res = await callRoute(chatRoute, "/api/chat", {
      origin: "http://localhost:5173",
      headers: bearer(key),
      body: { messages: [{ role: "user", content: "Hello from a tool" }] },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("http://localhost:5173");
    expect(res.headers.get("x-chat-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await res.text()).toBe("Hi");
  });
});

describe("rate limits", () => {
  it("limit model calls per key at RATE_LIMIT_MODEL_PER_MINUTE with 429, Retry-After and RateLimit headers, then recover", async () => {
    const ada = await signedInPerson(mailbox);
    const { key } = await makeKey(ada);
    const ask = () => callRoute(chatRoute, "/api/chat", { headers: bearer(key), body: { messages: [{ role: "user", content: "hi" }] } });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 4; i++) {
      if (i < 3) providers.openai.script({ tokens: ["ok"] });
      last = await ask();
      statuses.push(last.status);
      if (last.status === 200) expect(last.headers.get("RateLimit-Limit")).toBe("3");
      if (last.status === 429) expect((await last.json()).error).toMatch(/Too many requests/);
      else await last.text();
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(Number(last!.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(last!.headers.get("RateLimit-Remaining")).toBe("0");
    // Other calls of the same key still pass: only model calls were spent.
    expect((await callRoute(sessionRoute, "/api/auth/session", { headers: bearer(key) })).status).toBe(200);
    // A minute later the budget is back.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 61_000 });
    providers.openai.script({ tokens: ["again"] });
    const recovered = await ask();
    expect(recovered.status).toBe(200);
    expect(await recovered.text()).toBe("again");
  });

  it("limit every call per person, and anonymous calls per client address (IPv6 by its /64)", async () => {
    const ada = await signedInPerson(mailbox);
    const statuses = await Promise.all(
      Array.from({ length: 45 }, () => ada.client.call(sessionRoute, "/api/auth/session").then((r) => r.status)),
    );
    // Signing in spent one call of Ada's 40 (the list of her workspaces).
    expect(statuses.filter((s) => s === 200)).toHaveLength(39);
    expect(statuses.filter((s) => s === 429)).toHaveLength(6);

    const fromPrefix = (i: number) =>
      callRoute(registerRoute, "/api/auth/register", { ip: `2001:db8:aa:bb:${i.toString(16)}::1`, method: "GET" });
    const anonymous = await Promise.all(Array.from({ length: 42 }, (_, i) => fromPrefix(i).then((r) => r.status)));
    // GET to a POST route is a 405 — but only while the address's budget lasts.
    expect(anonymous.filter((s) => s === 405)).toHaveLength(40);
    expect(anonymous.filter((s) => s === 429)).toHaveLength(2);
    expect((await callRoute(registerRoute, "/api/auth/register", { ip: "2001:db8:aa:cc::1", method: "GET" })).status).toBe(405);
  });

  it("count refused keys against the client address, so keys cannot be guessed at full speed", async () => {
    const guesses = await Promise.all(
      Array.from({ length: 42 }, (_, i) =>
        callRoute(sessionRoute, "/api/auth/session", { ip: "203.0.113.9", headers: bearer(`cairn_guess${i}`) }).then((r) => r.status),
      ),
    );
    expect(guesses.filter((s) => s === 401)).toHaveLength(40);
    expect(guesses.filter((s) => s === 429)).toHaveLength(2);
  });

  it("leave the cron route to its own secret: its Bearer is not an API key", async () => {
    const res = await callRoute(cronRoute, "/api/cron/reset-credits", { headers: { Authorization: "Bearer cron-secret-for-tests" } });
    expect(res.status).toBe(200);
    expect((await callRoute(cronRoute, "/api/cron/reset-credits", { headers: { Authorization: "Bearer wrong" } })).status).toBe(401);
  });
});

describe("bodies and methods", () => {
  it("refuse a JSON body over 1 MB with 413, declared or streamed, and store nothing", async () => {
    const ada = await signedInPerson(mailbox);
    const big = JSON.stringify({ name: "x".repeat(1024 * 1024) });
    const declared = await ada.client.call(workspacesRoute, "/api/workspaces/", {
      body: big,
      headers: { "Content-Type": "application/json", "Content-Length": String(big.length) },
    });
    expect(declared.status).toBe(413);
    expect((await declared.json()).error).toMatch(/too large/);
    const chunks = new TextEncoder().encode(big);
    const streamed = new ReadableStream({
      start(controller) {
        for (let i = 0; i < chunks.length; i += 65536) controller.enqueue(chunks.slice(i, i + 65536));
        controller.close();
      },
    });
    const res = await callRoute(workspacesRoute, "/api/workspaces/", {
      method: "POST",
      body: streamed as never,
      headers: { "Content-Type": "application/json", Cookie: ada.client.cookie },
    });
    expect(res.status).toBe(413);
    const names = (await (await ada.client.call(workspacesRoute, "/api/workspaces/")).json()).workspaces;
    expect(names).toHaveLength(1);
  });

  it("take a chat body larger than 1 MB (chat allows more), and refuse one over its own limit", async () => {
    const ada = await signedInPerson(mailbox);
    providers.openai.script({ tokens: ["Read it."] });
    // 21 long messages (1.7 MB) in a new chat: more than a JSON body may carry, well within a chat's.
    const messages = Array.from({ length: 21 }, (_, i) => ({
      role: i % 2 ? "assistant" : "user",
      content: `${i} ${"word ".repeat(16_000)}`,
    }));
    const ok = await ada.client.call(chatRoute, "/api/chat", { body: { messages, modelId: "gpt-4o-mini" } });
    expect(ok.status).toBe(200);
    await ok.text();
    const tooBig = await ada.client.call(chatRoute, "/api/chat", {
      body: { messages: [{ role: "user", content: "w".repeat(5 * 1024 * 1024) }] },
    });
    expect(tooBig.status).toBe(413);
  });

  it("answer a method a route does not serve with 405, Allow and the error shape", async () => {
    const ada = await signedInPerson(mailbox);
    const res = await ada.client.call(sessionRoute, "/api/auth/session", { method: "DELETE" });
    expect(res.status).toBe(405);
    expect(res.headers.get("Allow")).toBe("GET");
    expect(await res.json()).toEqual({ error: "Method not allowed" });
    const keys = await ada.client.call(apiKeyRoute, "/api/x", {
      method: "GET",
      params: { workspaceId: ada.workspaceId, keyId: crypto.randomUUID() },
    });
    expect(keys.status).toBe(405);
    expect(keys.headers.get("Allow")).toBe("DELETE");
  });

  it("carry a request id and keep private answers out of caches", async () => {
    const res = await callRoute(sessionRoute, "/api/auth/session", { headers: { "x-request-id": "trace-1234-abcd" } });
    expect(res.headers.get("x-request-id")).toBe("trace-1234-abcd");
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    const fresh = await callRoute(sessionRoute, "/api/auth/session", { headers: { "x-request-id": "bad id <script>" } });
    expect(fresh.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
