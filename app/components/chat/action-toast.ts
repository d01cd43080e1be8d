import { useEffect } from "react";
import type { useFetcher } from "react-router";
import { toast } from "sonner";

/** What the chat route's action answers. */
export type ActionResult = { ok: true; message?: string } | { ok: false; error: string; fieldErrors: Record<string, string> };

/** Says what a finished form did (or why it did not), once. */
export function useActionToast(fetcher: ReturnType<typeof useFetcher>) {
  const result = fetcher.data as ActionResult | undefined;
  useEffect(() => {
    if (fetcher.state !== "idle" || !result) return;
    if (!result.ok) toast.error(result.error);
    else if (result.message) toast.success(result.message);
  }, [fetcher.state, result]);
}
