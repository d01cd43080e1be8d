import { expect, type Page } from "@playwright/test";

const inbox = `http://127.0.0.1:${process.env.E2E_INBOX_PORT ?? 2527}`;

let counter = 0;
export const uniqueEmail = (prefix: string) => `${prefix}-${Date.now()}-${++counter}@example.test`;

/** Waits for the `nth` mail (1-based) to `to` and returns the Cairn link in it. */
export async function linkFromMail(to: string, subject: RegExp, nth = 1): Promise<string> {
  let link = "";
  await expect
    .poll(async () => {
      const { messages } = (await (await fetch(`${inbox}/messages?to=${encodeURIComponent(to)}`)).json()) as {
        messages: { subject: string; text: string }[];
      };
      const matching = messages.filter((m) => subject.test(m.subject));
      link = matching[nth - 1]?.text.match(/https?:\/\/\S+/)?.[0] ?? "";
      return link;
    })
    .not.toBe("");
  return link;
}

export async function logIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

/** A new, activated account, signed in on `page` through the pages a person uses. */
export async function signUpAndLogIn(page: Page, name: string, password = "a long enough password") {
  const email = uniqueEmail(name.toLowerCase());
  await page.goto("/signup");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await page.goto(await linkFromMail(email, /activate/i));
  await page.getByRole("button", { name: "Activate my account" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await logIn(page, email, password);
  // Log-in lands in a new chat of the personal workspace.
  await expect(page).toHaveURL(/\/w\/[0-9a-f-]{36}\/chats$/);
  await expect(page.getByLabel("Your question")).toBeVisible();
  return email;
}

/** Queues how the OpenAI stand-in answers its next request (see tests/fakes/openai.ts). */
export async function scriptNextAnswer(script: {
  tokens?: string[];
  tokenDelayMs?: number;
  failAfterTokens?: number;
  /** Refuse up front with this HTTP status (429, 500…). */
  status?: number;
}) {
  const port = process.env.STAND_IN_OPENAI_PORT ?? 4010;
  const response = await fetch(`http://127.0.0.1:${port}/__stand-in/script`, { method: "POST", body: JSON.stringify(script) });
  expect(response.ok).toBe(true);
}

const PASSWORD = "a long enough password";
const appOrigin = `http://localhost:${process.env.E2E_PORT ?? 3210}`;

/**
 * An activated account made through the API, signed in on `page` (its context
 * keeps the cookie). `mayExist`: an address that may have an account already
 * (the e2e database lives for the whole run, and tests share the admin) is
 * logged in first, so it costs no sign-up: sign-ups are limited per client
 * address, and every e2e test comes from the same one.
 */
export async function signInThroughApi(page: Page, email: string, name?: string, { mayExist = false, password = PASSWORD } = {}) {
  const api = page.request;
  const headers = { Origin: appOrigin };
  const logInNow = () => api.post("/api/auth/login", { data: { email, password }, headers });
  if (mayExist && (await logInNow()).status() === 200) return;
  const registered = await api.post("/api/auth/register", { data: { email, password, name }, headers });
  if (registered.status() === 201) {
    const token = new URL(await linkFromMail(email, /activate/i)).searchParams.get("token");
    expect((await api.post("/api/auth/activate-user", { data: { token }, headers })).status()).toBe(200);
  } else expect(registered.status()).toBe(409);
  expect((await logInNow()).status()).toBe(200);
}

/** Cookie-authenticated API calls from the page's context (same-origin, as the app's own pages make them). */
export const sameOrigin = { Origin: appOrigin };
