import { z } from "zod";
import { activateAccount, toPublicUser } from "~/modules/auth/accounts.server";
import { api, json, methodNotAllowed, readJson } from "~/modules/http/api.server";
import type { Route } from "./+types/auth.activate-user";

export const loader = methodNotAllowed("POST");

export const action = api(async ({ request }: Route.ActionArgs) => {
  const { token } = await readJson(request, z.object({ token: z.string().min(1).max(200) }));
  const user = activateAccount(token);
  return json({ message: "Account activated. You can log in now.", user: toPublicUser(user) });
});
