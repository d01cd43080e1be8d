// A loopback stand-in for the parts of Stripe that Cairn uses, speaking
// Stripe's wire format (form-encoded requests; JSON objects with `object` and
// `id`; list envelopes; error JSON), so the real `stripe` SDK runs against it
// through STRIPE_API_BASE. It also serves a stand-in Checkout page whose "Pay"
// button sends correctly signed webhooks back to Cairn, a Billing Portal page,
// and hosted invoice pages — so billing works offline in development and e2e.
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { PLANS, TOP_UP_PACKS } from "~/modules/billing/plans";

export type StandInPrice = { unitAmount: number; currency: string; recurring: { interval: "month" } | null; productName: string };
type Obj = Record<string, any>;

export type StripeStandInOptions = {
  port?: number;
  secretKey?: string;
  webhookSecret?: string;
  /** Where signed webhooks go (Cairn's /api/webhooks/stripe). */
  webhookUrl?: string;
  /** Delivers a signed webhook some other way (integration tests call the route module in-process). */
  deliver?: (payload: string, signature: string) => Promise<{ status: number; body?: string }>;
  prices?: Record<string, StandInPrice>;
};

export type StripeStandIn = {
  /** STRIPE_API_BASE for the SDK. */
  apiBase: string;
  secretKey: string;
  webhookSecret: string;
  /** Every API request received: method, path and decoded form body / query. */
  requests: { method: string; path: string; params: Obj }[];
  customers: Map<string, Obj>;
  sessions: Map<string, Obj>;
  subscriptions: Map<string, Obj>;
  invoices: Map<string, Obj>;
  /** The next API request answers this Stripe error (e.g. a declined card, an outage); calls queue up. */
  failNext(status: number, error: { type?: string; code?: string; message: string }): void;
  /** An event in Stripe's format (`created` in seconds, default now). */
  event(type: string, object: Obj, created?: number): Obj;
  /** A `stripe-signature` header for a payload, signed with the webhook secret (timestamp in seconds, default now). */
  sign(payload: string, timestamp?: number, secret?: string): string;
  /** Signs and delivers one event; resolves with Cairn's answer. */
  send(event: Obj): Promise<{ status: number; body?: string }>;
  /** What pressing "Pay" on the Checkout page does: completes the session, sends its webhooks. */
  pay(sessionId: string): Promise<Obj[]>;
  /** A subscription's next monthly cycle: a new paid invoice and its invoice.paid webhook. */
  renew(subscriptionId: string): Promise<Obj[]>;
  /** Cancels at period end (portal "Cancel plan"): customer.subscription.updated. */
  cancelAtPeriodEnd(subscriptionId: string): Promise<Obj[]>;
  /** Ends a subscription now: customer.subscription.deleted. */
  endSubscription(subscriptionId: string): Promise<Obj[]>;
  close(): Promise<void>;
};

export const STAND_IN_SECRET_KEY = "sk_test_offline_stand_in";
export const STAND_IN_WEBHOOK_SECRET = "whsec_offline_stand_in";

/** Cairn's catalog priced under the given price ids (the env defaults unless told otherwise). */
export function cairnPrices(ids: { pro?: string; small?: string; large?: string } = {}): Record<string, StandInPrice> {
  return {
    [ids.pro ?? "price_cairn_pro_monthly"]: {
      unitAmount: PLANS.pro.priceCents,
      currency: "usd",
      recurring: { interval: "month" },
      productName: `Cairn ${PLANS.pro.label}`,
    },
    [ids.small ?? "price_cairn_topup_5k"]: {
      unitAmount: TOP_UP_PACKS.small.priceCents,
      currency: "usd",
      recurring: null,
      productName: `Cairn credits: ${TOP_UP_PACKS.small.label}`,
    },
    [ids.large ?? "price_cairn_topup_25k"]: {
      unitAmount: TOP_UP_PACKS.large.priceCents,
      currency: "usd",
      recurring: null,
      productName: `Cairn credits: ${TOP_UP_PACKS.large.label}`,
    },
  };
}

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);
const addMonth = (seconds: number) => {
  const d = new Date(seconds * 1000);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return Math.floor(d.getTime() / 1000);
};

/** Decodes Stripe's form encoding (`a[b][0][c]=v`) into nested objects and arrays. */
export function decodeForm(body: string): Obj {
  const out: Obj = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.split(/\[|\]\[|\]/).filter((p) => p !== "");
    let node: any = out;
    path.forEach((part, i) => {
      const last = i === path.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(path[i + 1]!);
      if (last) node[part] = value;
      else node = node[part] ??= nextIsIndex ? [] : {};
    });
  }
  return out;
}

