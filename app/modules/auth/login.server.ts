// Password log-in for both the sign-in form (remix-auth's FormStrategy) and
// the JSON API, with the same per-account brute-force limit.
import { Authenticator } from "remix-auth";
import { FormStrategy } from "remix-auth-form";
import { z } from "zod";
import type { User } from "#db/schema";
import { HttpError } from "~/modules/http/errors";
import { checkRateLimit, consumeRateLimit, resetRateLimit } from "~/modules/http/rate-limit.server";
import { InvalidCredentialsError, normalizeEmail, verifyCredentials } from "./accounts.server";

export const credentialsSchema = z.object({
  email: z.email("Enter a valid email address").max(254),
  password: z.string().min(1, "Enter your password").max(1024),
});

/** Verifies credentials under the per-account failure limit (429 after too many failures). */
export async function authenticateWithPassword(email: string, password: string): Promise<User> {
  const account = normalizeEmail(email);
  await checkRateLimit("loginFailuresByAccount", account);
  try {
    const user = await verifyCredentials(account, password);
    await resetRateLimit("loginFailuresByAccount", account);
    return user;
  } catch (error) {
    if (error instanceof InvalidCredentialsError) await consumeRateLimit("loginFailuresByAccount", account);
    throw error;
  }
}

export const authenticator = new Authenticator<User>();

authenticator.use(
  new FormStrategy(async ({ form }) => {
    const parsed = credentialsSchema.safeParse({ email: form.get("email"), password: form.get("password") });
    if (!parsed.success) throw new HttpError(422, parsed.error.issues[0]!.message);
    return authenticateWithPassword(parsed.data.email, parsed.data.password);
  }),
  "password",
);
