import { z } from "zod";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-rules";

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters`);

export const registrationSchema = z.object({
  email: z.email("Enter a valid email address").max(254),
  password: passwordSchema,
  name: z.string().trim().max(100).optional(),
  // From an invitation link: the invited address is active at once and joins.
  invitationToken: z.string().trim().min(1).max(200).optional(),
});
