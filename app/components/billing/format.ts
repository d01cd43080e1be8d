import type { billingOverview } from "~/modules/billing/overview.server";

/** What the billing page's loader gathers (billing/overview.server.ts). */
export type BillingOverview = Awaited<ReturnType<typeof billingOverview>>;

export const number = new Intl.NumberFormat("en-US");
export const date = new Intl.DateTimeFormat("en", { dateStyle: "medium" });
export const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });
