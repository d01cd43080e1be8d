import { Form, Link, redirect, useActionData, useNavigation, useSearchParams } from "react-router";
import { AuthCard } from "~/components/auth-card";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { assertSameOrigin } from "~/modules/auth/guard.server";
import { authenticateWithPassword, credentialsSchema } from "~/modules/auth/login.server";
import { createUserSession, getSessionUser } from "~/modules/auth/session.server";
import { clientAddress, clientLimitKey } from "~/modules/http/client-address.server";
import { formAction, parseForm, readFormData } from "~/modules/http/form.server";
import { consumeRateLimit } from "~/modules/http/rate-limit.server";
import { safeRedirectPath } from "~/modules/http/toast.server";
import type { Route } from "./+types/login";

export const meta = () => [{ title: "Log in · Cairn" }];

export async function loader({ request }: Route.LoaderArgs) {
  if (await getSessionUser(request)) throw redirect("/app");
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  return formAction(async () => {
    assertSameOrigin(request, { cookieAuthenticated: false });
    await consumeRateLimit("loginByIp", clientLimitKey(context));
    const form = await readFormData(request);
    const redirectTo = safeRedirectPath(form.get("redirectTo"));
    const { email, password } = parseForm(form, credentialsSchema);
    const user = await authenticateWithPassword(email, password, clientAddress(context));
    throw redirect(redirectTo, { headers: { "Set-Cookie": await createUserSession(user.id) } });
  });
}

export default function Login() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const notActivated = result && !result.ok && result.error.includes("not activated");
  const fieldErrors = result?.fieldErrors ?? {};
  return (
    <AuthCard title="Log in to Cairn">
      {result && !result.ok && Object.keys(fieldErrors).length === 0 && (
        <Alert tone="error">
          {result.error}{" "}
          {notActivated && (
            <Link className="font-medium underline" to="/resend-activation">
              Send a new activation link
            </Link>
          )}
        </Alert>
      )}
      <Form method="post" className="flex flex-col gap-4">
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/app"} />
        <Field label="Email" name="email" type="email" autoComplete="email" required error={fieldErrors.email} />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required error={fieldErrors.password} />
        <Button type="submit" disabled={busy}>
          {busy ? "Logging in…" : "Log in"}
        </Button>
      </Form>
      <div className="flex flex-col gap-1 text-sm text-stone-600">
        <Link className="font-medium text-brand-700 underline" to="/forgot-password">
          Forgot your password?
        </Link>
        <p>
          New here?{" "}
          <Link className="font-medium text-brand-700 underline" to="/signup">
            Create an account
          </Link>
        </p>
      </div>
    </AuthCard>
  );
}
