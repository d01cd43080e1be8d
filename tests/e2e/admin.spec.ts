import { expect, test } from "@playwright/test";
import { linkFromMail, logIn, signInThroughApi, uniqueEmail } from "./support";

const PASSWORD = "a long enough password";
// In ADMIN_EMAILS of the app under test (playwright.config.ts).
const OPS = "ops@e2e.test";

test("an admin finds a person, adjusts their workspace's credits with a reason, and suspends them", async ({ page, browser }) => {
  const api = page.request;
  const victim = uniqueEmail("mallory");
  expect((await api.post("/api/auth/register", { data: { email: victim, password: PASSWORD, name: "Mallory" } })).status()).toBe(201);
  const token = new URL(await linkFromMail(victim, /activate/i)).searchParams.get("token");
  expect((await api.post("/api/auth/activate-user", { data: { token } })).status()).toBe(200);

  // The admin may exist already (the accessibility scan signs in as it too): same database for the whole run.
  await signInThroughApi(page, OPS, "Ops", { mayExist: true });
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Admin" })).toBeVisible();
  await page.getByLabel("Find users and workspaces").fill("mallory");
  await page.getByRole("button", { name: "Find" }).click();
  const users = page.getByRole("region", { name: /Users/ });
  await expect(users.getByRole("row")).toHaveCount(2);
  await expect(users).toContainText(victim);

  // Credits, with a reason on the ledger.
  await page.getByRole("link", { name: "Mallory's workspace" }).click();
  await expect(page.getByTestId("admin-balance")).toHaveText("500");
  await page.getByLabel("Credits (negative to remove)").fill("250");
  await page.getByLabel("Reason").fill("Goodwill after an outage");
  await page.getByRole("button", { name: "Adjust" }).click();
  await expect(page.getByText("Adjusted by 250; the balance is now 750.")).toBeVisible();
  await expect(page.getByTestId("admin-balance")).toHaveText("750");
  // The form starts over, so a second click cannot repeat the adjustment by accident.
  await expect(page.getByLabel("Credits (negative to remove)")).toHaveValue("");
  await expect(page.getByLabel("Reason")).toHaveValue("");
  await expect(page.getByRole("region", { name: /Ledger/ })).toContainText("Adjustment: Goodwill after an outage");

  // Suspension: Mallory, signed in elsewhere, is signed out and cannot log in again.
  const elsewhere = await browser.newContext();
  const mallory = await elsewhere.newPage();
  await logIn(mallory, victim, PASSWORD);
  await expect(mallory.getByRole("heading", { name: "New chat" })).toBeVisible();
  await page.goto("/admin?q=mallory");
  // Suspending asks first: cancelling (or Escape) changes nothing.
  await page.getByRole("button", { name: `Suspend ${victim}` }).click();
  const confirm = page.getByRole("dialog", { name: `Suspend ${victim}?` });
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await page.getByRole("button", { name: `Suspend ${victim}` }).click();
  await page.keyboard.press("Escape");
  await expect(confirm).toBeHidden();
  await mallory.reload();
  await expect(mallory.getByRole("heading", { name: "New chat" })).toBeVisible();
  await page.getByRole("button", { name: `Suspend ${victim}` }).click();
  await confirm.getByRole("button", { name: "Suspend" }).click();
  await expect(page.getByText(`${victim} is suspended and signed out.`)).toBeVisible();
  await mallory.goto("/app");
  await expect(mallory).toHaveURL(/\/login/);
  await logIn(mallory, victim, PASSWORD);
  await expect(mallory.getByRole("alert")).toContainText("suspended");

  // Reinstated, Mallory can log in again, and the admin page does not exist for her.
  await page.getByRole("button", { name: `Reinstate ${victim}` }).click();
  await expect(page.getByText(`${victim} can sign in again.`)).toBeVisible();
  await logIn(mallory, victim, PASSWORD);
  await expect(mallory.getByRole("heading", { name: "New chat" })).toBeVisible();
  const res = await mallory.goto("/admin");
  expect(res?.status()).toBe(404);
  await elsewhere.close();
});
