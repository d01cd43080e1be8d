import { defineConfig } from "@playwright/test";

// e2e: Debian's Chromium drives the production build (npm run build first),
// with mail going over SMTP to the capture server of tests/fakes.
const port = Number(process.env.E2E_PORT ?? 3210);
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 2526);
const inboxPort = Number(process.env.E2E_INBOX_PORT ?? 2527);
const openaiPort = Number(process.env.STAND_IN_OPENAI_PORT ?? 4010);
const anthropicPort = Number(process.env.STAND_IN_ANTHROPIC_PORT ?? 4011);
const stripePort = Number(process.env.STRIPE_STAND_IN_PORT ?? 4012);
// The Stripe stand-in and the app share these (tests/fakes/stripe.ts).
const stripeEnv = {
  STRIPE_SECRET_KEY: "sk_test_offline_stand_in",
  STRIPE_WEBHOOK_SECRET: "whsec_e2e_webhook_secret",
  STRIPE_PRICE_PRO: "price_e2e_pro_monthly",
  STRIPE_PRICE_TOPUP_SMALL: "price_e2e_topup_5k",
  STRIPE_PRICE_TOPUP_LARGE: "price_e2e_topup_25k",
};
export const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Generous waits: machines here are shared and noisy; tests judge behaviour, not speed.
  timeout: 300_000,
  expect: { timeout: 30_000 },
  reporter: [["list"]],
  // The junk-input test floods the per-address limits of sign-up and log-in, so it runs after the others.
  projects: [
    { name: "app", testIgnore: /junk-input/ },
    { name: "hostile", testMatch: /junk-input/, dependencies: ["app"] },
  ],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: [
    {
      command: "tsx tests/fakes/mail-server.ts",
      url: `http://127.0.0.1:${inboxPort}/messages`,
      env: { E2E_SMTP_PORT: String(smtpPort), E2E_INBOX_PORT: String(inboxPort) },
      reuseExistingServer: false,
      timeout: 180_000,
    },
    {
      // The offline model stand-ins, as `npm run dev` uses them without keys.
      command: "tsx tests/fakes/start-model-stand-ins.ts",
      port: anthropicPort,
      env: { STAND_IN_OPENAI_PORT: String(openaiPort), STAND_IN_ANTHROPIC_PORT: String(anthropicPort) },
      reuseExistingServer: false,
      timeout: 180_000,
    },
    {
      // The offline Stripe stand-in: its Checkout page's "Pay" sends signed webhooks to the app.
      command: "tsx tests/fakes/start-stripe-stand-in.ts",
      port: stripePort,
      env: { ...stripeEnv, STRIPE_STAND_IN_PORT: String(stripePort), STRIPE_WEBHOOK_URL: `${baseURL}/api/webhooks/stripe` },
      reuseExistingServer: false,
      timeout: 180_000,
    },
    {
      command: `rm -f tests/.tmp/e2e-${port}.db* && node scripts/serve.js`,
      url: `${baseURL}/healthz`,
      reuseExistingServer: false,
      timeout: 180_000,
      env: {
        NODE_ENV: "production",
        PORT: String(port),
        APP_URL: baseURL,
        DATABASE_PATH: `tests/.tmp/e2e-${port}.db`,
        SESSION_SECRET: "e2e-session-secret-that-is-at-least-32-chars",
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        OPENAI_API_KEY: "offline-stand-in",
        OPENAI_BASE_URL: `http://127.0.0.1:${openaiPort}/v1`,
        ANTHROPIC_API_KEY: "offline-stand-in",
        ANTHROPIC_BASE_URL: `http://127.0.0.1:${anthropicPort}`,
        // "Add by URL" may fetch the test's own loopback page server.
        FETCH_ALLOW_HOSTS: "127.0.0.1",
        ...stripeEnv,
        STRIPE_API_BASE: `http://127.0.0.1:${stripePort}`,
        ADMIN_EMAILS: "ops@e2e.test",
        // Every provider here is a stand-in: the UI says so.
        STAND_INS: "openai,anthropic,stripe",
        // The browser tool of tests/e2e/api-keys.spec.ts calls the API from this origin.
        CORS_ORIGINS: "https://tool.example",
        // The junk-input test sends thousands of calls a minute; the limits have their own integration tests.
        RATE_LIMIT_PER_MINUTE: "1000000",
        RATE_LIMIT_MODEL_PER_MINUTE: "1000000",
        // Every spec signs people up from this one address.
        RATE_LIMIT_SIGNUPS_PER_HOUR: "1000",
      },
    },
  ],
});
