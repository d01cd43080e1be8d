import { Form, Link, useActionData, useNavigation } from "react-router";
import { z } from "zod";
import { AuthCard } from "~/components/auth-card";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Field, NewPasswordField } from "~/components/ui/field";
import { resetPassword } from "~/modules/auth/accounts.server";
import { passwordSchema } from "~/modules/auth/schemas";
import { formAction, parseForm, readFormData } from "~/modules/http/form.server";
import { redirectWithToast } from "~/modules/http/toast.server";
import type { Route } from "./+types/reset-password";

export const meta = () => [{ title: "Choose a new password · Cairn" }];

const resetSchema = z
  .object({ token: z.string().min(1, "The link has no token"), password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords differ" });

export function loader({ request }: Route.LoaderArgs) {
  return { token: new URL(request.url).searchParams.get("token") ?? "" };
}

export async function action({ request }: Route.ActionArgs) {
  return formAction(async () => {
    const input = parseForm(await readFormData(request), resetSchema);
    await resetPassword(input.token, input.password);
    throw await redirectWithToast("/login", { type: "success", message: "Password changed. Log in with your new password." });
  });
}

export default function ResetPassword({ loaderData }: Route.ComponentProps) {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const fieldErrors = result?.fieldErrors ?? {};
  if (!loaderData.token)
    return (
      <AuthCard title="Choose a new password">
        <Alert tone="error">
          This link has no reset token.{" "}
          <Link className="font-medium underline" to="/forgot-password">
            Ask for a new link
          </Link>
          .
        </Alert>
      </AuthCard>
    );
  return (
    <AuthCard title="Choose a new password" subtitle="You will be signed out of every other device.">
      {result && !result.ok && !fieldErrors.password && !fieldErrors.confirm && (
        <Alert tone="error">
          {fieldErrors.token ?? result.error}{" "}
          <Link className="font-medium underline" to="/forgot-password">
            Ask for a new link
          </Link>
        </Alert>
      )}
      <Form method="post" className="flex flex-col gap-4">
        <input type="hidden" name="token" value={loaderData.token} />
        <NewPasswordField label="New password" error={fieldErrors.password} />
        <Field label="Repeat it" name="confirm" type="password" autoComplete="new-password" required error={fieldErrors.confirm} />
        <Button type="submit" disabled={busy}>
          {busy ? "Saving…" : "Set new password"}
        </Button>
      </Form>
    </AuthCard>
  );
}
