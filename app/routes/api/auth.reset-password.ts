import { z } from "zod";
import { requestPasswordReset } from "~/modules/auth/accounts.server";
import { assertSameOrigin } from "~/modules/auth/guard.server";
import { api, json, methodNotAllowed, readJson } from "~/modules/http/api.server";
import { clientAddress } from "~/modules/http/client-address.server";
import { consumeRateLimit } from "~/modules/http/rate-limit.server";
import type { Route } from "./+types/auth.reset-password";

export const loader = methodNotAllowed("POST");

export const action = api(async ({ request, context }: Route.ActionArgs) => {
  assertSameOrigin(request, { cookieAuthenticated: false });
  await consumeRateLimit("accountMailByIp", clientAddress(context));
  const { email } = await readJson(request, z.object({ email: z.email().max(254) }));
  await requestPasswordReset(email);
  // The same answer whether or not the address is registered.
  return json({ message: "If that account exists, a password reset link is on its way." });
});
