import { z } from "zod";
import { resetPassword } from "~/modules/auth/accounts.server";
import { passwordSchema } from "~/modules/auth/schemas";
import { api, json, methodNotAllowed, readJson } from "~/modules/http/api.server";
import type { Route } from "./+types/auth.password-reset-confirm";

export const loader = methodNotAllowed("POST");

export const action = api(async ({ request }: Route.ActionArgs) => {
  const body = await readJson(request, z.object({ token: z.string().min(1).max(200), password: passwordSchema }));
  await resetPassword(body.token, body.password);
  return json({ message: "Password changed. Log in with your new password." });
});
