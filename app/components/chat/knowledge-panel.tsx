// The knowledge bases a chat draws on (the header's "Knowledge" opens it).
import { Link, useFetcher } from "react-router";
import { useActionToast } from "./action-toast";
import type { KnowledgeBaseOption } from "./chat-header";

export default function KnowledgePanel({
  knowledgeBases,
  attached,
  workspaceId,
}: {
  knowledgeBases: KnowledgeBaseOption[];
  attached: string[];
  workspaceId: string;
}) {
  const fetcher = useFetcher();
  useActionToast(fetcher);
  return (
    <>
      <h2 className="text-sm font-semibold">Knowledge bases of this chat</h2>
      <p className="mt-1 text-xs text-stone-500">Attached ones ground every answer in this chat.</p>
      {knowledgeBases.length === 0 ? (
        <p className="mt-3 text-sm text-stone-600">
          None in this workspace yet.{" "}
          <Link to={`/w/${workspaceId}/documents`} className="text-brand-700 underline">
            Create one
          </Link>
          .
        </p>
      ) : (
        <ul className="mt-3 flex flex-col gap-1">
          {knowledgeBases.map((kb) => {
            const isAttached = attached.includes(kb.id);
            return (
              <li key={kb.id}>
                <fetcher.Form method="post" className="flex items-center justify-between gap-2 text-sm">
                  <input type="hidden" name="knowledgeBaseId" value={kb.id} />
                  <span className="truncate">
                    {kb.name} <span className="text-xs text-stone-500">({kb.documentCount})</span>
                  </span>
                  <button
                    type="submit"
                    name="intent"
                    value={isAttached ? "detach" : "attach"}
                    className="shrink-0 rounded-lg border border-stone-300 px-2 py-1 text-xs font-medium hover:bg-stone-100"
                  >
                    {isAttached ? "Detach" : "Attach"}
                  </button>
                </fetcher.Form>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
