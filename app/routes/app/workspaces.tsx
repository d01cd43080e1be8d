import { Form, Link, useActionData, useNavigation } from "react-router";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { requirePageUser } from "~/modules/auth/guard.server";
import { formAction, parseForm, readFormData } from "~/modules/http/form.server";
import { redirectWithToast } from "~/modules/http/toast.server";
import { workspaceInputSchema } from "~/modules/workspaces/schemas";
import { createWorkspace, listWorkspaces } from "~/modules/workspaces/workspaces.server";
import type { Route } from "./+types/workspaces";

export const meta = () => [{ title: "Workspaces · Cairn" }];

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requirePageUser(request);
  return { workspaces: listWorkspaces(user.id) };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requirePageUser(request);
  return formAction(async () => {
    const { name } = parseForm(await readFormData(request), workspaceInputSchema);
    const workspace = createWorkspace(user.id, name);
    throw await redirectWithToast(`/w/${workspace.id}`, { type: "success", message: `Workspace “${workspace.name}” created.` });
  });
}

export default function Workspaces({ loaderData }: Route.ComponentProps) {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="grid gap-8 md:grid-cols-[1fr_20rem]">
      <section aria-labelledby="list-heading">
        <h1 id="list-heading" className="text-2xl font-semibold tracking-tight">
          Your workspaces
        </h1>
        <ul className="mt-4 divide-y divide-stone-100 rounded-2xl border border-stone-200 bg-white">
          {loaderData.workspaces.map((w) => (
            <li key={w.id}>
              <Link to={`/w/${w.id}`} className="flex items-center justify-between gap-2 px-5 py-3 text-sm hover:bg-stone-50">
                <span className="font-medium">{w.name}</span>
                <span className="text-stone-500">
                  {w.isPersonal ? "personal · " : ""}
                  {w.role}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="create-heading" className="h-fit rounded-2xl border border-stone-200 bg-white p-5">
        <h2 id="create-heading" className="font-semibold">
          New workspace
        </h2>
        <p className="mt-1 text-sm text-stone-600">For a team or a project. You will be its owner.</p>
        <Form method="post" className="mt-4 flex flex-col gap-3">
          {result && !result.ok && !result.fieldErrors.name && <Alert tone="error">{result.error}</Alert>}
          <Field label="Workspace name" name="name" required maxLength={80} error={result?.fieldErrors.name} />
          <Button type="submit" disabled={busy}>
            {busy ? "Creating…" : "Create workspace"}
          </Button>
        </Form>
      </section>
    </div>
  );
}
