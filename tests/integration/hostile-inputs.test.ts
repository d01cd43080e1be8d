// Inputs a client controls that once made a route answer 500: a page form
// action given something that is not a form, and from-url ending on a path
// whose % escapes are malformed. Each must answer 4xx (or succeed), never 5xx.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as chatsApi from "~/routes/api/workspaces.id.chats";
import * as fromUrlRoute from "~/routes/api/workspaces.id.documents.from-url";
import * as knowledgeBasesApi from "~/routes/api/workspaces.id.knowledge-bases";
import * as adminPage from "~/routes/admin/index";
import * as adminWorkspacePage from "~/routes/admin/workspace";
import * as billingPage from "~/routes/app/billing";
import * as chatsPage from "~/routes/app/chats";
import * as documentsPage from "~/routes/app/documents";
import * as knowledgeBasePage from "~/routes/app/knowledge-base";
import * as workspaceSettingsPage from "~/routes/app/workspace-settings";
import * as workspacesPage from "~/routes/app/workspaces";
import * as activatePage from "~/routes/auth/activate";
import * as forgotPasswordPage from "~/routes/auth/forgot-password";
import * as loginPage from "~/routes/auth/login";
import * as resendActivationPage from "~/routes/auth/resend-activation";
import * as resetPasswordPage from "~/routes/auth/reset-password";
import * as signupPage from "~/routes/auth/signup";
import { startSmtpCapture, type Mailbox } from "../fakes/smtp";
import { signedInPerson, type Person } from "../support/accounts";
import { Client, type RouteModule } from "../support/client";

let mailbox: Mailbox;
let pages: HttpServer;
// The first account of the instance is its admin.
let admin: Person;
beforeAll(async () => {
  mailbox = await startSmtpCapture();
  process.env.SMTP_URL = mailbox.url;
  process.env.FETCH_ALLOW_HOSTS = "127.0.0.1";
  pages = await startPageServer();
  admin = await signedInPerson(mailbox, "Admin");
});
afterAll(async () => {
  await mailbox.close();
  pages.close();
});

type HttpServer = { base: string; close(): void };

/** Answers any path with a short text file; /moved redirects to a path with a malformed escape. */
async function startPageServer(): Promise<HttpServer> {
  const server = http.createServer((req, res) => {
    if (req.url === "/moved") return void res.writeHead(302, { Location: "/files/50%off.txt" }).end();
    res.writeHead(200, { "content-type": "text/plain" }).end("Scree is loose broken rock at the foot of a cliff.");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

describe("from-url", () => {
  it("keeps a page whose last path segment has a malformed % escape, named as written", async () => {
    const params = { params: { workspaceId: admin.workspaceId } };
    const path = `/api/workspaces/${admin.workspaceId}/documents/from-url`;
    const direct = await admin.client.call(fromUrlRoute, path, { ...params, body: { url: `${pages.base}/notes/100%.txt` } });
    expect(direct.status).toBe(201);
    expect((await direct.json()).document.filename).toBe("100%.txt");
    const redirected = await admin.client.call(fromUrlRoute, path, { ...params, body: { url: `${pages.base}/moved` } });
    expect(redirected.status).toBe(200); // the same bytes: the document already there
    const escaped = await admin.client.call(fromUrlRoute, path, { ...params, body: { url: `${pages.base}/a%20b%zz.txt` } });
    expect([200, 201]).toContain(escaped.status);
  });
});

describe("page form actions given something that is not a form", () => {
  const notForms: Record<string, { body?: string; headers?: Record<string, string> }> = {
    JSON: {
      body: JSON.stringify({ email: "someone@example.test", password: "x", intent: "rename", name: "X" }),
      headers: { "Content-Type": "application/json" },
    },
    text: { body: "email=someone@example.test&password=x", headers: { "Content-Type": "text/plain" } },
    "no body": {},
    "a broken multipart form": { body: "--x\r\nnot a part", headers: { "Content-Type": "multipart/form-data; boundary=x" } },
  };

  async function pageActions(): Promise<[string, RouteModule, string, Record<string, string>, boolean][]> {
    const ws = admin.workspaceId;
    const chat = await (await admin.client.call(chatsApi, `/api/workspaces/${ws}/chats`, { params: { workspaceId: ws }, body: {} })).json();
    const kb = await (
      await admin.client.call(knowledgeBasesApi, `/api/workspaces/${ws}/knowledge-bases`, {
        params: { workspaceId: ws },
        body: { name: "Rocks" },
      })
    ).json();
    return [
      ["/login", loginPage, "/login", {}, false],
      ["/signup", signupPage, "/signup", {}, false],
      ["/forgot-password", forgotPasswordPage, "/forgot-password", {}, false],
      ["/reset-password", resetPasswordPage, "/reset-password?token=abc", {}, false],
      ["/activate", activatePage, "/activate?token=abc", {}, false],
      ["/resend-activation", resendActivationPage, "/resend-activation", {}, false],
      ["/workspaces", workspacesPage, "/workspaces", {}, true],
      ["/w/:id/settings", workspaceSettingsPage, `/w/${ws}/settings`, { workspaceId: ws }, true],
      ["/w/:id/billing", billingPage, `/w/${ws}/billing`, { workspaceId: ws }, true],
      ["/w/:id/chats/:chatId", chatsPage, `/w/${ws}/chats/${chat.id}`, { workspaceId: ws, chatId: chat.id }, true],
      ["/w/:id/documents", documentsPage, `/w/${ws}/documents`, { workspaceId: ws }, true],
      [
        "/w/:id/knowledge-bases/:kbId",
        knowledgeBasePage,
        `/w/${ws}/knowledge-bases/${kb.id}`,
        { workspaceId: ws, knowledgeBaseId: kb.id },
        true,
      ],
      ["/admin", adminPage, "/admin", {}, true],
      ["/admin/workspaces/:id", adminWorkspacePage, `/admin/workspaces/${ws}`, { workspaceId: ws }, true],
    ];
  }

  it("answers 4xx to JSON, text, no body or a broken form on every page that takes a form", async () => {
    const actions = await pageActions();
    const failures: string[] = [];
    for (const [name, mod, path, params, signedIn] of actions)
      for (const [kind, { body, headers }] of Object.entries(notForms)) {
        const options = { method: "POST", params, body, headers };
        const res = await (signedIn ? admin.client : new Client()).call(mod, path, options);
        if (res.status < 400 || res.status >= 500) failures.push(`${name} with ${kind}: ${res.status}`);
      }
    expect(failures).toEqual([]);
  });
});
