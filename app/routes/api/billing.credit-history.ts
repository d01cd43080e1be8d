import { z } from "zod";
import { requireCaller } from "~/modules/auth/caller.server";
import { listCreditTransactions } from "~/modules/billing/credits.server";
import { apiRoute, json, readQuery } from "~/modules/http/api.server";
import { workspaceFor } from "~/modules/workspaces/workspaces.server";

const querySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  type: z.enum(["usage", "reset", "topup", "subscription", "refund", "adjustment"]).optional(),
  workspaceId: z.uuid().optional(),
});

export const loader = apiRoute({
  GET: ({ request, context }) => {
    const caller = requireCaller(context);
    const { workspaceId, limit, offset, type } = readQuery(request, querySchema);
    const membership = workspaceFor(caller, workspaceId);
    return json({ ...listCreditTransactions(membership.workspace.id, { limit, offset, type }), limit, offset });
  },
});
export const action = loader;
