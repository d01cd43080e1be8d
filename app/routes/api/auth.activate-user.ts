import { z } from "zod";
import { activateAccount, toPublicUser } from "~/modules/auth/accounts.server";
import { apiRoute, json, readJson } from "~/modules/http/api.server";

export const loader = apiRoute({
  POST: async ({ request }) => {
    const { token } = await readJson(request, z.object({ token: z.string().min(1).max(200) }));
    const user = activateAccount(token);
    return json({ message: "Account activated. You can log in now.", user: toPublicUser(user) });
  },
});
export const action = loader;
