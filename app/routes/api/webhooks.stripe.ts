import { verifyWebhook } from "~/modules/billing/stripe.server";
import { applyStripeEvent } from "~/modules/billing/subscriptions.server";
import { api, json, methodNotAllowed } from "~/modules/http/api.server";
import type { Route } from "./+types/webhooks.stripe";

// Stripe calls this without a cookie, so there is no same-origin check: the
// signature over the raw body is the authentication. Also served at
// /api/subscriptions/webhook (subscriptions.webhook.ts).
export const loader = methodNotAllowed("POST");

export const action = api(async ({ request }: Route.ActionArgs) => {
  if (request.method !== "POST") return methodNotAllowed("POST")();
  const event = verifyWebhook(await request.text(), request.headers.get("stripe-signature"));
  applyStripeEvent(event);
  return json({ received: true });
});
