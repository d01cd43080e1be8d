// The theme switch posts here: remember the choice in a cookie. Fetchers get
// data back (the root loader then renders the theme); a plain form post goes
// back to the page it came from.
import { data, redirect } from "react-router";
import { z } from "zod";
import { assertSameOrigin } from "~/modules/auth/guard.server";
import { env } from "~/modules/config/env.server";
import { formAction, parseForm, readFormData } from "~/modules/http/form.server";
import { safeRedirectPath } from "~/modules/http/toast.server";
import { THEMES } from "~/modules/theme/theme";
import { themeCookie } from "~/modules/theme/theme.server";
import type { Route } from "./+types/theme";

const themeSchema = z.object({ theme: z.enum(THEMES, "Choose system, light or dark"), redirectTo: z.string().optional() });

export async function action({ request }: Route.ActionArgs) {
  return formAction(async () => {
    assertSameOrigin(request, { cookieAuthenticated: false });
    const { theme, redirectTo } = parseForm(await readFormData(request), themeSchema);
    const headers = { "Set-Cookie": themeCookie(theme, env().NODE_ENV === "production") };
    if (request.headers.get("Sec-Fetch-Mode") === "navigate") throw redirect(safeRedirectPath(redirectTo, "/"), { headers });
    return data({ ok: true as const, theme }, { headers });
  });
}

export function loader() {
  return redirect("/");
}
