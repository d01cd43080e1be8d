import { registerUser, toPublicUser } from "~/modules/auth/accounts.server";
import { registrationSchema } from "~/modules/auth/schemas";
import { apiRoute, json, readJson } from "~/modules/http/api.server";
import { clientLimitKey } from "~/modules/http/client-address.server";
import { consumeRateLimit } from "~/modules/http/rate-limit.server";

export const loader = apiRoute({
  POST: async ({ request, context }) => {
    await consumeRateLimit("signupByIp", clientLimitKey(context));
    const body = await readJson(request, registrationSchema);
    const user = await registerUser(body);
    return json(toPublicUser(user), 201);
  },
});
export const action = loader;
