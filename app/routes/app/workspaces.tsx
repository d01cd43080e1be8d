import { Form, Link, useActionData, useNavigation } from "react-router";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card, CardList } from "~/components/ui/card";
import { Field } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { requirePageUser } from "~/modules/auth/guard.server";
import { formAction, parseForm, readFormData } from "~/modules/http/form.server";
import { redirectWithToast } from "~/modules/http/toast.server";
import { workspaceInputSchema } from "~/modules/workspaces/schemas";
import { createWorkspaceForPerson, listWorkspaces } from "~/modules/workspaces/workspaces.server";
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
    const workspace = await createWorkspaceForPerson(user.id, name);
    throw await redirectWithToast(`/w/${workspace.id}`, { type: "success", message: `Workspace “${workspace.name}” created.` });
  });
}

export default function Workspaces({ loaderData }: Route.ComponentProps) {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Your workspaces" description="Each workspace has its own chats, documents, members and credits." />
      <div className="grid gap-6 md:grid-cols-[1fr_20rem]">
        <Card title={`Workspaces (${loaderData.workspaces.length})`} flush className="h-fit">
          <CardList>
            {loaderData.workspaces.map((w) => (
              <li key={w.id}>
                <Link to={`/w/${w.id}`} className="flex items-center justify-between gap-3 px-5 py-3 text-sm hover:bg-stone-50">
                  <span className="min-w-0 font-medium break-words">{w.name}</span>
                  <span className="flex shrink-0 items-center gap-2 text-stone-500">
                    {w.isPersonal && <Badge>personal</Badge>}
                    <span className="capitalize">{w.role}</span>
                  </span>
                </Link>
              </li>
            ))}
          </CardList>
        </Card>
        <Card title="New workspace" description="For a team or a project. You will be its owner." className="h-fit">
          <Form method="post" className="flex flex-col gap-3">
            {result && !result.ok && !result.fieldErrors.name && <Alert tone="error">{result.error}</Alert>}
            <Field label="Workspace name" name="name" required maxLength={80} error={result?.fieldErrors.name} />
            <Button type="submit" disabled={busy}>
              {busy ? "Creating…" : "Create workspace"}
            </Button>
          </Form>
        </Card>
      </div>
    </div>
  );
}
