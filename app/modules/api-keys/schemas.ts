import { z } from "zod";

export const apiKeyInputSchema = z.object({
  name: z.string().trim().min(1, "Name the key").max(80, "Use at most 80 characters"),
  expiresAt: z.iso
    .datetime({ offset: true, message: "Use an ISO 8601 date and time, e.g. 2027-01-31T00:00:00Z" })
    .transform((value) => new Date(value))
    .refine((date) => date.getTime() > Date.now(), "Must be in the future")
    .optional(),
});

export const apiKeyParamsSchema = z.object({ workspaceId: z.uuid(), keyId: z.uuid() });
