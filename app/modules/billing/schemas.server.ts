import { z } from "zod";

export const checkoutModeSchema = z.enum(["subscription", "one-time"]);

export const checkoutInputSchema = z.object({
  priceId: z.string().trim().min(1, "Choose a price").max(200),
  // The spec's action takes the mode; the API infers it from the price when it is left out.
  mode: checkoutModeSchema.optional(),
  workspaceId: z.uuid().optional(),
});

export const workspaceChoiceSchema = z.object({ workspaceId: z.uuid().optional() });

export const invoicesQuerySchema = z.object({
  customerId: z.string().trim().min(1).max(255).optional(),
  workspaceId: z.uuid().optional(),
});
