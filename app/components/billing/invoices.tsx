import { Alert } from "~/components/ui/alert";
import { Card, CardList, CardListItem } from "~/components/ui/card";
import { formatMoney } from "~/modules/billing/plans";
import { date, type BillingOverview } from "./format";

export function Invoices({ invoices, error }: { invoices: BillingOverview["invoices"]; error: string | null }) {
  return (
    <Card title="Invoices" flush>
      {error ? (
        <div className="p-5">
          <Alert tone="error">Invoices could not be loaded: {error}</Alert>
        </div>
      ) : invoices.length === 0 ? (
        <p className="px-5 py-4 text-sm text-stone-600">No invoices yet.</p>
      ) : (
        <CardList>
          {invoices.map((i) => (
            <CardListItem key={i.id}>
              <span>{date.format(new Date(i.date))}</span>
              <span className="text-stone-600">{i.description ?? "Invoice"}</span>
              <span className="font-medium">{formatMoney(Math.round(i.amount * 100), i.currency)}</span>
              <span className="text-stone-500">{i.status}</span>
              {i.invoiceUrl && (
                <a href={i.invoiceUrl} className="text-brand-700 underline" target="_blank" rel="noreferrer">
                  View
                </a>
              )}
            </CardListItem>
          ))}
        </CardList>
      )}
    </Card>
  );
}
