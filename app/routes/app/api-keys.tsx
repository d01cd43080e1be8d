import { useState } from "react";
import { Form, Link, useActionData, useNavigation } from "react-router";
import { z } from "zod";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { createApiKey, listApiKeys, revokeApiKey } from "~/modules/api-keys/api-keys.server";
import { apiKeyInputSchema } from "~/modules/api-keys/schemas";
import { env } from "~/modules/config/env.server";
import { formAction, parseForm, readFormData } from "~/modules/http/form.server";
import { requireWorkspacePage } from "~/modules/workspaces/guard.server";
import { listMembers } from "~/modules/workspaces/workspaces.server";
import type { Route } from "./+types/api-keys";

export const meta = ({ loaderData }: Route.MetaArgs) => [{ title: `API keys · ${loaderData?.workspaceName ?? "Workspace"} · Cairn` }];

const LIFETIMES = { "30": "30 days", "90": "90 days", "365": "1 year", never: "No expiry" } as const;
type Lifetime = keyof typeof LIFETIMES;

export async function loader({ request, params }: Route.LoaderArgs) {
  const membership = await requireWorkspacePage(request, params);
  const names = new Map(listMembers(membership.workspace.id).map((m) => [m.userId, m.name ?? m.email]));
  return {
    workspaceId: membership.workspace.id,
    workspaceName: membership.workspace.name,
    userId: membership.user.id,
    baseUrl: `${env().APP_URL}/v1`,
    keys: listApiKeys(membership).map((key) => ({
      ...key,
      madeBy: names.get(key.userId) ?? "A former member",
      expired: key.expiresAt !== null && Date.parse(key.expiresAt) <= Date.now(),
    })),
  };
}

const intentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("create"),
    name: apiKeyInputSchema.shape.name,
    lifetime: z.enum(Object.keys(LIFETIMES) as [Lifetime, ...Lifetime[]], { error: "Choose how long the key lasts" }),
  }),
  z.object({ intent: z.literal("revoke"), keyId: z.uuid(), name: z.string().max(80) }),
]);

export async function action({ request, params }: Route.ActionArgs) {
  const membership = await requireWorkspacePage(request, params);
  return formAction(async () => {
    const input = parseForm(await readFormData(request), intentSchema);
    if (input.intent === "revoke") {
      revokeApiKey(membership, input.keyId);
      return { ok: true as const, message: `Revoked “${input.name}”: it stops working at once.`, created: null };
    }
    const days = input.lifetime === "never" ? null : Number(input.lifetime);
    const expiresAt = days ? new Date(Date.now() + days * 86_400_000) : undefined;
    const created = createApiKey(membership, { name: input.name, expiresAt });
    return { ok: true as const, message: null, created: { name: created.name, key: created.key } };
  });
}

