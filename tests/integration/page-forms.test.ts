import { afterAll, beforeAll, expect, it } from "vitest";
import * as adminIndex from "~/routes/admin/index";
import * as adminWorkspace from "~/routes/admin/workspace";
import * as account from "~/routes/app/account";
import * as billing from "~/routes/app/billing";
import * as documents from "~/routes/app/documents";
import * as knowledgeBase from "~/routes/app/knowledge-base";
import * as workspaceSettings from "~/routes/app/workspace-settings";
import * as workspaces from "~/routes/app/workspaces";
import * as activate from "~/routes/auth/activate";
import * as confirmEmail from "~/routes/auth/confirm-email";
import * as forgotPassword from "~/routes/auth/forgot-password";
import * as login from "~/routes/auth/login";
import * as resendActivation from "~/routes/auth/resend-activation";
import * as resetPassword from "~/routes/auth/reset-password";
import * as signup from "~/routes/auth/signup";
import * as theme from "~/routes/theme";
import { startSmtpCapture, type Mailbox } from "../fakes/smtp";
import { signedInPerson, type Person } from "../support/accounts";
import type { RouteModule } from "../support/client";

let mailbox: Mailbox;
let admin: Person;
beforeAll(async () => {
  mailbox = await startSmtpCapture();
  process.env.SMTP_URL = mailbox.url;
  admin = await signedInPerson(mailbox, "Admin"); // the first account: an admin
});
afterAll(() => mailbox.close());

const BODIES = [
  ["JSON", JSON.stringify({ intent: "rename", name: "x" }), { "Content-Type": "application/json" }],
  ["text", "intent=rename&name=x", { "Content-Type": "text/plain" }],
  ["nothing", undefined, {}],
] as const;

it("every page form answers 415, never 500, to a body that is not a form", async () => {
  const ws = admin.workspaceId;
  const pages: [string, RouteModule, string, Record<string, string>?][] = [
    ["login", login, "/login"],
    ["signup", signup, "/signup"],
    ["activate", activate, "/activate"],
    ["forgot-password", forgotPassword, "/forgot-password"],
    ["resend-activation", resendActivation, "/resend-activation"],
    ["reset-password", resetPassword, "/reset-password"],
    ["confirm-email", confirmEmail, "/confirm-email"],
    ["theme", theme, "/theme"],
    ["workspaces", workspaces, "/workspaces"],
    ["workspace settings", workspaceSettings, `/w/${ws}/settings`, { workspaceId: ws }],
    ["billing", billing, `/w/${ws}/billing`, { workspaceId: ws }],
    ["documents", documents, `/w/${ws}/documents`, { workspaceId: ws }],
    ["account", account, "/account"],
    ["admin", adminIndex, "/admin"],
    ["admin workspace", adminWorkspace, `/admin/workspaces/${ws}`, { workspaceId: ws }],
  ];
  for (const [name, mod, path, params] of pages)
    for (const [kind, body, headers] of BODIES) {
      const res = await admin.client.call(mod, path, { method: "POST", body, headers, params });
      expect(res.status, `${name} with ${kind}`).toBe(415);
      expect((await res.json()).error, `${name} with ${kind}`).toMatch(/form/);
    }
  // A knowledge base that does not exist is a 404 before any body is read.
  const missing = "0b5b8c64-6d50-4bb8-9c5b-7d1f3c1c0e11";
  const res = await admin.client.call(knowledgeBase, `/w/${ws}/knowledge-bases/${missing}`, {
    method: "POST",
    body: "{}",
    headers: { "Content-Type": "application/json" },
    params: { workspaceId: ws, knowledgeBaseId: missing },
  });
  expect(res.status).toBe(404);
});
