// npm run dev — the React Router dev server. A provider without an API key is
// served by Cairn's offline stand-in (tests/fakes), so chat works end to end
// with no keys; the UI says plainly that those answers come from a stand-in.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { startModelStandIns } from "../tests/fakes/start-model-stand-ins";
import { startStripeStandInFromEnv } from "../tests/fakes/start-stripe-stand-in";

// Settings for development (real provider keys, SMTP_URL …) may live in .env; the environment wins over it.
if (fs.existsSync(".env")) process.loadEnvFile(".env");

const env = { ...process.env };
// Which services the stand-ins answer for: the app says so in the UI (STAND_INS, app/modules/config/env.server.ts).
const standIns: string[] = [];
const needsOpenAI = !env.OPENAI_API_KEY;
const needsAnthropic = !env.ANTHROPIC_API_KEY;
if (needsOpenAI || needsAnthropic) {
  const models = await startModelStandIns({ openaiPort: 0, anthropicPort: 0 });
  if (needsOpenAI) {
    Object.assign(env, { OPENAI_API_KEY: models.apiKey, OPENAI_BASE_URL: models.openai.baseURL });
    standIns.push("openai");
  }
  if (needsAnthropic) {
    Object.assign(env, { ANTHROPIC_API_KEY: models.apiKey, ANTHROPIC_BASE_URL: models.anthropic.baseURL });
    standIns.push("anthropic");
  }
  console.log(
    `No ${[needsOpenAI && "OPENAI_API_KEY", needsAnthropic && "ANTHROPIC_API_KEY"].filter(Boolean).join(" or ")}: ` +
      "those models answer from Cairn's offline stand-in.",
  );
}

// Without a Stripe key, billing runs against the offline Stripe stand-in: its
// Checkout page's "Pay" button sends signed webhooks back to this server.
if (!env.STRIPE_SECRET_KEY) {
  const appUrl = (env.APP_URL || `http://localhost:${env.PORT || 3000}`).replace(/\/+$/, "");
  const stripe = await startStripeStandInFromEnv({ port: 0, webhookUrl: `${appUrl}/api/webhooks/stripe` });
  Object.assign(env, { STRIPE_SECRET_KEY: stripe.secretKey, STRIPE_WEBHOOK_SECRET: stripe.webhookSecret, STRIPE_API_BASE: stripe.apiBase });
  standIns.push("stripe");
  console.log(`No STRIPE_SECRET_KEY: billing uses Cairn's offline Stripe stand-in at ${stripe.apiBase} (no card is charged).`);
}

env.STAND_INS = standIns.join(",");

const child = spawn("react-router", ["dev", ...process.argv.slice(2)], { stdio: "inherit", env, shell: false });
const stop = (signal: NodeJS.Signals) => child.kill(signal);
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
child.on("exit", (code) => process.exit(code ?? 0));