const day = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const moment = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default function ApiKeys({ loaderData }: Route.ComponentProps) {
  const { keys, baseUrl, workspaceId, userId } = loaderData;
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const failed = result && !result.ok ? result : null;
  const someoneElses = keys.some((key) => key.userId !== userId);

  return (
    <div className="flex max-w-3xl flex-col gap-8">
      <div>
        <p className="text-sm">
          <Link to={`/w/${workspaceId}/settings`} className="text-brand-700 hover:underline">
            Workspace settings
          </Link>
        </p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">API keys</h1>
        <p className="mt-1 text-sm text-stone-600">
          A key lets a script or another app use {loaderData.workspaceName} as you: its chats, documents and credits. It works in this
          workspace only, and never signs anyone in to the app.
        </p>
      </div>

      {result?.ok && result.message && <Alert tone="success">{result.message}</Alert>}
      {failed && !Object.keys(failed.fieldErrors).length && <Alert tone="error">{failed.error}</Alert>}
      {result?.ok && result.created && <NewKey name={result.created.name} secret={result.created.key} />}

      <section aria-labelledby="create-heading" className="rounded-2xl border border-stone-200 bg-white p-5">
        <h2 id="create-heading" className="font-semibold">
          Create a key
        </h2>
        {/* A new key resets the form (a remount clears its fields). */}
        <Form
          method="post"
          key={result?.ok ? result.created?.key : undefined}
          className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-end"
        >
          <input type="hidden" name="intent" value="create" />
          <Field
            label="Name"
            name="name"
            required
            maxLength={80}
            placeholder="e.g. Nightly report script"
            className="flex-1"
            error={failed?.fieldErrors.name}
          />
          <div className="flex flex-col gap-1.5">
            <label htmlFor="lifetime" className="text-sm font-medium text-stone-800">
              Expires after
            </label>
            <select
              id="lifetime"
              name="lifetime"
              defaultValue="90"
              className="rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500"
            >
              {Object.entries(LIFETIMES).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" disabled={busyIntent === "create"}>
            {busyIntent === "create" ? "Creating…" : "Create key"}
          </Button>
        </Form>
      </section>

      <section aria-labelledby="keys-heading">
        <h2 id="keys-heading" className="font-semibold">
          {someoneElses ? "Keys of this workspace" : "Your keys"}
        </h2>
        {keys.length === 0 ? (
          <p className="mt-2 text-sm text-stone-600">No keys yet.</p>
        ) : (
          <ul className="mt-3 divide-y divide-stone-100 rounded-2xl border border-stone-200 bg-white" data-testid="api-key-list">
            {keys.map((key) => {
              const { expired } = key;
              return (
                <li key={key.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-5 py-4">
                  <div className="min-w-0 flex-1">
                    <p className="flex flex-wrap items-center gap-2 font-medium">
                      <span className="break-words">{key.name}</span>
                      {expired && <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">Expired</span>}
                    </p>
                    <p className="mt-0.5 font-mono text-xs text-stone-500">{key.prefix}…</p>
                    <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs text-stone-600 sm:grid-cols-[auto_1fr_auto_1fr]">
                      {someoneElses && (
                        <>
                          <dt className="text-stone-500">Made by</dt>
                          <dd>{key.userId === userId ? "You" : key.madeBy}</dd>
                        </>
                      )}
                      <dt className="text-stone-500">Created</dt>
                      <dd>{day.format(new Date(key.createdAt))}</dd>
                      <dt className="text-stone-500">Last used</dt>
                      <dd>{key.lastUsedAt ? `${moment.format(new Date(key.lastUsedAt))} UTC` : "Never"}</dd>
                      <dt className="text-stone-500">{expired ? "Expired" : "Expires"}</dt>
                      <dd>{key.expiresAt ? day.format(new Date(key.expiresAt)) : "Never"}</dd>
                    </dl>
                  </div>
                  <Form
                    method="post"
                    onSubmit={(event) => {
                      if (!confirm(`Revoke “${key.name}”? Programs using it stop working at once.`)) event.preventDefault();
                    }}
                  >
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="keyId" value={key.id} />
                    <input type="hidden" name="name" value={key.name} />
                    <Button type="submit" variant="secondary" aria-label={`Revoke ${key.name}`} disabled={busyIntent === "revoke"}>
                      Revoke
                    </Button>
                  </Form>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <UsageSnippet baseUrl={baseUrl} />
    </div>
  );
}

/** The secret of a key just made: shown this once, with a copy button. */
function NewKey({ name, secret }: { name: string; secret: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <section aria-labelledby="new-key-heading" className="rounded-2xl border border-emerald-200 bg-emerald-50 p-5">
      <div role="status">
        <h2 id="new-key-heading" className="font-semibold break-words text-emerald-900">
          Key “{name}” created
        </h2>
        <p className="mt-1 text-sm text-emerald-900">Copy it now: Cairn keeps only a fingerprint of it and cannot show it again.</p>
      </div>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row">
        <label htmlFor="new-key" className="sr-only">
          Your new API key
        </label>
        <input
          id="new-key"
          readOnly
          value={secret}
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 rounded-lg border border-emerald-300 bg-white px-3 py-2 font-mono text-sm"
          data-testid="new-api-key"
        />
        <Button
          type="button"
          onClick={async () => {
            await navigator.clipboard.writeText(secret);
            setCopied(true);
          }}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
    </section>
  );
}

function UsageSnippet({ baseUrl }: { baseUrl: string }) {
  const code = `import OpenAI from "openai";

const client = new OpenAI({
  baseURL: "${baseUrl}",
  apiKey: process.env.CAIRN_API_KEY,
});

const stream = await client.chat.completions.create({
  model: "gpt-4o-mini",
  messages: [{ role: "user", content: "Hello!" }],
  stream: true,
});
for await (const chunk of stream) {
  process.stdout.write(chunk.choices[0]?.delta?.content ?? "");
}`;
  return (
    <section aria-labelledby="snippet-heading" className="rounded-2xl border border-stone-200 bg-white p-5">
      <h2 id="snippet-heading" className="font-semibold">
        Use it with the OpenAI SDK
      </h2>
      <p className="mt-1 text-sm text-stone-600">
        Cairn speaks OpenAI&apos;s Chat Completions API at <code className="break-all rounded bg-stone-100 px-1 py-0.5">{baseUrl}</code>,
        for every model of your plan (Claude too). Answers are paid from this workspace&apos;s credits.
      </p>
      <pre className="mt-3 overflow-x-auto rounded-lg bg-stone-900 p-4 text-xs leading-relaxed text-stone-100">
        <code>{code}</code>
      </pre>
      <p className="mt-3 text-sm text-stone-600">
        Add <code className="rounded bg-stone-100 px-1 py-0.5">knowledge_base_ids</code> or{" "}
        <code className="rounded bg-stone-100 px-1 py-0.5">document_ids</code> to the request to ground the answer in this workspace&apos;s
        documents; its sources come back in <code className="rounded bg-stone-100 px-1 py-0.5">sources</code>.
      </p>
    </section>
  );
}
