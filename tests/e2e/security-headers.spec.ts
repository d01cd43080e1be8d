// The headers every answer of the built server carries: a nonce-based CSP on
// pages (and the page still runs under it), private answers kept out of
// caches, and a request id.
import { expect, test } from "@playwright/test";
import { signUpAndLogIn } from "./support";

test("pages carry a nonce-based Content-Security-Policy their own scripts satisfy", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto("/");
  const policy = response!.headers()["content-security-policy"]!;
  const nonce = policy.match(/'nonce-([^']+)'/)?.[1];
  expect(nonce).toBeTruthy();
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  // Every inline script React Router rendered carries this response's nonce, and no other.
  const html = await response!.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  // A second answer gets another nonce.
  const again = await page.request.get("/");
  expect(again.headers()["content-security-policy"]).not.toContain(nonce!);
  // The page hydrates and runs under the policy: client-side navigation works.
  await page.getByRole("link", { name: "Pricing" }).first().click();
  await expect(page).toHaveURL(/\/pricing$/);
  expect(violations).toEqual([]);
});

test("signed-in pages, their data requests and private JSON are never cached; every answer has a request id", async ({ page }) => {
  await signUpAndLogIn(page, "Hedy");
  const workspacePage = await page.request.get(page.url());
  expect(workspacePage.headers()["cache-control"]).toBe("private, no-store");
  expect(workspacePage.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  const data = await page.request.get(`${new URL(page.url()).pathname}.data`);
  expect(data.status()).toBe(200);
  expect(data.headers()["cache-control"]).toBe("private, no-store");
  const session = await page.request.get("/api/auth/session");
  expect(session.headers()["cache-control"]).toBe("private, no-store");
  expect((await session.json()).user.name).toBe("Hedy");
  // Static assets stay cacheable.
  const html = await workspacePage.text();
  const asset = html.match(/\/assets\/[^"]+\.js/)![0];
  expect((await page.request.get(asset)).headers()["cache-control"]).toContain("immutable");
});
