// One account shared by the chat tests of a worker. The sign-up routes allow
// a few accounts per client address an hour, and every e2e test comes from
// the same address, so tests that need no fresh account sign in to this one
// (each in a new chat; tests that need a clean slate sign up themselves).
import { test as base, expect, type Page } from "@playwright/test";
import { baseURL } from "../../playwright.config";
import { linkFromMail, uniqueEmail } from "./support";

export type Account = { email: string; password: string };

const PASSWORD = "a long enough password";

/** Signs `page` in through the API and opens /app, which lands in a new chat. */
export async function logInWithApi(page: Page, account: Account) {
  const response = await page.request.post("/api/auth/login", { data: account, headers: { Origin: baseURL } });
  expect(response.status()).toBe(200);
  await page.goto("/app");
  await expect(page).toHaveURL(/\/w\/[0-9a-f-]{36}\/chats$/);
  await expect(page.getByLabel("Your question")).toBeVisible();
}

/** Registers and activates an account through the API. */
export async function registerWithApi(page: Page, email: string, name: string, password = PASSWORD) {
  expect((await page.request.post("/api/auth/register", { data: { email, password, name }, headers: { Origin: baseURL } })).status()).toBe(
    201,
  );
  const token = new URL(await linkFromMail(email, /activate/i)).searchParams.get("token");
  expect((await page.request.post("/api/auth/activate-user", { data: { token }, headers: { Origin: baseURL } })).status()).toBe(200);
  return { email, password };
}

export const test = base.extend<object, { workerAccount: Account }>({
  workerAccount: [
    async ({ browser }, use) => {
      const context = await browser.newContext({ baseURL });
      const account = await registerWithApi(await context.newPage(), uniqueEmail("chat"), "Chat tester");
      await context.close();
      await use(account);
    },
    { scope: "worker" },
  ],
});

export { expect };
