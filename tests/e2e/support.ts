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
