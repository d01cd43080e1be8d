import { z } from "zod";
import { resendActivation } from "~/modules/auth/accounts.server";
import { apiRoute, json, readJson } from "~/modules/http/api.server";
import { clientLimitKey } from "~/modules/http/client-address.server";
import { consumeRateLimit } from "~/modules/http/rate-limit.server";

export const loader = apiRoute({
  POST: async ({ request, context }) => {
    await consumeRateLimit("accountMailByIp", clientLimitKey(context));
    const { email } = await readJson(request, z.object({ email: z.email().max(254) }));
    resendActivation(email);
    // The same answer whether or not the address is registered.
    return json({ message: "If that account exists and is not active yet, a new activation link is on its way." });
  },
});
export const action = loader;
