import { z } from "zod";
import { resetPassword } from "~/modules/auth/accounts.server";
import { passwordSchema } from "~/modules/auth/schemas";
import { apiRoute, json, readJson } from "~/modules/http/api.server";

export const loader = apiRoute({
  POST: async ({ request }) => {
    const body = await readJson(request, z.object({ token: z.string().min(1).max(200), password: passwordSchema }));
    await resetPassword(body.token, body.password);
    return json({ message: "Password changed. Log in with your new password." });
  },
});
export const action = loader;
