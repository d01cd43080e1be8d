import { Form, useActionData, useNavigation } from "react-router";
import { z } from "zod";
import { Alert } from "~/components/ui/alert";
import { Button, ButtonLink } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { ConfirmButton } from "~/components/ui/confirm-button";
import { Field } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { formAction, parseForm, readFormData } from "~/modules/http/form.server";
import { redirectWithToast } from "~/modules/http/toast.server";
import { requireWorkspacePage } from "~/modules/workspaces/guard.server";
import { moveCreditsFromPersonal, transferableCredits } from "~/modules/workspaces/credit-transfer.server";
import { leaveRefusal, leaveWorkspace } from "~/modules/workspaces/members.server";
import { can } from "~/modules/workspaces/permissions";
import { creditTransferFormSchema, workspaceInputSchema } from "~/modules/workspaces/schemas";
import { deleteWorkspace, renameWorkspace, toWorkspaceView } from "~/modules/workspaces/workspaces.server";
import type { Route } from "./+types/workspace-settings";

export const meta = ({ loaderData }: Route.MetaArgs) => [{ title: `Settings · ${loaderData?.workspace.name ?? "Workspace"} · Cairn` }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const membership = await requireWorkspacePage(request, params);
  const canTransfer = can(membership.role, "credits.transferIn") && !membership.workspace.isPersonal;
  return {
    workspace: toWorkspaceView(membership),
    leaveRefusal: leaveRefusal(membership),
    // What the owner's personal workspace could move here now.
    transferable: canTransfer ? transferableCredits(membership) : null,
  };
}

const intentSchema = z.discriminatedUnion("intent", [
  workspaceInputSchema.extend({ intent: z.literal("rename") }),
  z.object({ intent: z.literal("delete"), confirm: z.string() }),
  z.object({ intent: z.literal("leave") }),
  creditTransferFormSchema.extend({ intent: z.literal("transfer") }),
]);

export async function action({ request, params }: Route.ActionArgs) {
  const membership = await requireWorkspacePage(request, params);
  return formAction(async () => {
    const input = parseForm(await readFormData(request), intentSchema);
    if (input.intent === "rename") {
      const workspace = renameWorkspace(membership, input.name);
      return { ok: true as const, message: `Renamed to “${workspace.name}”.` };
    }
    if (input.intent === "transfer") {
      const moved = moveCreditsFromPersonal(membership, input.amount);
      return { ok: true as const, message: `Moved ${moved.amount.toLocaleString("en")} credits here from your personal workspace.` };
    }
    if (input.intent === "leave") {
      leaveWorkspace(membership);
      throw await redirectWithToast("/app", { type: "success", message: `You left “${membership.workspace.name}”.` });
    }
    if (input.confirm !== membership.workspace.name)
      return {
        ok: false as const,
        error: "Type the workspace name exactly to confirm.",
        fieldErrors: { confirm: "Does not match the name" } as Record<string, string>,
      };
    deleteWorkspace(membership);
    throw await redirectWithToast("/app", { type: "success", message: `Workspace “${membership.workspace.name}” deleted.` });
  });
}

export default function WorkspaceSettings({ loaderData }: Route.ComponentProps) {
  const { workspace, transferable } = loaderData;
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const canManage = can(workspace.role, "workspace.rename");
  const canDelete = can(workspace.role, "workspace.delete") && !workspace.isPersonal;
  const fieldErrors = result && !result.ok ? result.fieldErrors : {};
  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-6">
      <PageHeader title="Workspace settings" description={workspace.name} />
      {result?.ok && <Alert tone="success">{result.message}</Alert>}
      {result && !result.ok && !Object.keys(result.fieldErrors).length && <Alert tone="error">{result.error}</Alert>}

      <Card title="Name">
        {canManage ? (
          <Form method="post" className="flex flex-col gap-3 sm:flex-row sm:items-end">
            <input type="hidden" name="intent" value="rename" />
            <Field
              label="Workspace name"
              name="name"
              defaultValue={workspace.name}
              key={workspace.name}
              required
              maxLength={80}
              className="flex-1"
              error={fieldErrors.name}
            />
            <Button type="submit" disabled={busyIntent === "rename"} className="self-start sm:self-auto">
              {busyIntent === "rename" ? "Saving…" : "Rename"}
            </Button>
          </Form>
        ) : (
          <p className="text-sm text-stone-600">Only an owner or admin can rename this workspace.</p>
        )}
      </Card>

      <Card
        title="API keys"
        description="Use this workspace from scripts and other apps, through Cairn's API or its OpenAI-compatible /v1."
      >
        <ButtonLink to={`/w/${workspace.id}/settings/api-keys`} variant="secondary">
          Manage API keys
        </ButtonLink>
      </Card>

      {transferable !== null && (
        <Card
          title="Credits"
          description={`The free monthly credits land in your personal workspace. Move some here so this workspace can use them (${transferable.toLocaleString("en")} available).`}
        >
          <Form method="post" className="flex flex-col gap-3 sm:flex-row sm:items-end">
            <input type="hidden" name="intent" value="transfer" />
            <Field
              label="Credits to move here"
              name="amount"
              type="number"
              min={1}
              max={Math.max(1, transferable)}
              step={1}
              required
              className="flex-1"
              error={fieldErrors.amount}
            />
            <Button type="submit" disabled={busyIntent === "transfer" || transferable < 1} className="self-start sm:self-auto">
              {busyIntent === "transfer" ? "Moving…" : "Move credits"}
            </Button>
          </Form>
        </Card>
      )}

      <Card title="Leave workspace">
        {loaderData.leaveRefusal ? (
          <p className="text-sm text-stone-600">{loaderData.leaveRefusal}.</p>
        ) : (
          <Form method="post" className="flex flex-col gap-3">
            <p className="text-sm text-stone-600">
              You lose access at once, and your API keys for this workspace stop working. Your chats stay with the workspace.
            </p>
            <ConfirmButton
              name="intent"
              value="leave"
              variant="danger"
              triggerVariant="secondary"
              triggerClassName="self-start"
              title={`Leave “${workspace.name}”?`}
              description="You lose access at once; your chats stay with the workspace. Someone must invite you to come back."
              confirmLabel="Leave"
              disabled={busyIntent === "leave"}
            >
              {busyIntent === "leave" ? "Leaving…" : "Leave this workspace"}
            </ConfirmButton>
          </Form>
        )}
      </Card>

      <Card title="Delete workspace" tone="danger">
        {workspace.isPersonal ? (
          <p className="text-sm text-stone-600">Your personal workspace stays with your account and cannot be deleted.</p>
        ) : canDelete ? (
          <Form method="post" className="flex flex-col gap-3">
            <p className="text-sm text-stone-600">This removes the workspace for every member. It cannot be undone.</p>
            <input type="hidden" name="intent" value="delete" />
            <Field label={`Type “${workspace.name}” to confirm`} name="confirm" autoComplete="off" required error={fieldErrors.confirm} />
            <Button type="submit" variant="danger" disabled={busyIntent === "delete"} className="self-start">
              {busyIntent === "delete" ? "Deleting…" : "Delete this workspace"}
            </Button>
          </Form>
        ) : (
          <p className="text-sm text-stone-600">Only an owner can delete this workspace.</p>
        )}
      </Card>
    </div>
  );
}
