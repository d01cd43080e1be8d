import type { billingOverview } from "~/modules/billing/overview.server";

/** What the billing page's loader gathers (billing/overview.server.ts). */
export type BillingOverview = Awaited<ReturnType<typeof billingOverview>>;

export const number = new Intl.NumberFormat("en-US");
// In UTC on the server and in the browser alike (the page hydrates without a mismatch); times are labelled UTC.
export const date = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
export const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
