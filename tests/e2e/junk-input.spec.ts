// Hostile input against the built server: every route of app/routes.ts, every
// method, junk bodies (fast-check JSON, broken JSON, text, forms, multipart),
// anonymous, with a session cookie and with an API key. Nothing a client can
// send may answer 5xx; API answers keep the error shape and leak no stack.
// New routes join this test by being in the route table.
import { expect, test } from "@playwright/test";
import fc from "fast-check";
import http from "node:http";
import routes from "../../app/routes";
import { linkFromMail, uniqueEmail } from "./support";

const port = Number(process.env.E2E_PORT ?? 3210);
const origin = `http://localhost:${port}`;
const PASSWORD = "junk-input password 1";
const RANDOM_ID = "0b5b8c64-6d50-4bb8-9c5b-7d1f3c1c0e11";

type Entry = { path?: string; index?: boolean; children?: Entry[] };

/** Every path of the route table, parents joined, in the table's order. */
function routePaths(entries: Entry[], parent = ""): string[] {
  return entries.flatMap((entry) => {
    const here = entry.path ? `${parent}/${entry.path}`.replace(/\/+/g, "/") : parent || "/";
    return [...(entry.path || entry.index ? [here] : []), ...routePaths(entry.children ?? [], entry.path ? here : parent)];
  });
}

/** A concrete address: ids filled in (the caller's own workspace where one is asked for), splats with junk. */
const concrete = (path: string, workspaceId: string) =>
  path
    .replace(":workspaceId?", workspaceId)
    .replace(":workspaceId", workspaceId)
    .replace(/:[A-Za-z]+\??/g, RANDOM_ID)
    .replace("*", "junk/путь");

type Body = { label: string; body?: string | Uint8Array<ArrayBuffer>; type?: string };

const junkJson = fc.sample(fc.jsonValue({ maxDepth: 4 }), { numRuns: 6, seed: 20261129 }).map((value, i) => ({
  label: `fast-check json #${i}`,
  body: JSON.stringify(value),
  type: "application/json",
}));
const BODIES: Body[] = [
  { label: "no body" },
  { label: "broken json", body: '{"messages": [', type: "application/json" },
  { label: "json array", body: "[1,2,3]", type: "application/json" },
  {
    label: "json with wrong types",
    body: JSON.stringify({ name: 42, email: [], messages: "x", token: {}, documentIds: "a" }),
    type: "application/json",
  },
  { label: "proto pollution", body: '{"__proto__":{"admin":true},"constructor":{"prototype":{}}}', type: "application/json" },
  { label: "text", body: "hello there", type: "text/plain" },
  { label: "form", body: "intent=%%%&name=%E0%A4%A&redirectTo=%0D%0A//evil.example", type: "application/x-www-form-urlencoded" },
  {
    label: "broken multipart",
    body: '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc',
    type: "multipart/form-data; boundary=x",
  },
  { label: "multipart without boundary", body: "abc", type: "multipart/form-data" },
  { label: "binary", body: new Uint8Array([0, 159, 146, 150, 255, 0, 1]), type: "application/octet-stream" },
  ...junkJson,
];
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

type Caller = { label: string; headers: Record<string, string> };

async function call(path: string, method: string, body: Body, caller: Caller) {
  const headers: Record<string, string> = { Origin: origin, ...caller.headers };
  if (body.type) headers["Content-Type"] = body.type;
  const res = await fetch(`${origin}${path}`, {
    method,
    headers,
    body: method === "GET" || method === "HEAD" ? undefined : body.body,
    redirect: "manual",
  });
  const text = method === "HEAD" ? "" : await res.text();
  return { status: res.status, type: res.headers.get("content-type") ?? "", text };
}

