// Starts the Stripe stand-in alone: `tsx tests/fakes/start-stripe-stand-in.ts`.
// Port from STRIPE_STAND_IN_PORT (default 4012); webhooks go to
// STRIPE_WEBHOOK_URL (default http://localhost:3000/api/webhooks/stripe);
// price ids from STRIPE_PRICE_* as Cairn reads them.
import { STAND_IN_SECRET_KEY, STAND_IN_WEBHOOK_SECRET, cairnPrices, startStripeStandIn } from "./stripe";

function portFromEnv(variable: string, fallback: number): number {
  const value = process.env[variable];
  if (!value) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${variable} must be a port number, got "${value}"`);
  return port;
}

export async function startStripeStandInFromEnv(overrides: { port?: number; webhookUrl?: string } = {}) {
  const e = process.env;
  return startStripeStandIn({
    port: overrides.port ?? portFromEnv("STRIPE_STAND_IN_PORT", 4012),
    secretKey: e.STRIPE_SECRET_KEY || STAND_IN_SECRET_KEY,
    webhookSecret: e.STRIPE_WEBHOOK_SECRET || STAND_IN_WEBHOOK_SECRET,
    webhookUrl: overrides.webhookUrl ?? (e.STRIPE_WEBHOOK_URL || "http://localhost:3000/api/webhooks/stripe"),
    prices: cairnPrices({
      pro: e.STRIPE_PRICE_PRO || undefined,
      small: e.STRIPE_PRICE_TOPUP_SMALL || undefined,
      large: e.STRIPE_PRICE_TOPUP_LARGE || undefined,
    }),
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const standIn = await startStripeStandInFromEnv();
  console.log(`Stripe stand-in: STRIPE_API_BASE=${standIn.apiBase}`);
  console.log(`  STRIPE_SECRET_KEY=${standIn.secretKey} STRIPE_WEBHOOK_SECRET=${standIn.webhookSecret}`);
  const stop = () => void standIn.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
