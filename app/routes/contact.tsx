import { useId } from "react";
import { Form, Link, useActionData, useNavigation } from "react-router";
import { Logo } from "~/components/logo";
import { SiteFooter } from "~/components/site-footer";
import { Alert } from "~/components/ui/alert";
import { Button, ButtonLink } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { assertSameOrigin } from "~/modules/auth/guard.server";
import { contactRecipients, sendContactMessage } from "~/modules/contact/contact.server";
import { contactMessageSchema, HONEYPOT_FIELD } from "~/modules/contact/schemas";
import { clientAddress } from "~/modules/http/client-address.server";
import { formAction, parseForm, readFormData } from "~/modules/http/form.server";
import type { Route } from "./+types/contact";

export const meta = () => [
  { title: "Contact · Cairn" },
  { name: "description", content: "Write to the people who run this Cairn instance." },
];

export function loader() {
  return { available: contactRecipients().length > 0 };
}

export async function action({ request, context }: Route.ActionArgs) {
  return formAction(async () => {
    assertSameOrigin(request, { cookieAuthenticated: false });
    const message = parseForm(await readFormData(request), contactMessageSchema);
    await sendContactMessage(message, clientAddress(context));
    return { ok: true as const, name: message.name, email: message.email };
  });
}

export default function Contact({ loaderData }: Route.ComponentProps) {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failure = result && !result.ok ? result : undefined;
  return (
    <div className="flex min-h-full flex-col">
      <header className="mx-auto flex w-full max-w-5xl items-center justify-between px-4 py-5">
        <Logo />
        <ButtonLink to="/pricing" variant="ghost">
          Pricing
        </ButtonLink>
      </header>
      <main className="mx-auto w-full max-w-xl flex-1 px-4 pt-6 pb-16">
        <h1 className="text-3xl font-semibold tracking-tight">Contact us</h1>
        <p className="mt-2 text-stone-600">
          A question, a problem, a request? Write to the people who run this Cairn instance; they answer by email.
        </p>
        <div className="mt-8 rounded-2xl border border-stone-200 bg-white p-6 shadow-sm">
          {result?.ok ? (
            <div className="flex flex-col gap-4">
              <Alert tone="success">
                Thank you, {result.name}. Your message is on its way; the answer will come to {result.email}.
              </Alert>
              <Link to="/contact" className="text-sm font-medium text-brand-700 underline" reloadDocument>
                Send another message
              </Link>
            </div>
          ) : !loaderData.available ? (
            <Alert tone="info">This instance has no contact address yet. Its operator can set one with CONTACT_EMAIL.</Alert>
          ) : (
            <Form method="post" className="flex flex-col gap-4">
              {failure && Object.keys(failure.fieldErrors).length === 0 && <Alert tone="error">{failure.error}</Alert>}
              <Field label="Your name" name="name" autoComplete="name" required maxLength={100} error={failure?.fieldErrors.name} />
              <Field label="Your email" name="email" type="email" autoComplete="email" required error={failure?.fieldErrors.email} />
              <Field label="Subject (optional)" name="subject" maxLength={150} error={failure?.fieldErrors.subject} />
              <MessageField error={failure?.fieldErrors.message} />
              <Honeypot />
              <Button type="submit" disabled={busy} className="self-start">
                {busy ? "Sending…" : "Send message"}
              </Button>
            </Form>
          )}
        </div>
      </main>
      <SiteFooter />
    </div>
  );
}

function MessageField({ error }: { error?: string }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium text-stone-800">
        Message
      </label>
      <textarea
        id={id}
        name="message"
        required
        rows={6}
        maxLength={5000}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className="rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 aria-[invalid]:border-red-500"
      />
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** Off-screen and hidden from assistive technology: only a bot fills it in. */
function Honeypot() {
  return (
    <div aria-hidden="true" className="absolute -left-[10000px] h-px w-px overflow-hidden">
      <label>
        Leave this field empty
        <input type="text" name={HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" defaultValue="" />
      </label>
    </div>
  );
}
