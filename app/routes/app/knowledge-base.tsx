// One knowledge base: its documents (add, remove), name, and deletion.
import { useEffect } from "react";
import { Form, Link, useActionData } from "react-router";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "~/components/ui/button";
import { Card, CardList, CardListItem } from "~/components/ui/card";
import { KnowledgeBaseTeams } from "~/components/documents/knowledge-base-teams";
import { ConfirmButton } from "~/components/ui/confirm-button";
import { Field, Select, Textarea } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { formAction, parseForm, readFormData } from "~/modules/http/form.server";
import { redirectWithToast } from "~/modules/http/toast.server";
import { listDocuments } from "~/modules/rag/documents.server";
import { requireKnowledgeBasePage } from "~/modules/rag/guard.server";
import {
  addDocuments,
  deleteKnowledgeBase,
  listKnowledgeBaseDocuments,
  listKnowledgeBaseTeams,
  removeDocuments,
  shareKnowledgeBaseWithTeam,
  toKnowledgeBaseView,
  unshareKnowledgeBase,
  updateKnowledgeBase,
} from "~/modules/rag/knowledge-bases.server";
import { canManageContent } from "~/modules/workspaces/permissions";
import { listTeams } from "~/modules/workspaces/teams.server";
import { requireWorkspacePage } from "~/modules/workspaces/guard.server";
import type { Route } from "./+types/knowledge-base";

export const meta = ({ loaderData }: Route.MetaArgs) => [{ title: `${loaderData?.knowledgeBase.name ?? "Knowledge base"} · Cairn` }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const membership = await requireWorkspacePage(request, params);
  const kb = requireKnowledgeBasePage(membership, params.knowledgeBaseId);
  const inside = listKnowledgeBaseDocuments(kb);
  const insideIds = new Set(inside.map((d) => d.id));
  return {
    workspaceId: membership.workspace.id,
    knowledgeBase: toKnowledgeBaseView(kb),
    documents: inside,
    others: listDocuments(membership).filter((d) => !insideIds.has(d.id)),
    // Shared with teams, a knowledge base is theirs (and its creator's, owners' and admins') only.
    sharedWithTeams: listKnowledgeBaseTeams(kb),
    teams: listTeams(membership).map((t) => ({ id: t.id, name: t.name })),
    canShare: canManageContent(membership.role, kb.createdBy, membership.user.id),
  };
}

const intentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), documentId: z.uuid("Choose a document") }),
  z.object({ intent: z.literal("remove"), documentId: z.uuid() }),
  z.object({
    intent: z.literal("rename"),
    name: z.string().trim().min(1, "Name it").max(120),
    description: z.string().trim().max(2000).optional(),
  }),
  z.object({ intent: z.literal("delete") }),
  z.object({ intent: z.literal("share-team"), teamId: z.uuid("Choose a team") }),
  z.object({ intent: z.literal("unshare-team"), teamId: z.uuid() }),
]);

export async function action({ request, params }: Route.ActionArgs) {
  const membership = await requireWorkspacePage(request, params);
  const kb = requireKnowledgeBasePage(membership, params.knowledgeBaseId);
  return formAction(async () => {
    const input = parseForm(await readFormData(request), intentSchema);
    switch (input.intent) {
      case "add":
        addDocuments(membership, kb, [input.documentId]);
        return { ok: true as const, message: "Document added." };
      case "remove":
        removeDocuments(membership, kb, [input.documentId]);
        return { ok: true as const, message: "Document removed from this knowledge base." };
      case "rename":
        updateKnowledgeBase(kb, { name: input.name, description: input.description });
        return { ok: true as const, message: "Saved." };
      case "share-team":
        shareKnowledgeBaseWithTeam(membership, kb, input.teamId);
        return { ok: true as const, message: "Shared: only the teams it is shared with (and owners and admins) see it now." };
      case "unshare-team":
        unshareKnowledgeBase(membership, kb, input.teamId);
        return { ok: true as const, message: "No longer shared with that team." };
      case "delete":
        deleteKnowledgeBase(membership, kb);
        throw await redirectWithToast(`/w/${membership.workspace.id}/documents`, { type: "success", message: `Deleted “${kb.name}”.` });
    }
  });
}

export default function KnowledgeBasePage({ loaderData }: Route.ComponentProps) {
  const { workspaceId, knowledgeBase, documents, others, sharedWithTeams, teams, canShare } = loaderData;
  const result = useActionData<typeof action>();
  useEffect(() => {
    if (result?.ok) toast.success(result.message);
    else if (result) toast.error(result.error);
  }, [result]);
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-6">
      <PageHeader
        back={{ to: `/w/${workspaceId}/documents`, label: "Documents" }}
        title={knowledgeBase.name}
        description={knowledgeBase.description || undefined}
      />
      <Card title={`Documents (${documents.length})`} flush>
        {documents.length === 0 && <p className="px-5 py-4 text-sm text-stone-600">No documents in it yet.</p>}
        <CardList>
          {documents.map((d) => (
            <CardListItem key={d.id} className="flex-nowrap py-2">
              <Link to={`/w/${workspaceId}/documents/${d.id}`} className="min-w-0 truncate text-brand-700 underline">
                {d.title}
              </Link>
              <Form method="post">
                <input type="hidden" name="documentId" value={d.id} />
                <Button type="submit" name="intent" value="remove" variant="ghost" size="sm" aria-label={`Remove ${d.title}`}>
                  Remove
                </Button>
              </Form>
            </CardListItem>
          ))}
        </CardList>
        {others.length > 0 && (
          <Form method="post" className="flex gap-2 border-t border-stone-100 px-5 py-3">
            <input type="hidden" name="intent" value="add" />
            <label htmlFor="add-document" className="sr-only">
              Document to add
            </label>
            <Select id="add-document" name="documentId" className="min-w-0 flex-1">
              {others.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.title}
                </option>
              ))}
            </Select>
            <Button type="submit">Add</Button>
          </Form>
        )}
      </Card>
      <KnowledgeBaseTeams sharedWithTeams={sharedWithTeams} teams={teams} canShare={canShare} />
      <Card title="Name and description">
        <Form method="post" className="flex flex-col gap-3">
          <input type="hidden" name="intent" value="rename" />
          <Field label="Name" name="name" defaultValue={knowledgeBase.name} required maxLength={120} />
          <div className="flex flex-col gap-1.5">
            <label htmlFor="kb-description" className="text-sm font-medium text-stone-800">
              Description
            </label>
            <Textarea id="kb-description" name="description" defaultValue={knowledgeBase.description} rows={2} />
          </div>
          <Button type="submit" className="self-start">
            Save
          </Button>
        </Form>
      </Card>
      <Card title="Delete knowledge base" tone="danger" description="Its documents stay in the workspace.">
        <Form method="post">
          <ConfirmButton
            name="intent"
            value="delete"
            title={`Delete “${knowledgeBase.name}”?`}
            description="Chats it is attached to stop drawing on it. Its documents stay."
            confirmLabel="Delete"
          >
            Delete knowledge base
          </ConfirmButton>
        </Form>
      </Card>
    </div>
  );
}
