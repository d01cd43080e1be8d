import { useState } from "react";
import { toast } from "sonner";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Input } from "~/components/ui/field";

/** Fetches a page or file by its address into the workspace. */
export function AddByUrl({ workspaceId, onAdded }: { workspaceId: string; onAdded: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Card title="Add a web page or file by URL">
      <form
        className="flex flex-col gap-2"
        onSubmit={async (e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const url = new FormData(form).get("url");
          setBusy(true);
          setError(null);
          try {
            const res = await fetch(`/api/workspaces/${workspaceId}/documents/from-url`, {
              method: "POST",
              headers: { "Content-Type": "application/json" },
              body: JSON.stringify({ url }),
            });
            // A proxy's error page is not JSON: the status still says what happened.
            const payload = (await res.json().catch(() => ({}))) as { error?: string };
            if (!res.ok) return setError(payload.error ?? `Could not add it (${res.status})`);
            form.reset();
            toast.success("Page added; it is being processed.");
            onAdded();
          } catch {
            setError("Cairn could not be reached. Check your connection and try again.");
          } finally {
            setBusy(false);
          }
        }}
      >
        <label htmlFor="document-url" className="text-sm font-medium">
          Address
        </label>
        <Input
          id="document-url"
          name="url"
          type="url"
          required
          placeholder="https://example.com/article"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "document-url-error" : undefined}
        />
        {error && (
          <p id="document-url-error" className="text-sm text-red-700">
            {error}
          </p>
        )}
        <Button type="submit" disabled={busy} className="self-start">
          {busy ? "Fetching…" : "Add page"}
        </Button>
      </form>
    </Card>
  );
}
