import { useEffect } from "react";
import { toast } from "sonner";

type ActionResult = { ok: true; message: string } | { ok: false; error: string; fieldErrors: Record<string, string> } | undefined;

/** Shows a page action's outcome as a toast; a refusal names what was wrong with each field. */
export function useActionToast(result: ActionResult) {
  useEffect(() => {
    if (!result) return;
    if (result.ok) toast.success(result.message);
    else toast.error([result.error, ...Object.values(result.fieldErrors)].join(" — "));
  }, [result]);
}
