import { Form, Link, useSubmit } from "react-router";
import { Card } from "~/components/ui/card";
import { Select } from "~/components/ui/field";
import type { CreditTransactionType } from "#db/schema";
import { dateTime, number, type BillingOverview } from "./format";

export const TRANSACTION_TYPES = [
  "usage",
  "reset",
  "topup",
  "subscription",
  "refund",
  "adjustment",
] as const satisfies CreditTransactionType[];

const TYPE_LABEL: Record<CreditTransactionType, string> = {
  usage: "Usage",
  reset: "Monthly reset",
  topup: "Top-up",
  subscription: "Subscription",
  refund: "Refund",
  adjustment: "Adjustment",
};

/** The ledger, newest first, filtered by type. On phones the date and type move under the description. */
export function CreditHistory({ history }: { history: BillingOverview["history"] }) {
  const submit = useSubmit();
  const pages = Math.max(1, Math.ceil(history.total / history.pageSize));
  const pageLink = (page: number) => `?${new URLSearchParams({ ...(history.type ? { type: history.type } : {}), page: String(page) })}`;
  return (
    <Card
      title="Credit history"
      flush
      actions={
        <Form method="get" onChange={(e) => submit(e.currentTarget)} className="flex items-center gap-2 text-sm">
          <label htmlFor="history-type">Show</label>
          <Select id="history-type" name="type" defaultValue={history.type ?? ""}>
            <option value="">All entries</option>
            {TRANSACTION_TYPES.map((t) => (
              <option key={t} value={t}>
                {TYPE_LABEL[t]}
              </option>
            ))}
          </Select>
          <noscript>
            <button type="submit">Filter</button>
          </noscript>
        </Form>
      }
    >
      {history.transactions.length === 0 ? (
        <p className="px-5 py-4 text-sm text-stone-600">Nothing here yet.</p>
      ) : (
        <table className="w-full table-fixed text-sm">
          <thead className="text-left text-xs text-stone-500">
            <tr>
              <th className="hidden w-52 py-2 pl-5 font-medium sm:table-cell">When</th>
              <th className="hidden w-32 px-2 py-2 font-medium sm:table-cell">Type</th>
              <th className="py-2 pr-2 pl-5 font-medium sm:pl-2">What</th>
              <th className="w-24 py-2 pr-5 text-right font-medium">Credits</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100" data-testid="credit-history">
            {history.transactions.map((t) => (
              <tr key={t.id}>
                <td className="hidden py-2 pl-5 whitespace-nowrap text-stone-600 sm:table-cell">
                  {dateTime.format(new Date(t.createdAt))} UTC
                </td>
                <td className="hidden px-2 py-2 sm:table-cell">{TYPE_LABEL[t.type]}</td>
                <td className="py-2 pr-2 pl-5 break-words sm:pl-2">
                  {t.description}
                  <span className="block text-xs text-stone-500 sm:hidden">
                    {TYPE_LABEL[t.type]} · {dateTime.format(new Date(t.createdAt))} UTC
                  </span>
                </td>
                <td className={`py-2 pr-5 text-right font-medium tabular-nums ${t.amount < 0 ? "text-stone-700" : "text-emerald-700"}`}>
                  {t.amount > 0 ? "+" : ""}
                  {number.format(t.amount)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 && (
        <nav aria-label="Credit history pages" className="flex items-center justify-between border-t border-stone-200 px-5 py-3 text-sm">
          {history.page > 1 ? <Link to={pageLink(history.page - 1)}>← Newer</Link> : <span />}
          <span className="text-stone-500">
            Page {history.page} of {pages}
          </span>
          {history.page < pages ? <Link to={pageLink(history.page + 1)}>Older →</Link> : <span />}
        </nav>
      )}
    </Card>
  );
}
