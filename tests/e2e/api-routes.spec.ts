import { expect, test } from "@playwright/test";

// The built app serves every route of the contract at its path (the handlers'
// behaviour is covered by the integration tests; this checks the route table).
test("the API routes exist at the spec's paths and answer the error shape", async ({ request }) => {
  const post = (path: string, data: unknown) => request.post(path, { data, headers: { Origin: "http://localhost:3210" } });

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
  const session = await request.get("/api/auth/session");
  expect(await session.json()).toEqual({ user: null });
  const unknown = await request.get("/api/nothing-here");
  expect(unknown.status()).toBe(404);
  expect(await unknown.json()).toEqual({ error: "No such API route" });
  const health = await request.get("/healthz");
  expect(await health.json()).toEqual({ status: "ok" });
});
