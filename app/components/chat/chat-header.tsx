// The bar above the conversation: the chat list button, the chat's title
// (renamed in place), its knowledge bases, sharing, and a menu for the rest.
import { Suspense, lazy, useState } from "react";
import { Link, useFetcher } from "react-router";
import type { ChatView } from "~/modules/chat/chats.server";
import { useActionToast } from "./action-toast";
import { BookIcon, DotsIcon, MenuIcon, ShareIcon, SidebarIcon } from "./icons";
import { ChatActionsMenu } from "./chat-actions-menu";
import { Popover } from "../ui/popover";
import { RenameChatForm } from "./rename-chat-form";

const DeleteChatDialog = lazy(() => import("./delete-chat-dialog"));
const KnowledgePanel = lazy(() => import("./knowledge-panel"));

export type KnowledgeBaseOption = { id: string; name: string; documentCount: number };

const headerButton = "flex shrink-0 items-center gap-1.5 rounded-lg px-2.5 py-1.5 text-sm text-stone-700 hover:bg-stone-100";

export function ChatHeader({
  chat,
  workspaceId,
  canManage,
  sidebarCollapsed,
  onOpenChats,
  onExpandSidebar,
  onShare,
  onOpenSettings,
  knowledgeBases,
  attachedKnowledgeBaseIds,
}: {
  chat: ChatView | null;
  workspaceId: string;
  canManage: boolean;
  sidebarCollapsed: boolean;
  onOpenChats: () => void;
  onExpandSidebar: () => void;
  onShare: () => void;
  onOpenSettings: () => void;
  knowledgeBases: KnowledgeBaseOption[];
  attachedKnowledgeBaseIds: string[];
}) {
  const fetcher = useFetcher();
  useActionToast(fetcher);
  const [renaming, setRenaming] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const pendingTitle = fetcher.formData?.get("intent") === "rename" ? String(fetcher.formData.get("title")) : null;
  const title = pendingTitle ?? chat?.title ?? "New chat";
  const sharedWith = chat ? [...chat.sharedWith.map((p) => p.name ?? p.email), ...chat.sharedWithTeams.map((t) => `team ${t.name}`)] : [];

  return (
    <header className="flex h-14 shrink-0 items-center gap-1 border-b border-stone-200/80 px-2 sm:px-3">
      <button
        type="button"
        onClick={onOpenChats}
        aria-label="Open chats"
        className="rounded-lg p-2 text-stone-600 hover:bg-stone-100 md:hidden"
      >
        <MenuIcon className="h-5 w-5" />
      </button>
      {sidebarCollapsed && (
        <>
          <button
            type="button"
            onClick={onExpandSidebar}
            aria-label="Show chats"
            title="Show chats"
            className="hidden rounded-lg p-2 text-stone-600 hover:bg-stone-100 md:block"
          >
            <SidebarIcon className="h-5 w-5" />
          </button>
          <Link to={`/w/${workspaceId}/chats`} className="hidden rounded-lg px-2 py-1.5 text-sm text-stone-700 hover:bg-stone-100 md:block">
            New chat
          </Link>
        </>
      )}
      {renaming && chat ? (
        <RenameChatForm
          fetcher={fetcher}
          title={chat.title}
          inputId="chat-title"
          onDone={() => setRenaming(false)}
          className="flex min-w-0 flex-1 items-center gap-2"
          inputClassName="min-w-0 flex-1 rounded-lg border border-stone-300 px-3 py-1.5 text-sm"
          submit={
            <button type="submit" className="rounded-lg bg-stone-900 px-3 py-1.5 text-sm font-medium text-white">
              Save
            </button>
          }
        />
      ) : (
        <div className="min-w-0 flex-1 px-1">
          <h1 className="truncate text-base font-semibold text-stone-900">{title}</h1>
          {sharedWith.length > 0 && <p className="truncate text-xs text-stone-500">Shared with {sharedWith.join(", ")}</p>}
        </div>
      )}
      {chat && (
        <>
          <KnowledgeMenu knowledgeBases={knowledgeBases} attached={attachedKnowledgeBaseIds} workspaceId={workspaceId} />
          {/* Sharing, the title, the pin and the settings are everyone's view of the chat: its creator's or an admin's. */}
          {canManage && (
            <>
              <button type="button" onClick={onShare} className={headerButton} aria-label={chat.isPublic ? "Shared (public)" : "Share"}>
                <ShareIcon />
                <span className="max-sm:sr-only">{chat.isPublic ? "Shared" : "Share"}</span>
              </button>
              <ChatActionsMenu
                label="Chat options"
                pinned={chat.pinned}
                onRename={() => setRenaming(true)}
                onTogglePin={() => void fetcher.submit({ intent: "pin", pinned: String(!chat.pinned) }, { method: "post" })}
                onOpenSettings={onOpenSettings}
                onDelete={() => setConfirming(true)}
                triggerClassName="rounded-lg p-2 text-stone-600 hover:bg-stone-100"
                panelClassName="w-48 p-1"
                trigger={<DotsIcon className="h-5 w-5" />}
              />
            </>
          )}
          {confirming && (
            <Suspense fallback={null}>
              <DeleteChatDialog title={chat.title} stay={false} onClose={() => setConfirming(false)} />
            </Suspense>
          )}
        </>
      )}
    </header>
  );
}

function KnowledgeMenu({
  knowledgeBases,
  attached,
  workspaceId,
}: {
  knowledgeBases: KnowledgeBaseOption[];
  attached: string[];
  workspaceId: string;
}) {
  const count = attached.length;
  return (
    <Popover
      placement="down-end"
      sheetOnPhone
      panelLabel="Knowledge bases of this chat"
      triggerLabel={count ? `Knowledge (${count} attached)` : "Knowledge"}
      triggerClassName={headerButton}
      panelClassName="w-80 max-w-[calc(100vw-2rem)] p-4"
      trigger={
        <>
          <BookIcon />
          <span className="max-sm:sr-only">Knowledge</span>
          {count > 0 && <span className="rounded-full bg-brand-100 px-1.5 text-xs font-medium text-brand-700">{count}</span>}
        </>
      }
    >
      <Suspense fallback={<p className="text-sm text-stone-500">Loading…</p>}>
        <KnowledgePanel knowledgeBases={knowledgeBases} attached={attached} workspaceId={workspaceId} />
      </Suspense>
    </Popover>
  );
}
