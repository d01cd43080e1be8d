import { expect, test } from "@playwright/test";

const inbox = `http://127.0.0.1:${process.env.E2E_INBOX_PORT ?? 2527}`;

type Captured = { to: string; replyTo: string; subject: string; text: string };

test("a visitor writes from the public contact page and the operators get the mail, Reply-To the visitor", async ({ page }) => {
  await page.goto("/pricing");
  await expect(page.getByRole("contentinfo").getByRole("link", { name: "Contact us" })).toBeVisible();
  await page.goto("/");
  await page.getByRole("contentinfo").getByRole("link", { name: "Contact us" }).click();
  await expect(page.getByRole("heading", { name: "Contact us" })).toBeVisible();

  // The browser checks the fields first; the server's answer shows beside the field it is about.
  await page.getByLabel("Your name").fill("Ada Lovelace");
  await page.getByLabel("Your email").fill("ada@example");
  await page.getByLabel("Message").fill("Hello");
  await page.getByRole("button", { name: "Send message" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();

  const subject = `Hosting question ${Date.now()}`;
  await page.getByLabel("Your email").fill("ada@example.test");
  await page.getByLabel("Subject (optional)").fill(subject);
  await page.getByLabel("Message").fill("Can Cairn run on a small VPS?");
  await page.getByRole("button", { name: "Send message" }).click();
  await expect(page.getByRole("status")).toHaveText(
    "Thank you, Ada Lovelace. Your message is on its way; the answer will come to ada@example.test.",
  );

  // ADMIN_EMAILS of the e2e server (no CONTACT_EMAIL): the operators' mailbox.
  let mail: Captured | undefined;
  await expect
    .poll(async () => {
      const { messages } = (await (await fetch(`${inbox}/messages?to=ops@e2e.test`)).json()) as { messages: Captured[] };
      mail = messages.find((m) => m.subject === `Contact form: ${subject}`);
      return mail !== undefined;
    })
    .toBe(true);
  expect(mail!.replyTo).toBe('"Ada Lovelace" <ada@example.test>');
  expect(mail!.text).toContain("Can Cairn run on a small VPS?");
});
