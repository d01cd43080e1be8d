import * as transferRoute from "~/routes/api/workspaces.id.transfer-credits";
import type { Client } from "./client";

/** The owner moves credits from their personal workspace into `workspaceId` (how a shared workspace gets its first credits). */
export async function moveCredits(owner: Client, workspaceId: string, amount: number) {
  const res = await owner.call(transferRoute, `/api/workspaces/${workspaceId}/transfer-credits`, {
    body: { amount },
    params: { workspaceId },
  });
  if (res.status !== 200) throw new Error(`transfer failed: ${res.status} ${await res.text()}`);
  return res.json();
}
