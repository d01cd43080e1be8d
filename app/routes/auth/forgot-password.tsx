import { Form, Link, useActionData, useNavigation } from "react-router";
import { z } from "zod";
import { AuthCard } from "~/components/auth-card";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { requestPasswordReset } from "~/modules/auth/accounts.server";
import { assertSameOrigin } from "~/modules/auth/guard.server";
import { clientLimitKey } from "~/modules/http/client-address.server";
import { formAction, parseForm, readFormData } from "~/modules/http/form.server";
import { consumeRateLimit } from "~/modules/http/rate-limit.server";
import type { Route } from "./+types/forgot-password";

export const meta = () => [{ title: "Forgot password · Cairn" }];

export async function action({ request, context }: Route.ActionArgs) {
  return formAction(async () => {
    assertSameOrigin(request, { cookieAuthenticated: false });
    await consumeRateLimit("accountMailByIp", clientLimitKey(context));
    const { email } = parseForm(await readFormData(request), z.object({ email: z.email("Enter a valid email address") }));
    requestPasswordReset(email);
    return { ok: true as const };
  });
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <AuthCard title="Reset your password" subtitle="We will email you a link to choose a new one.">
      {result?.ok ? (
        <Alert tone="success">If an account exists for that email, a reset link is on its way. It works for one hour.</Alert>
      ) : (
        <Form method="post" className="flex flex-col gap-4">
          {result && !result.ok && !result.fieldErrors.email && <Alert tone="error">{result.error}</Alert>}
          <Field label="Email" name="email" type="email" autoComplete="email" required error={result?.fieldErrors.email} />
          <Button type="submit" disabled={busy}>
            {busy ? "Sending…" : "Send reset link"}
          </Button>
        </Form>
      )}
      <Link className="text-sm font-medium text-brand-700 underline" to="/login">
        Back to log in
      </Link>
    </AuthCard>
  );
}