const escapeHtml = (s: unknown) =>
  String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const money = (cents: number, currency: string) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(cents / 100);

function page(title: string, body: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(title)}</title>
<style>body{font:16px system-ui,sans-serif;background:#f5f5f4;color:#1c1917;display:grid;place-items:center;min-height:100vh;margin:0}
main{background:#fff;border:1px solid #e7e5e4;border-radius:16px;padding:32px;max-width:420px;width:100%}
.note{font-size:13px;color:#57534e;background:#fef3c7;border-radius:8px;padding:8px 12px}
button{font:inherit;background:#4f46e5;color:#fff;border:0;border-radius:8px;padding:10px 18px;cursor:pointer;width:100%;margin-top:12px}
button.secondary{background:#fff;color:#1c1917;border:1px solid #d6d3d1}
a{color:#4f46e5}</style></head><body><main>${body}</main></body></html>`;
}

export async function startStripeStandIn(options: StripeStandInOptions = {}): Promise<StripeStandIn> {
  const secretKey = options.secretKey ?? STAND_IN_SECRET_KEY;
  const webhookSecret = options.webhookSecret ?? STAND_IN_WEBHOOK_SECRET;
  const prices = options.prices ?? cairnPrices();
  const requests: StripeStandIn["requests"] = [];
  const customers = new Map<string, Obj>();
  const sessions = new Map<string, Obj>();
  const subscriptions = new Map<string, Obj>();
  const invoices = new Map<string, Obj>();
  const idempotent = new Map<string, Obj>();
  const failures: { status: number; error: Obj }[] = [];
  let base = "";

  const priceObject = (id: string) => {
    const p = prices[id]!;
    return {
      id,
      object: "price",
      active: true,
      currency: p.currency,
      unit_amount: p.unitAmount,
      recurring: p.recurring ? { interval: p.recurring.interval, interval_count: 1 } : null,
      type: p.recurring ? "recurring" : "one_time",
      product: `prod_${id}`,
      livemode: false,
    };
  };

  const stripeError = (status: number, message: string, extra: Obj = {}) => ({
    status,
    body: { error: { type: "invalid_request_error", message, ...extra } },
  });
  const missing = (kind: string, id: string, param?: string) =>
    stripeError(404, `No such ${kind}: '${id}'`, { code: "resource_missing", ...(param ? { param } : {}) });

  function event(type: string, object: Obj, created = nowSeconds()): Obj {
    return {
      id: newId("evt"),
      object: "event",
      api_version: Stripe.API_VERSION,
      created,
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
  }

  const sign = (payload: string, timestamp = nowSeconds(), secret = webhookSecret) =>
    Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });

  async function send(evt: Obj) {
    const payload = JSON.stringify(evt, null, 2);
    const signature = sign(payload);
    if (options.deliver) return options.deliver(payload, signature);
    if (!options.webhookUrl) throw new Error("the Stripe stand-in has no webhookUrl to deliver to");
    const res = await fetch(options.webhookUrl, {
      method: "POST",
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Stripe-Signature": signature,
        "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
      },
      body: payload,
    });
    return { status: res.status, body: await res.text() };
  }

  async function sendAll(events: Obj[]) {
    for (const evt of events) {
      const res = await send(evt);
      if (res.status < 200 || res.status >= 300) throw new Error(`webhook ${evt.type} answered ${res.status}: ${res.body ?? ""}`);
    }
    return events;
  }

  function newInvoice(sub: Obj, reason: "subscription_create" | "subscription_cycle", start: number, end: number): Obj {
    const item = sub.items.data[0];
    const price = prices[item.price.id]!;
    const id = newId("in");
    const invoice = {
      id,
      object: "invoice",
      customer: sub.customer,
      status: "paid",
      amount_due: price.unitAmount,
      amount_paid: price.unitAmount,
      amount_remaining: 0,
      total: price.unitAmount,
      currency: price.currency,
      billing_reason: reason,
      collection_method: "charge_automatically",
      created: nowSeconds(),
      description: null,
      hosted_invoice_url: `${base}/invoices/${id}`,
      invoice_pdf: `${base}/invoices/${id}`,
      livemode: false,
      metadata: {},
      number: `STANDIN-${String(invoices.size + 1).padStart(4, "0")}`,
      period_start: start,
      period_end: end,
      parent: { type: "subscription_details", quote_details: null, subscription_details: { subscription: sub.id, metadata: sub.metadata } },
      lines: {
        object: "list",
        data: [
          {
            id: newId("il"),
            object: "line_item",
            amount: price.unitAmount,
            currency: price.currency,
            description: `1 × ${price.productName} (at ${money(price.unitAmount, price.currency)} / month)`,
            period: { start, end },
            quantity: 1,
          },
        ],
        has_more: false,
        url: `/v1/invoices/${id}/lines`,
      },
    };
    invoices.set(id, invoice);
    return invoice;
  }

  async function pay(sessionId: string): Promise<Obj[]> {
    const session = sessions.get(sessionId);
    if (!session) throw new Error(`no checkout session ${sessionId}`);
    if (session.status !== "open") throw new Error(`checkout session ${sessionId} is ${session.status}`);
    const events: Obj[] = [];
    session.status = "complete";
    session.payment_status = "paid";
    if (session.mode === "payment") {
      session.payment_intent = newId("pi");
      events.push(event("checkout.session.completed", session));
    } else {
      const price = session._line_items[0].price as string;
      const start = nowSeconds();
      const end = addMonth(start);
      const sub: Obj = {
        id: newId("sub"),
        object: "subscription",
        customer: session.customer,
        status: "active",
        cancel_at_period_end: false,
        canceled_at: null,
        ended_at: null,
        created: start,
        start_date: start,
        currency: prices[price]!.currency,
        livemode: false,
        metadata: session._subscription_metadata ?? {},
        items: {
          object: "list",
          data: [
            {
              id: newId("si"),
              object: "subscription_item",
              price: priceObject(price),
              quantity: 1,
              current_period_start: start,
              current_period_end: end,
            },
          ],
          has_more: false,
          url: "/v1/subscription_items",
        },
      };
      subscriptions.set(sub.id, sub);
      const invoice = newInvoice(sub, "subscription_create", start, end);
      session.subscription = sub.id;
      session.invoice = invoice.id;
      events.push(
        event("customer.subscription.created", sub),
        event("checkout.session.completed", session),
        event("invoice.paid", invoice),
      );
    }
    return sendAll(events);
  }

  function requireSubscription(id: string) {
    const sub = subscriptions.get(id);
    if (!sub) throw new Error(`no subscription ${id}`);
    return sub;
  }

  async function renew(subscriptionId: string) {
    const sub = requireSubscription(subscriptionId);
    const item = sub.items.data[0];
    const start = item.current_period_end;
    const end = addMonth(start);
    Object.assign(item, { current_period_start: start, current_period_end: end });
    return sendAll([event("invoice.paid", newInvoice(sub, "subscription_cycle", start, end))]);
  }

  async function cancelAtPeriodEnd(subscriptionId: string) {
    const sub = requireSubscription(subscriptionId);
    Object.assign(sub, { cancel_at_period_end: true, canceled_at: nowSeconds() });
    return sendAll([event("customer.subscription.updated", sub)]);
  }

  async function endSubscription(subscriptionId: string) {
    const sub = requireSubscription(subscriptionId);
    Object.assign(sub, { status: "canceled", ended_at: nowSeconds(), canceled_at: sub.canceled_at ?? nowSeconds() });
    return sendAll([event("customer.subscription.deleted", sub)]);
  }

  const publicSession = (s: Obj) => Object.fromEntries(Object.entries(s).filter(([k]) => !k.startsWith("_")));
  const list = (url: string, data: Obj[]) => ({ object: "list", data, has_more: false, url });

  /** The API under /v1: answers { status, body } in Stripe's format. */
  function api(method: string, path: string, params: Obj, headers: http.IncomingHttpHeaders): { status: number; body: Obj } {
    if (headers.authorization !== `Bearer ${secretKey}`) return stripeError(401, "Invalid API Key provided: check STRIPE_SECRET_KEY.");
    const f = failures.shift();
    if (f) return { status: f.status, body: { error: f.error } };
    const key = headers["idempotency-key"];
    const remembered = typeof key === "string" && method === "POST" ? idempotent.get(key) : undefined;
    if (remembered) return { status: 200, body: remembered };
    const answer = route(method, path, params);
    if (typeof key === "string" && method === "POST" && answer.status === 200) idempotent.set(key, answer.body);
    return answer;
  }

  function route(method: string, path: string, params: Obj): { status: number; body: Obj } {
    let m: RegExpMatchArray | null;
    if (method === "POST" && path === "/v1/customers") {
      const customer = {
        id: newId("cus"),
        object: "customer",
        created: nowSeconds(),
        email: params.email ?? null,
        name: params.name ?? null,
        metadata: params.metadata ?? {},
        livemode: false,
      };
      customers.set(customer.id, customer);
      return { status: 200, body: customer };
    }
    if (method === "GET" && (m = path.match(/^\/v1\/customers\/([^/]+)$/))) {
      const c = customers.get(m[1]!);
      return c ? { status: 200, body: c } : missing("customer", m[1]!);
    }
    if (method === "POST" && path === "/v1/checkout/sessions") {
      const mode = params.mode;
      if (mode !== "payment" && mode !== "subscription") return stripeError(400, "Invalid mode", { param: "mode" });
      if (!params.success_url) return stripeError(400, "Missing required param: success_url.", { param: "success_url" });
      if (params.customer && !customers.has(params.customer)) return missing("customer", params.customer, "customer");
      const items: Obj[] = params.line_items ?? [];
      if (!items.length) return stripeError(400, "Missing required param: line_items.", { param: "line_items" });
      for (const [i, item] of items.entries()) if (!prices[item.price]) return missing("price", item.price, `line_items[${i}][price]`);
      const price = prices[items[0]!.price]!;
      if (mode === "subscription" && !price.recurring)
        return stripeError(400, "You specified `subscription` mode but passed a one-time price.", { param: "line_items[0][price]" });
      if (mode === "payment" && price.recurring)
        return stripeError(400, "You specified `payment` mode but passed a recurring price.", { param: "line_items[0][price]" });
      const id = newId("cs_test");
      const session = {
        id,
        object: "checkout.session",
        mode,
        status: "open",
        payment_status: "unpaid",
        customer: params.customer ?? null,
        client_reference_id: params.client_reference_id ?? null,
        metadata: params.metadata ?? {},
        success_url: params.success_url,
        cancel_url: params.cancel_url ?? null,
        amount_total: items.reduce((sum, it) => sum + prices[it.price]!.unitAmount * Number(it.quantity ?? 1), 0),
        currency: price.currency,
        subscription: null,
        invoice: null,
        payment_intent: null,
        created: nowSeconds(),
        expires_at: nowSeconds() + 24 * 3600,
        livemode: false,
        url: `${base}/checkout/${id}`,
        _line_items: items,
        _subscription_metadata: params.subscription_data?.metadata ?? {},
      };
      sessions.set(id, session);
      return { status: 200, body: publicSession(session) };
    }
    if (method === "GET" && (m = path.match(/^\/v1\/checkout\/sessions\/([^/]+)$/))) {
      const s = sessions.get(m[1]!);
      return s ? { status: 200, body: publicSession(s) } : missing("checkout.session", m[1]!);
    }
    if (method === "POST" && path === "/v1/billing_portal/sessions") {
      if (!customers.has(params.customer)) return missing("customer", params.customer, "customer");
      const id = newId("bps");
      return {
        status: 200,
        body: {
          id,
          object: "billing_portal.session",
          customer: params.customer,
          return_url: params.return_url ?? null,
          created: nowSeconds(),
          livemode: false,
          url: `${base}/portal/${id}?customer=${encodeURIComponent(params.customer)}&return_url=${encodeURIComponent(params.return_url ?? "")}`,
        },
      };
    }
    if (method === "GET" && path === "/v1/invoices") {
      const limit = Math.min(Number(params.limit ?? 10), 100);
      const data = [...invoices.values()]
        .filter((i) => !params.customer || i.customer === params.customer)
        .sort((a, b) => b.created - a.created)
        .slice(0, limit);
      return { status: 200, body: list("/v1/invoices", data) };
    }
    if (method === "GET" && (m = path.match(/^\/v1\/subscriptions\/([^/]+)$/))) {
      const s = subscriptions.get(m[1]!);
      return s ? { status: 200, body: s } : missing("subscription", m[1]!);
    }
    return stripeError(404, `Unrecognized request URL (${method}: ${path}). The offline stand-in only serves what Cairn uses.`);
  }

  /** The browser pages: Checkout, Portal, hosted invoices. */
  async function browserPage(req: http.IncomingMessage, res: http.ServerResponse, url: URL, form: Obj) {
    const html = (status: number, body: string) => {
      res.writeHead(status, { "Content-Type": "text/html; charset=utf-8" });
      res.end(body);
    };
    let m: RegExpMatchArray | null;
    if ((m = url.pathname.match(/^\/checkout\/([^/]+)$/))) {
      const session = sessions.get(m[1]!);
      if (!session) return html(404, page("Not found", "<h1>This checkout page does not exist.</h1>"));
      if (req.method === "POST") {
        if (session.status !== "open")
          return html(409, page("Already paid", `<h1>Already paid</h1><p><a href="${escapeHtml(session.success_url)}">Back</a></p>`));
        try {
          await pay(session.id);
        } catch (error) {
          return html(
            502,
            page(
              "Payment not delivered",
              `<h1>Payment went through, but Cairn did not accept the webhook</h1><p>${escapeHtml(error instanceof Error ? error.message : error)}</p>`,
            ),
          );
        }
        res.writeHead(303, { Location: session.success_url });
        return res.end();
      }
      const item = session._line_items[0];
      const price = prices[item.price]!;
      return html(
        200,
        page(
          "Checkout · Stripe stand-in",
          `<p class="note">Cairn's offline Stripe stand-in: no card is charged.</p>
<h1>${escapeHtml(price.productName)}</h1>
<p><strong>${money(session.amount_total, session.currency)}</strong>${price.recurring ? " per month" : ""}</p>
<form method="post"><button type="submit">Pay</button></form>
${session.cancel_url ? `<p><a href="${escapeHtml(session.cancel_url)}">Cancel and go back</a></p>` : ""}`,
        ),
      );
    }
    if (url.pathname.startsWith("/portal/")) {
      const customer = url.searchParams.get("customer") ?? "";
      const returnUrl = url.searchParams.get("return_url") ?? "";
      const active = [...subscriptions.values()].filter((s) => s.customer === customer && s.status !== "canceled");
      if (req.method === "POST") {
        const sub = active.find((s) => s.id === form.subscription);
        if (sub) {
          try {
            if (form.action === "cancel") await cancelAtPeriodEnd(sub.id);
            else if (form.action === "end") await endSubscription(sub.id);
            else if (form.action === "renew") await renew(sub.id);
          } catch (error) {
            return html(502, page("Not delivered", `<p>${escapeHtml(error instanceof Error ? error.message : error)}</p>`));
          }
        }
        res.writeHead(303, { Location: url.pathname + url.search });
        return res.end();
      }
      const rows = active
        .map(
          (
            s,
          ) => `<li><p><strong>${escapeHtml(prices[s.items.data[0].price.id]?.productName ?? "Subscription")}</strong> · ${escapeHtml(s.status)}${s.cancel_at_period_end ? " (cancels at period end)" : ""}</p>
<form method="post"><input type="hidden" name="subscription" value="${escapeHtml(s.id)}">
${s.cancel_at_period_end ? "" : '<button name="action" value="cancel" class="secondary">Cancel plan</button>'}
<button name="action" value="end" class="secondary">End subscription now</button>
<button name="action" value="renew" class="secondary">Simulate next month's renewal</button></form></li>`,
        )
        .join("");
      return html(
        200,
        page(
          "Billing portal · Stripe stand-in",
          `<p class="note">Cairn's offline Stripe stand-in.</p><h1>Billing portal</h1>
${rows ? `<ul>${rows}</ul>` : "<p>No active subscription.</p>"}
${returnUrl ? `<p><a href="${escapeHtml(returnUrl)}">Return to Cairn</a></p>` : ""}`,
        ),
      );
    }
    if ((m = url.pathname.match(/^\/invoices\/([^/]+)$/))) {
      const invoice = invoices.get(m[1]!);
      if (!invoice) return html(404, page("Not found", "<h1>No such invoice</h1>"));
      return html(
        200,
        page(
          `Invoice ${invoice.number}`,
          `<h1>Invoice ${escapeHtml(invoice.number)}</h1><p>${escapeHtml(invoice.lines.data[0].description)}</p><p><strong>${money(invoice.amount_paid, invoice.currency)}</strong> · ${escapeHtml(invoice.status)}</p>`,
        ),
      );
    }
    return html(404, page("Not found", "<h1>Not found</h1>"));
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", base);
      const raw = Buffer.concat(chunks).toString("utf8");
      const method = req.method ?? "GET";
      const params = method === "GET" ? decodeForm(url.searchParams.toString()) : decodeForm(raw);
      if (url.pathname.startsWith("/v1/")) {
        requests.push({ method, path: url.pathname, params });
        const { status, body } = api(method, url.pathname, params, req.headers);
        res.writeHead(status, { "Content-Type": "application/json", "Request-Id": newId("req") });
        res.end(JSON.stringify(body));
        return;
      }
      browserPage(req, res, url, params).catch((error) => {
        res.writeHead(500, { "Content-Type": "text/plain" });
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiBase: base,
    secretKey,
    webhookSecret,
    requests,
    customers,
    sessions,
    subscriptions,
    invoices,
    failNext(status, error) {
      failures.push({ status, error: { type: error.type ?? "api_error", ...error } });
    },
    event,
    sign,
    send,
    pay,
    renew,
    cancelAtPeriodEnd,
    endSubscription,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
