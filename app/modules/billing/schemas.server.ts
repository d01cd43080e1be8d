import { z } from "zod";
import { HttpError } from "~/modules/http/errors";
import { issuesOf } from "~/modules/http/api.server";

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

/** A JSON body that may be left out entirely (POST with no body): 400 if present but not JSON, 422 if it does not fit. */
export async function readOptionalJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const text = await request.text();
  let raw: unknown = {};
  if (text.trim()) {
    try {
      raw = JSON.parse(text);
    } catch {
      throw new HttpError(400, "Request body must be valid JSON");
    }
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw new HttpError(422, "Validation failed", issuesOf(result.error));
  return result.data;
}