async function account() {
  const email = uniqueEmail("junk");
  const post = (path: string, data: unknown, headers: Record<string, string> = {}) =>
    fetch(`${origin}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: origin, ...headers },
      body: JSON.stringify(data),
    });
  expect((await post("/api/auth/register", { email, password: PASSWORD, name: "Junk" })).status).toBe(201);
  const token = new URL(await linkFromMail(email, /activate/i)).searchParams.get("token");
  expect((await post("/api/auth/activate-user", { token })).status).toBe(200);
  const login = await post("/api/auth/login", { email, password: PASSWORD });
  const cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
  const { workspaces } = await (await fetch(`${origin}/api/workspaces/`, { headers: { Cookie: cookie } })).json();
  const workspaceId = workspaces[0].id as string;
  const key = await post(`/api/workspaces/${workspaceId}/api-keys`, { name: "junk" }, { Cookie: cookie });
  expect(key.status).toBe(201);
  return { cookie, workspaceId, key: (await key.json()).key as string };
}

test("no route answers 5xx to junk methods, bodies and callers, and API errors keep their shape", async () => {
  test.setTimeout(1_800_000);
  const me = await account();
  const callers: Caller[] = [
    { label: "anonymous", headers: {} },
    { label: "cookie", headers: { Cookie: me.cookie } },
    { label: "api key", headers: { Authorization: `Bearer ${me.key}` } },
  ];
  // Log-out paths last: they end the session the cookie caller uses.
  const paths = routePaths(routes as Entry[]).map((p) => concrete(p, me.workspaceId));
  const ordered = [...paths.filter((p) => !p.includes("logout")), ...paths.filter((p) => p.includes("logout"))];
  expect(ordered).toContain(`/api/workspaces/${me.workspaceId}/api-keys`);

  const failures: string[] = [];
  let requests = 0;
  for (const path of ordered) {
    const cases = callers.flatMap((caller) =>
      METHODS.flatMap((method) =>
        (method === "GET" || method === "HEAD" || method === "OPTIONS" ? [BODIES[0]!] : BODIES).map((body) => ({ caller, method, body })),
      ),
    );
    // A few at a time: enough to finish quickly, few enough not to be a load test.
    for (let i = 0; i < cases.length; i += 8) {
      await Promise.all(
        cases.slice(i, i + 8).map(async ({ caller, method, body }) => {
          const what = `${method} ${path} (${caller.label}, ${body.label})`;
          requests++;
          const res = await call(path, method, body, caller);
          if (res.status >= 500) failures.push(`${what} → ${res.status} ${res.text.slice(0, 120)}`);
          if (/\n\s+at .+:\d+:\d+/.test(res.text)) failures.push(`${what} → a stack trace in the answer`);
          const api = path.startsWith("/api/") || path.startsWith("/v1/");
          if (api && res.status >= 400 && method !== "HEAD") {
            let shape: unknown;
            try {
              shape = JSON.parse(res.text);
            } catch {
              failures.push(`${what} → ${res.status} that is not JSON: ${res.text.slice(0, 80)}`);
              return;
            }
            const error = (shape as { error?: unknown }).error;
            const ok = path.startsWith("/v1/") ? typeof (error as { message?: unknown })?.message === "string" : typeof error === "string";
            if (!ok) failures.push(`${what} → ${res.status} without the error shape: ${res.text.slice(0, 80)}`);
          }
        }),
      );
    }
  }
  console.log(`junk input: ${requests} requests over ${ordered.length} paths`);
  expect(failures, failures.slice(0, 40).join("\n")).toEqual([]);
});

test("addresses Express or the router cannot read answer 4xx in the error shape", async () => {
  for (const path of ["/%", "/api/%E0%A4%A", "/w/%zz/chats", "/api/workspaces/%00", "/share/%ff", "/v1/%"]) {
    const res = await fetch(`${origin}${path}`);
    expect(res.status, path).toBeGreaterThanOrEqual(400);
    expect(res.status, path).toBeLessThan(500);
    if (path.startsWith("/api") || path === "/%") expect(typeof (await res.json()).error, path).toBe("string");
  }
});

test("an answer sent before the body was read does not break the next request on that connection", async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const send = (method: string, path: string, body?: { bytes: number; declared: boolean }) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const headers: Record<string, string> = { "Content-Type": "application/json", Origin: origin };
      if (body?.declared) headers["Content-Length"] = String(body.bytes);
      let answered = false;
      const req = http.request({ host: "localhost", port, method, path, agent, headers }, (res) => {
        answered = true;
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode!, text }));
      });
      // Once the answer is in, the server closing the connection on the rest of the body is expected.
      req.on("error", (error) => answered || reject(error));
      if (!body) return req.end();
      // The body goes out in pieces, as a slow client would send it; a closed connection ends the sending.
      let sent = 0;
      const piece = Buffer.alloc(64 * 1024, 0x61);
      req.on("close", () => (sent = body.bytes));
      const pump = () => {
        while (sent < body.bytes) {
          sent += piece.length;
          if (!req.write(piece)) return void req.once("drain", pump);
        }
        req.end();
      };
      pump();
    });
  for (const declared of [true, false]) {
    // A route that reads its body before anything else, so the streamed case reaches the reader's limit.
    const refused = await send("POST", "/api/auth/activate-user", { bytes: 3 * 1024 * 1024, declared });
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.text).error).toMatch(/too large/);
    const next = await send("GET", "/api/auth/session");
    expect(next.status).toBe(200);
    expect(JSON.parse(next.text)).toEqual({ user: null });
  }
  agent.destroy();
});
