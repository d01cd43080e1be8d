import { toPublicUser } from "~/modules/auth/accounts.server";
import { assertSameOrigin } from "~/modules/auth/guard.server";
import { authenticateWithPassword, credentialsSchema } from "~/modules/auth/login.server";
import { createUserSession } from "~/modules/auth/session.server";
import { api, json, methodNotAllowed, readJson } from "~/modules/http/api.server";
import { clientAddress } from "~/modules/http/client-address.server";
import { consumeRateLimit } from "~/modules/http/rate-limit.server";
import type { Route } from "./+types/auth.login";

export const loader = methodNotAllowed("POST");

export const action = api(async ({ request, context }: Route.ActionArgs) => {
  assertSameOrigin(request, { cookieAuthenticated: false });
  await consumeRateLimit("loginByIp", clientAddress(context));
  const { email, password } = await readJson(request, credentialsSchema);
  const user = await authenticateWithPassword(email, password);
  return json(toPublicUser(user), { headers: { "Set-Cookie": await createUserSession(user.id) } });
});
