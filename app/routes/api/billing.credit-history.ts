import { z } from "zod";
import { requireApiUser } from "~/modules/auth/guard.server";
import { listCreditTransactions } from "~/modules/billing/credits.server";
import { api, json, readQuery } from "~/modules/http/api.server";
import { workspaceFor } from "~/modules/workspaces/workspaces.server";
import type { Route } from "./+types/billing.credit-history";

const querySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  type: z.enum(["usage", "reset", "topup", "subscription", "refund", "adjustment"]).optional(),
  workspaceId: z.uuid().optional(),
});

export const loader = api(async ({ request }: Route.LoaderArgs) => {
  const user = await requireApiUser(request);
  const { workspaceId, limit, offset, type } = readQuery(request, querySchema);
  const membership = workspaceFor(user, workspaceId);
  return json({ ...listCreditTransactions(membership.workspace.id, { limit, offset, type }), limit, offset });
});
