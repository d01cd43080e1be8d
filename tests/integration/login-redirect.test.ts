import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as documentsPage from "~/routes/app/documents";
import * as loginPage from "~/routes/auth/login";
import * as workspacesPage from "~/routes/app/workspaces";
import { startSmtpCapture, type Mailbox } from "../fakes/smtp";
import { PASSWORD, signedInClient } from "../support/accounts";
import { callRoute } from "../support/client";

let mailbox: Mailbox;
let email: string;
beforeAll(async () => {
  mailbox = await startSmtpCapture();
  process.env.SMTP_URL = mailbox.url;
  ({ email } = await signedInClient(mailbox));
});
afterAll(() => mailbox.close());

const workspaceId = "2b0f0c8e-8a4f-4d55-9f4c-6f1f5b1f0a11";

describe("the way back after logging in", () => {
  it("names the page, not the data request a client-side navigation made", async () => {
    const cases = [
      [`/w/${workspaceId}/documents.data?_routes=routes%2Fapp%2Fdocuments`, `/w/${workspaceId}/documents`],
      [`/w/${workspaceId}/documents.data?q=marmot&_routes=root%2Croutes%2Fapp%2Fdocuments`, `/w/${workspaceId}/documents?q=marmot`],
      [`/w/${workspaceId}/documents?index&page=2`, `/w/${workspaceId}/documents?page=2`],
      [`/w/${workspaceId}/documents/_.data`, `/w/${workspaceId}/documents/`],
    ];
    for (const [requested, page] of cases) {
      const res = await callRoute(documentsPage, requested!, { params: { workspaceId } });
      expect(res.status).toBe(302);
      expect(res.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(page!)}`);
    }
    const workspaces = await callRoute(workspacesPage, "/workspaces.data");
    expect(workspaces.headers.get("Location")).toBe("/login?redirectTo=%2Fworkspaces");
  });

  it("goes only to paths of this site, and never answers 500 to what redirectTo holds", async () => {
    const logIn = async (redirectTo: string) => {
      const body = new FormData();
      body.append("email", email);
      body.append("password", PASSWORD);
      body.append("redirectTo", redirectTo);
      const res = await callRoute(loginPage, "/login", { body });
      expect(res.status).toBe(302);
      return res.headers.get("Location");
    };
    expect(await logIn(`/w/${workspaceId}/documents?q=1`)).toBe(`/w/${workspaceId}/documents?q=1`);
    for (const hostile of [
      "/\t/evil.example/",
      "/\n/evil.example/",
      "/\\evil.example",
      "//evil.example",
      "https://evil.example/",
      "/app\r\nSet-Cookie: x=1",
      "/app\u0000",
      "/\t\\evil.example",
      "javascript:alert(1)",
    ])
      expect(await logIn(hostile)).toBe("/app");
  });

  it("answers 415, not 500, when the log-in form is not a form", async () => {
    for (const [body, headers] of [
      [JSON.stringify({ email, password: PASSWORD }), { "Content-Type": "application/json" }],
      ["hello", { "Content-Type": "text/plain" }],
      [undefined, {}],
    ] as const) {
      const res = await callRoute(loginPage, "/login", { method: "POST", body, headers });
      expect(res.status).toBe(415);
    }
  });
});
