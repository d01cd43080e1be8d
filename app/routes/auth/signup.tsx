import { Form, Link, redirect, useActionData, useNavigation } from "react-router";
import { AuthCard } from "~/components/auth-card";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Field, NewPasswordField } from "~/components/ui/field";
import { registerUser } from "~/modules/auth/accounts.server";
import { assertSameOrigin } from "~/modules/auth/guard.server";
import { registrationSchema } from "~/modules/auth/schemas";
import { getSessionUser } from "~/modules/auth/session.server";
import { env } from "~/modules/config/env.server";
import { clientLimitKey } from "~/modules/http/client-address.server";
import { formAction, parseForm, readFormData } from "~/modules/http/form.server";
import { consumeRateLimit } from "~/modules/http/rate-limit.server";
import type { Route } from "./+types/signup";

export const meta = () => [{ title: "Sign up · Cairn" }];

export async function loader({ request }: Route.LoaderArgs) {
  if (await getSessionUser(request)) throw redirect("/app");
  return { mailIsPrinted: !env().SMTP_URL };
}

export async function action({ request, context }: Route.ActionArgs) {
  return formAction(async () => {
    assertSameOrigin(request, { cookieAuthenticated: false });
    await consumeRateLimit("signupByIp", clientLimitKey(context));
    const input = parseForm(await readFormData(request), registrationSchema);
    const user = await registerUser({ ...input, name: input.name || undefined });
    return { ok: true as const, email: user.email };
  });
}

export default function Signup({ loaderData }: Route.ComponentProps) {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  if (result?.ok) {
    return (
      <AuthCard
        title="Check your email"
        subtitle={
          <>
            We sent an activation link to <strong>{result.email}</strong>.
          </>
        }
      >
        {loaderData.mailIsPrinted && (
          <Alert tone="info">No mail server is configured (SMTP_URL), so the mail with its link is printed in the server log.</Alert>
        )}
        <p className="text-sm text-stone-600">
          No mail after a few minutes?{" "}
          <Link className="font-medium text-brand-700 underline" to="/resend-activation">
            Send it again
          </Link>
          .
        </p>
      </AuthCard>
    );
  }
  const fieldErrors = result?.fieldErrors ?? {};
  return (
    <AuthCard title="Create your account" subtitle="A personal workspace comes with it.">
      {result && !result.ok && Object.keys(fieldErrors).length === 0 && <Alert tone="error">{result.error}</Alert>}
      <Form method="post" className="flex flex-col gap-4" noValidate>
        <Field label="Name" name="name" autoComplete="name" error={fieldErrors.name} />
        <Field label="Email" name="email" type="email" autoComplete="email" required error={fieldErrors.email} />
        <NewPasswordField error={fieldErrors.password} />
        <Button type="submit" disabled={busy}>
          {busy ? "Creating account…" : "Sign up"}
        </Button>
      </Form>
      <p className="text-sm text-stone-600">
        Already have an account?{" "}
        <Link className="font-medium text-brand-700 underline" to="/login">
          Log in
        </Link>
      </p>
    </AuthCard>
  );
}
