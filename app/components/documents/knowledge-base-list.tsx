import { useEffect } from "react";
import { Form, Link, useActionData, useNavigation } from "react-router";
import { toast } from "sonner";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Input } from "~/components/ui/field";
import type { DocumentView } from "~/modules/rag/documents.server";
import type { KnowledgeBaseView } from "~/modules/rag/knowledge-bases.server";
import type { action } from "../../routes/app/documents";

/** The workspace's knowledge bases, and a form to make one from chosen documents. */
export function KnowledgeBaseList({
  workspaceId,
  knowledgeBases,
  documents,
}: {
  workspaceId: string;
  knowledgeBases: KnowledgeBaseView[];
  documents: DocumentView[];
}) {
  const navigation = useNavigation();
  const creating = navigation.formData?.get("intent") === "create-knowledge-base";
  const result = useActionData<typeof action>();
  useEffect(() => {
    if (result?.ok) toast.success(result.message);
    else if (result) toast.error(result.error);
  }, [result]);
  return (
    <Card
      title="Knowledge bases"
      description="Named sets of documents. Attach one to a chat and every answer there draws on it."
      bodyClassName="flex flex-col gap-4"
    >
      {knowledgeBases.length > 0 ? (
        <ul className="flex flex-col gap-1 text-sm">
          {knowledgeBases.map((kb) => (
            <li key={kb.id}>
              <Link to={`/w/${workspaceId}/knowledge-bases/${kb.id}`} className="font-medium break-words text-brand-700 underline">
                {kb.name}
              </Link>{" "}
              <span className="text-xs text-stone-500">
                {kb.documentCount} {kb.documentCount === 1 ? "document" : "documents"}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-stone-500">No knowledge bases yet.</p>
      )}
      <Form method="post" className="flex flex-col gap-3 border-t border-stone-100 pt-4">
        <input type="hidden" name="intent" value="create-knowledge-base" />
        <label htmlFor="kb-name" className="text-sm font-medium">
          New knowledge base
        </label>
        <Input id="kb-name" name="name" required maxLength={120} placeholder="e.g. Trail guides" />
        {documents.length > 0 && (
          <fieldset className="flex flex-col gap-1 text-sm">
            <legend className="mb-1 text-sm font-medium">With these documents</legend>
            {documents.map((d) => (
              <label key={d.id} className="flex items-center gap-2 break-all">
                <input type="checkbox" name="documentIds" value={d.id} className="accent-brand-600" /> {d.title}
              </label>
            ))}
          </fieldset>
        )}
        <Button type="submit" disabled={creating} className="self-start">
          Create knowledge base
        </Button>
      </Form>
    </Card>
  );
}
