import { registerUser, toPublicUser } from "~/modules/auth/accounts.server";
import { assertSameOrigin } from "~/modules/auth/guard.server";
import { api, json, methodNotAllowed, readJson } from "~/modules/http/api.server";
import { clientAddress } from "~/modules/http/client-address.server";
import { consumeRateLimit } from "~/modules/http/rate-limit.server";
import { registrationSchema } from "~/modules/auth/schemas";
import type { Route } from "./+types/auth.register";

export const loader = methodNotAllowed("POST");

export const action = api(async ({ request, context }: Route.ActionArgs) => {
  assertSameOrigin(request, { cookieAuthenticated: false });
  await consumeRateLimit("signupByIp", clientAddress(context));
  const body = await readJson(request, registrationSchema);
  const user = await registerUser(body);
  return json(toPublicUser(user), 201);
});
