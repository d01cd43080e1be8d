import { expect, test } from "@playwright/test";

// The built app serves every route of the contract at its path (the handlers'
// behaviour is covered by the integration tests; this checks the route table).
test("the API routes exist at the spec's paths and answer the error shape", async ({ request }) => {
  const origin = `http://localhost:${process.env.E2E_PORT ?? 3210}`;
  const post = (path: string, data: unknown) => request.post(path, { data, headers: { Origin: origin } });

  for (const path of [
    "/api/auth/register",
    "/api/auth/activate-user",
    "/api/auth/resend-activation",
    "/api/auth/reset-password",
    "/api/auth/password-reset-confirm",
    "/api/auth/login",
  ]) {
    const res = await post(path, { unexpected: true });
    expect(res.status(), path).toBe(422);
    expect((await res.json()).error, path).toBe("Validation failed");
  }
  for (const path of ["/api/workspaces", "/api/workspaces/", "/api/workspaces/0b5b8c64-6d50-4bb8-9c5b-7d1f3c1c0e11"]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(401);
    expect(await res.json()).toEqual({ error: "Authentication required" });
  }
  // The chat and document routes of both specs, at their paths (with or without the trailing slash).
  const ws = "/api/workspaces/0b5b8c64-6d50-4bb8-9c5b-7d1f3c1c0e11";
  const id = "6f1c2d1e-1111-4c5d-9e8f-0a1b2c3d4e5f";
  for (const path of [
    `${ws}/chats/`,
    `${ws}/chats/${id}`,
    `${ws}/chats/${id}/knowledge-bases/`,
    `${ws}/documents/`,
    `${ws}/documents/${id}`,
    `${ws}/documents/${id}/download-url/`,
    `${ws}/documents/${id}/processing-status`,
    `${ws}/documents/${id}/chunks`,
    `${ws}/documents/${id}/content`,
    `${ws}/knowledge-bases/`,
    `${ws}/knowledge-bases/${id}`,
    `${ws}/knowledge-bases/${id}/documents`,
    `${ws}/knowledge-bases/${id}/teams`,
    `${ws}/members`,
    `${ws}/invitations/`,
    `${ws}/teams/`,
    `${ws}/teams/${id}/`,
    `${ws}/teams/${id}/invitations/`,
  ]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(401);
  }
  for (const path of [
    "/api/upload",
    "/api/rag",
    `${ws}/chats/${id}/messages`,
    `${ws}/chats/${id}/messages/regenerate`,
    `${ws}/chats/${id}/toggle-public`,
    `${ws}/chats/${id}/invite-user`,
    `${ws}/chats/${id}/knowledge-bases/attach`,
    `${ws}/chats/${id}/knowledge-bases/detach`,
    `${ws}/documents/upload`,
    `${ws}/documents/from-url`,
    `${ws}/documents/${id}/confirm-upload`,
    `${ws}/documents/${id}/reprocess`,
    `${ws}/knowledge-bases/${id}/add-documents`,
    `${ws}/knowledge-bases/${id}/remove-documents`,
    `${ws}/invitations/`,
    "/api/invitations/accept",
    "/api/invitations/decline",
    `${ws}/leave/`,
    `${ws}/transfer-credits`,
    `${ws}/teams/`,
    `${ws}/teams/${id}/invitations/`,
    `${ws}/teams/${id}/leave/`,
    "/api/transcribe-audio",
    `${ws}/translate`,
  ]) {
    const res = await post(path, {});
    expect(res.status(), path).toBe(401);
  }
  // The public contact form validates before anything else.
  const contact = await post("/api/send-contact-email", { email: "not-an-address" });
  expect(contact.status()).toBe(422);
  expect((await contact.json()).error).toBe("Validation failed");
  const session = await request.get("/api/auth/session");
  expect(await session.json()).toEqual({ user: null });
  const unknown = await request.get("/api/nothing-here");
  expect(unknown.status()).toBe(404);
  expect(await unknown.json()).toEqual({ error: "No such API route" });
  const health = await request.get("/healthz");
  expect(await health.json()).toEqual({ status: "ok" });
});
