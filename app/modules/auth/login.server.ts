// Password log-in for both the sign-in page and the JSON API, under one
// brute-force limit per account and client address.
import { z } from "zod";
import type { User } from "#db/schema";
import { clientKey } from "~/modules/http/client-address.server";
import { consumeRateLimit, refundRateLimit, resetRateLimit } from "~/modules/http/rate-limit.server";
import { InvalidCredentialsError, normalizeEmail, verifyCredentials } from "./accounts.server";

export const credentialsSchema = z.object({
  email: z.email("Enter a valid email address").max(254),
  password: z.string().min(1, "Enter your password").max(1024),
});

/**
 * Verifies credentials under the failure limit of this account from this
 * address (429 once spent). The attempt is counted before the password is
 * checked, so guesses sent in parallel cannot all pass a check that none of
 * them has counted yet; a success clears the count, and a refusal that is not
 * about the password (not activated, suspended) gives the attempt back.
 * Keying by address too means a stranger's wrong guesses never lock the owner
 * out of their own account from elsewhere.
 */
export async function authenticateWithPassword(email: string, password: string, address: string): Promise<User> {
  const account = normalizeEmail(email);
  const key = `${account} ${clientKey(address)}`;
  await consumeRateLimit("loginFailuresByAccountAndAddress", key);
  let user: User;
  try {
    user = await verifyCredentials(account, password);
  } catch (error) {
    if (!(error instanceof InvalidCredentialsError)) await refundRateLimit("loginFailuresByAccountAndAddress", key);
    throw error;
  }
  await resetRateLimit("loginFailuresByAccountAndAddress", key);
  return user;
}
