// Every route of the API table (app/routes.ts, walked, so a new route is
// covered the day it is added): reachable with a key, refused once the key
// is revoked, and closed to the key in any workspace but its own.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as apiKeysRoute from "~/routes/api/workspaces.id.api-keys";
import * as apiKeyRoute from "~/routes/api/workspaces.id.api-keys.id";
import * as workspacesRoute from "~/routes/api/workspaces";
import { startSmtpCapture, type Mailbox } from "../fakes/smtp";
import { signedInPerson } from "../support/accounts";
import { apiRouteTable, loadRoute, type ApiRoute } from "../support/api-server";
import { startProviders } from "../support/chat";
import { callRoute } from "../support/client";

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

// These authenticate themselves (the cron secret, Stripe's signature): an API key is not their Bearer.
const OWN_AUTHENTICATION = ["routes/api/cron.reset-credits.ts", "routes/api/webhooks.stripe.ts", "routes/api/subscriptions.webhook.ts"];
const keyRoutes = () => apiRouteTable().filter((route) => !OWN_AUTHENTICATION.includes(route.file));

/** The route's path with real values: the workspace given, fresh ids for everything else. */
function concrete(route: ApiRoute, workspaceId: string) {
  const params: Record<string, string> = {};
  const path = route.path
    .split("/")
    .map((segment) => {
      if (segment === "*") return "nothing-here";
      if (!segment.startsWith(":")) return segment;
      const name = segment.replace(/^:|\?$/g, "");
      return (params[name] = name === "workspaceId" ? workspaceId : randomUUID());
    })
    .join("/");
  return { path: `/${path}`, params };
}

/** Calls a route as a program would: GET where it serves GET, else the first method it declares, with an empty JSON body. */
async function callWithKey(route: ApiRoute, key: string, workspaceId: string) {
  const mod = await loadRoute(route.file);
  const { path, params } = concrete(route, workspaceId);
  const headers = { Authorization: `Bearer ${key}` };
  const asGet = await callRoute(mod, path, { params, headers });
  if (asGet.status !== 405) return { path, method: "GET", status: asGet.status };
  const method = asGet.headers.get("Allow")!.split(", ")[0]!;
  const res = await callRoute(mod, path, { method, params, headers, body: {}, origin: null });
  return { path, method, status: res.status };
}

async function personWithKey() {
  const p = await signedInPerson(mailbox);
  const res = await p.client.call(apiKeysRoute, "/api/x", { body: { name: "walker" }, params: { workspaceId: p.workspaceId } });
  const created = (await res.json()) as { id: string; key: string };
  return { ...p, ...created };
}

describe("an API key on every route of the table", () => {
  it("is let through by the guard everywhere, and refused with 401 everywhere once revoked", async () => {
    const p = await personWithKey();
    const routes = keyRoutes();
    expect(routes.map((r) => r.path)).toEqual(expect.arrayContaining(["api/chat", "v1/models", "v1/chat/completions", "api/*", "v1/*"]));

    for (const route of routes) {
      const { path, method, status } = await callWithKey(route, p.key, p.workspaceId);
      expect(status, `${method} ${path}`).not.toBe(401);
    }

    const revoked = await p.client.call(apiKeyRoute, "/api/x", { method: "DELETE", params: { workspaceId: p.workspaceId, keyId: p.id } });
    expect(revoked.status).toBe(204);
    for (const route of routes) {
      const { path, method, status } = await callWithKey(route, p.key, p.workspaceId);
      expect(status, `${method} ${path}`).toBe(401);
    }
  });

  it("finds nothing of another workspace of the same person: every workspace route answers 404", async () => {
    const p = await personWithKey();
    const other = await (await p.client.call(workspacesRoute, "/api/workspaces/", { body: { name: "Elsewhere" } })).json();
    const routes = keyRoutes().filter((route) => route.path.includes(":workspaceId"));
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) {
      const { path, method, status } = await callWithKey(route, p.key, other.id);
      expect(status, `${method} ${path}`).toBe(404);
    }
  });
});
