// One knowledge base: its documents (add, remove), name, and deletion.
import { useEffect } from "react";
import { Form, Link, useActionData } from "react-router";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "~/components/ui/button";
import { formAction, parseForm, readFormData } from "~/modules/http/form.server";
import { redirectWithToast } from "~/modules/http/toast.server";
import { listDocuments } from "~/modules/rag/documents.server";
import { requireKnowledgeBasePage } from "~/modules/rag/guard.server";
import {
  addDocuments,
  deleteKnowledgeBase,
  listKnowledgeBaseDocuments,
  removeDocuments,
  toKnowledgeBaseView,
  updateKnowledgeBase,
} from "~/modules/rag/knowledge-bases.server";
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
      case "delete":
        deleteKnowledgeBase(kb);
        throw await redirectWithToast(`/w/${membership.workspace.id}/documents`, { type: "success", message: `Deleted “${kb.name}”.` });
    }
  });
}

export default function KnowledgeBasePage({ loaderData }: Route.ComponentProps) {
  const { workspaceId, knowledgeBase, documents, others } = loaderData;
  const result = useActionData<typeof action>();
  useEffect(() => {
    if (result?.ok) toast.success(result.message);
    else if (result) toast.error(result.error);
  }, [result]);
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <div>
        <Link to={`/w/${workspaceId}/documents`} className="text-sm text-brand-700 underline">
          ← Documents
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">{knowledgeBase.name}</h1>
        {knowledgeBase.description && <p className="mt-1 text-sm text-stone-600">{knowledgeBase.description}</p>}
      </div>
      <section aria-labelledby="kb-docs" className="rounded-2xl border border-stone-200 bg-white">
        <h2 id="kb-docs" className="border-b border-stone-200 px-5 py-3 text-sm font-semibold">
          Documents ({documents.length})
        </h2>
        <ul className="divide-y divide-stone-100">
          {documents.map((d) => (
            <li key={d.id} className="flex items-center justify-between gap-2 px-5 py-2 text-sm">
              <Link to={`/w/${workspaceId}/documents/${d.id}`} className="truncate text-brand-700 underline">
                {d.title}
              </Link>
              <Form method="post">
                <input type="hidden" name="documentId" value={d.id} />
                <Button type="submit" name="intent" value="remove" variant="ghost" className="px-2 py-1 text-xs">
                  Remove
                </Button>
              </Form>
            </li>
          ))}
        </ul>
        {others.length > 0 && (
          <Form method="post" className="flex gap-2 border-t border-stone-100 px-5 py-3">
            <input type="hidden" name="intent" value="add" />
            <label htmlFor="add-document" className="sr-only">
              Document to add
            </label>
            <select id="add-document" name="documentId" className="min-w-0 flex-1 rounded-lg border border-stone-300 px-2 py-1.5 text-sm">
              {others.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.title}
                </option>
              ))}
            </select>
            <Button type="submit">Add</Button>
          </Form>
        )}
      </section>
      <section aria-labelledby="kb-settings" className="flex flex-col gap-3 rounded-2xl border border-stone-200 bg-white p-5">
        <h2 id="kb-settings" className="font-semibold">
          Name and description
        </h2>
        <Form method="post" className="flex flex-col gap-2">
          <input type="hidden" name="intent" value="rename" />
          <label htmlFor="kb-name" className="text-sm font-medium">
            Name
          </label>
          <input
            id="kb-name"
            name="name"
            defaultValue={knowledgeBase.name}
            required
            maxLength={120}
            className="rounded-lg border border-stone-300 px-3 py-2 text-sm"
          />
          <label htmlFor="kb-description" className="text-sm font-medium">
            Description
          </label>
          <textarea
            id="kb-description"
            name="description"
            defaultValue={knowledgeBase.description}
            rows={2}
            className="rounded-lg border border-stone-300 px-3 py-2 text-sm"
          />
          <Button type="submit" className="self-start">
            Save
          </Button>
        </Form>
        <Form
          method="post"
          onSubmit={(e) => {
            if (!confirm(`Delete “${knowledgeBase.name}”? Its documents stay.`)) e.preventDefault();
          }}
        >
          <input type="hidden" name="intent" value="delete" />
          <Button type="submit" variant="danger">
            Delete knowledge base
          </Button>
        </Form>
      </section>
    </div>
  );
}
