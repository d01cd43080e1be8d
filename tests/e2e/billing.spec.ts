import { expect, test } from "@playwright/test";
import { linkFromMail, logIn, uniqueEmail } from "./support";

const PASSWORD = "a long enough password";
const baseURL = `http://localhost:${process.env.E2E_PORT ?? 3210}`;

test("free workspace → Pro through the stand-in Checkout → a Pro-only model → top-up → history, invoices, portal", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Pricing" }).click();
  await expect(page.getByRole("heading", { name: "Pricing" })).toBeVisible();
  await expect(page.getByText("25,000 credits")).toBeVisible();

  const email = uniqueEmail("billing");
  const api = page.request;
  const sameOrigin = { Origin: baseURL };
  expect((await api.post("/api/auth/register", { data: { email, password: PASSWORD, name: "Bea" } })).status()).toBe(201);
  await page.goto(await linkFromMail(email, /activate/i));
  await page.getByRole("button", { name: "Activate my account" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await logIn(page, email, PASSWORD);
  // Log-in lands in a new chat.
  await expect(page.getByRole("heading", { name: "New chat" })).toBeVisible();
  const { workspaces } = await (await api.get("/api/workspaces")).json();
  const workspaceId = workspaces[0].id as string;

  const askPro = () =>
    api.post("/api/chat", {
      headers: sameOrigin,
      data: { messages: [{ role: "user", content: "Hello from Pro" }], modelId: "gpt-4o", workspaceId },
    });

  // Free: 500 credits, and a Pro-only model is refused.
  await page.goto(`/w/${workspaceId}/billing`);
  await expect(page.getByRole("heading", { name: "Billing" })).toBeVisible();
  await expect(page.getByTestId("billing-plan")).toHaveText("Free");
  await expect(page.getByTestId("billing-balance")).toHaveText("500");
  await expect(page.getByText("no card is charged")).toBeVisible();
  expect((await askPro()).status()).toBe(403);

  // Upgrade through the stand-in's Checkout page.
  await page.getByRole("button", { name: "Upgrade to Pro" }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/checkout\/cs_test_/);
  await expect(page.getByText("$20.00")).toBeVisible();
  await page.getByRole("button", { name: "Pay" }).click();
  // Back on the billing page, told once: the address drops ?checkout, and a reload says nothing more.
  await expect(page.getByText("Payment received")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/w/${workspaceId}/billing$`));
  await expect(page.getByTestId("billing-plan")).toHaveText("Pro");
  await expect(page.getByTestId("billing-status")).toHaveText("Active");
  await expect(page.getByTestId("billing-balance")).toHaveText("20,500");
  await page.reload();
  await expect(page.getByTestId("billing-plan")).toHaveText("Pro");
  await expect(page.getByText("Payment received")).toHaveCount(0);

  // A Pro-only model now answers (from the offline model stand-in) and is paid for in credits.
  const answer = await askPro();
  expect(answer.status()).toBe(200);
  expect(await answer.text()).toContain("offline stand-in");
  await page.reload();
  const afterChat = Number((await page.getByTestId("billing-balance").textContent())!.replace(/,/g, ""));
  expect(afterChat).toBeLessThan(20_500);

  // Top up.
  await page.getByRole("button", { name: /Buy 5,000 credits/ }).click();
  await expect(page).toHaveURL(/\/checkout\/cs_test_/);
  await expect(page.getByText("$5.00")).toBeVisible();
  await page.getByRole("button", { name: "Pay" }).click();
  await expect(page.getByText("Payment received")).toBeVisible();
  await expect(page.getByTestId("billing-balance")).toHaveText((afterChat + 5_000).toLocaleString("en-US"));

  // History shows each entry; the filter narrows it.
  const history = page.getByTestId("credit-history");
  await expect(history.getByRole("row")).toHaveCount(4);
  await expect(history).toContainText("Top-up: 5,000 credits");
  await expect(history).toContainText("Pro plan: monthly credits");
  await expect(history).toContainText("Usage");
  await expect(history).toContainText("Free plan: monthly credits");
  await page.getByLabel("Show").selectOption("topup");
  await expect(page).toHaveURL(/type=topup/);
  await expect(history.getByRole("row")).toHaveCount(1);
  await expect(history).toContainText("+5,000");

  // The subscription's invoice, and usage by model.
  await expect(page.getByRole("region", { name: "Invoices" }).getByRole("listitem")).toHaveCount(1);
  await expect(page.getByRole("region", { name: "Invoices" })).toContainText("$20.00");
  await expect(page.getByRole("region", { name: "Usage, last 30 days" })).toContainText("gpt-4o");

  // The portal link opens Stripe's (stand-in) portal, which leads back.
  await page.getByRole("button", { name: "Manage payment methods and subscription" }).click();
  await expect(page.getByRole("heading", { name: "Billing portal" })).toBeVisible();
  // Cancelling there sends customer.subscription.updated: Pro until the period ends.
  await page.getByRole("button", { name: "Cancel plan" }).click();
  await expect(page.getByText("cancels at period end")).toBeVisible();
  await page.getByRole("link", { name: "Return to Cairn" }).click();
  await expect(page.getByRole("heading", { name: "Billing" })).toBeVisible();
  await expect(page.getByTestId("billing-status")).toHaveText("Cancels at period end");
  await expect(page.getByTestId("billing-plan")).toHaveText("Pro");
});

test("every billing route of both specs answers at its path over HTTP", async ({ request }) => {
  const headers = { Origin: baseURL };
  const pricing = await request.get("/api/subscriptions/pricing");
  expect(pricing.status()).toBe(200);
  expect((await pricing.json()).plans.map((p: { id: string }) => p.id)).toEqual(["free", "pro"]);
  for (const path of ["/api/subscriptions/checkout", "/api/billing/portal", "/api/subscriptions/create-portal-link"]) {
    const res = await request.post(path, { headers, data: {} });
    expect(res.status(), path).toBe(401);
    expect(await res.json()).toEqual({ error: "Authentication required" });
  }
  for (const path of ["/api/billing/invoices?customerId=cus_x", "/api/billing/credit-history"])
    expect((await request.get(path)).status(), path).toBe(401);
  for (const path of ["/api/webhooks/stripe", "/api/subscriptions/webhook"]) {
    const unsigned = await request.post(path, { data: { id: "evt_1", type: "invoice.paid" } });
    expect(unsigned.status(), path).toBe(400);
    expect(await unsigned.json()).toEqual({ error: "Missing stripe-signature header" });
    const forged = await request.post(path, { data: "{}", headers: { "Stripe-Signature": `t=${Math.floor(Date.now() / 1000)},v1=00` } });
    expect(forged.status(), path).toBe(400);
  }
  expect((await request.get("/api/cron/reset-credits")).status()).toBe(401);
  expect((await request.get("/api/cron/reset-credits", { headers: { Authorization: "Bearer guess" } })).status()).toBe(401);
});
