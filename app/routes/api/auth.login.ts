import { toPublicUser } from "~/modules/auth/accounts.server";
import { authenticateWithPassword, credentialsSchema } from "~/modules/auth/login.server";
import { createUserSession } from "~/modules/auth/session.server";
import { apiRoute, json, readJson } from "~/modules/http/api.server";
import { clientAddress, clientLimitKey } from "~/modules/http/client-address.server";
import { consumeRateLimit } from "~/modules/http/rate-limit.server";

export const loader = apiRoute({
  POST: async ({ request, context }) => {
    await consumeRateLimit("loginByIp", clientLimitKey(context));
    const { email, password } = await readJson(request, credentialsSchema);
    const user = await authenticateWithPassword(email, password, clientAddress(context));
    return json(toPublicUser(user), { headers: { "Set-Cookie": await createUserSession(user.id) } });
  },
});
export const action = loader;
