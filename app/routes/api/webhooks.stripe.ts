import { verifyWebhook } from "~/modules/billing/stripe.server";
import { applyStripeEvent } from "~/modules/billing/subscriptions.server";
import { readBodyText } from "~/modules/http/body.server";
import { apiRoute, json } from "~/modules/http/api.server";

// Stripe calls this without a cookie: the signature over the raw body is the
// authentication (the API guard leaves it to this route). Also served at
// /api/subscriptions/webhook (subscriptions.webhook.ts).
export const loader = apiRoute({
  POST: async ({ request }) => {
    const event = verifyWebhook(await readBodyText(request), request.headers.get("stripe-signature"));
    applyStripeEvent(event);
    return json({ received: true });
  },
});
export const action = loader;
