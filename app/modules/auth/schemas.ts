import { z } from "zod";

export const passwordSchema = z.string().min(8, "Use at least 8 characters").max(200, "Use at most 200 characters");

export const registrationSchema = z.object({
  email: z.email("Enter a valid email address").max(254),
  password: passwordSchema,
  name: z.string().trim().max(100).optional(),
  // From an invitation link: the invited address is active at once and joins.
  invitationToken: z.string().trim().min(1).max(200).optional(),
});
