// The list of chats beside the conversation: a new chat, search, and the
// chats grouped by when they were last used (pinned ones first), each with a
// menu to rename, share, pin or delete it. A column on wide screens (it can
// be collapsed), a drawer on phones.
import { Suspense, lazy, useEffect, useRef, useState } from "react";
import { Form, Link, NavLink, useFetcher, useNavigate, useSearchParams } from "react-router";
import type { ChatListItem } from "~/modules/chat/chats.server";
import { BookIcon, CloseIcon, KeyboardIcon, PlusIcon, SearchIcon, SidebarIcon } from "./icons";
import { useActionToast } from "./action-toast";
import { groupChats } from "./chat-groups";
import { ChatActionsMenu } from "./chat-actions-menu";
import { useDismiss } from "../ui/popover";
import { RenameChatForm } from "./rename-chat-form";

const DeleteChatDialog = lazy(() => import("./delete-chat-dialog"));

export function Sidebar({
  workspaceId,
  chats,
  q,
  activeId,
  serverNow,
  drawerOpen,
  onCloseDrawer,
  onCollapse,
  onShowShortcuts,
  onManagePrompts,
}: {
  workspaceId: string;
  chats: ChatListItem[];
  q: string;
  activeId?: string;
  serverNow: string;
  drawerOpen: boolean;
  onCloseDrawer: () => void;
  onCollapse: () => void;
  onShowShortcuts: () => void;
  onManagePrompts: () => void;
}) {
  const [, setSearchParams] = useSearchParams();
  const [now, setNow] = useState({ time: Date.parse(serverNow), local: false });
  useEffect(() => setNow({ time: Date.now(), local: true }), []); // eslint-disable-line react-hooks/set-state-in-effect -- the reader's clock and zone, after hydration
  const aside = useRef<HTMLElement>(null);
  useDismiss(drawerOpen, [aside], onCloseDrawer);
  // The list follows the typing once it pauses, not on every key (each search reloads the chat screen's data).
  const searchTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(searchTimer.current), []);
  const searchFor = (value: string) => {
    clearTimeout(searchTimer.current);
    searchTimer.current = setTimeout(() => setSearchParams(value ? { q: value } : {}, { replace: true, preventScrollReset: true }), 250);
  };

  const groups = groupChats(chats, now.time, now.local);
  return (
    <>
      {drawerOpen && <div aria-hidden className="fixed inset-0 z-30 bg-black/30 md:hidden" />}
      <aside
        ref={aside}
        aria-label="Chats"
        className={`${drawerOpen ? "fixed inset-y-0 left-0 z-40 flex w-[85vw] max-w-xs shadow-xl" : "hidden"} flex-col border-r border-stone-200 bg-stone-50 md:static md:z-auto md:flex md:w-64 md:max-w-none md:shadow-none`}
      >
        <div className="flex items-center gap-1 px-3 pt-3">
          <Link
            to={`/w/${workspaceId}/chats`}
            className="flex flex-1 items-center gap-2 rounded-lg px-3 py-2 text-sm font-medium text-stone-800 hover:bg-stone-200/70"
          >
            <PlusIcon className="h-4 w-4" /> New chat
          </Link>
          <button
            type="button"
            onClick={onCollapse}
            aria-label="Hide chats"
            title="Hide chats"
            className="hidden rounded-lg p-2 text-stone-500 hover:bg-stone-200/70 md:block"
          >
            <SidebarIcon />
          </button>
          <button
            type="button"
            onClick={onCloseDrawer}
            aria-label="Close chats"
            className="rounded-lg p-2 text-stone-500 hover:bg-stone-200/70 md:hidden"
          >
            <CloseIcon />
          </button>
        </div>
        <Form role="search" method="get" className="px-3 py-2">
          <label htmlFor="chat-search" className="sr-only">
            Search chats
          </label>
          <div className="flex items-center gap-2 rounded-lg border border-stone-200 bg-white px-2.5">
            <SearchIcon className="h-4 w-4 text-stone-400" />
            <input
              id="chat-search"
              type="search"
              name="q"
              defaultValue={q}
              // Results follow the typing; Enter (without JavaScript, the form) does the same.
              onChange={(e) => searchFor(e.currentTarget.value.trim())}
              placeholder="Search chats"
              className="min-w-0 flex-1 bg-transparent py-1.5 text-sm focus:outline-none"
            />
          </div>
        </Form>
        <nav aria-label="Chat history" className="min-h-0 flex-1 overflow-y-auto px-2 pb-3">
          {groups.length === 0 && <p className="px-3 py-2 text-sm text-stone-500">{q ? `No chat mentions “${q}”.` : "No chats yet."}</p>}
          {groups.map((group) => (
            <section key={group.label} aria-label={group.label} className="mt-3 first:mt-1">
              <h2 className="px-3 pb-1 text-xs font-medium text-stone-500">{group.label}</h2>
              <ul className="flex flex-col gap-px">
                {group.chats.map((chat) => (
                  <ChatItem key={chat.id} chat={chat} workspaceId={workspaceId} q={q} active={chat.id === activeId} />
                ))}
              </ul>
            </section>
          ))}
        </nav>
        <div className="flex flex-col gap-px border-t border-stone-200 p-2 text-sm">
          <button
            type="button"
            onClick={onManagePrompts}
            className="flex items-center gap-2 rounded-lg px-3 py-2 text-stone-700 hover:bg-stone-200/70"
          >
            <BookIcon /> Saved prompts
          </button>
          <button
            type="button"
            onClick={onShowShortcuts}
            className="flex items-center gap-2 rounded-lg px-3 py-2 text-stone-700 hover:bg-stone-200/70"
          >
            <KeyboardIcon /> Keyboard shortcuts
          </button>
        </div>
      </aside>
    </>
  );
}

function ChatItem({ chat, workspaceId, q, active }: { chat: ChatListItem; workspaceId: string; q: string; active: boolean }) {
  const fetcher = useFetcher();
  useActionToast(fetcher);
  const navigate = useNavigate();
  const [renaming, setRenaming] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const action = `/w/${workspaceId}/chats/${chat.id}`;
  // Until the server answers, the list shows what was asked for.
  const pendingTitle = fetcher.formData?.get("intent") === "rename" ? String(fetcher.formData.get("title")) : null;
  const pendingPin = fetcher.formData?.get("intent") === "pin" ? fetcher.formData.get("pinned") === "true" : null;
  const title = pendingTitle ?? chat.title;
  const pinned = pendingPin ?? chat.pinned;

  if (renaming)
    return (
      <li>
        <RenameChatForm
          fetcher={fetcher}
          action={action}
          title={chat.title}
          inputId={`title-${chat.id}`}
          onDone={() => setRenaming(false)}
          className="flex items-center gap-1 px-1"
          inputClassName="min-w-0 flex-1 rounded-lg border border-stone-300 bg-white px-2 py-1.5 text-sm"
          submit={
            <button type="submit" className="rounded-lg px-2 py-1.5 text-sm font-medium text-brand-700 hover:bg-stone-200/70">
              Save
            </button>
          }
        />
      </li>
    );

  return (
    // The open menu stays above the items after it (an item with focus inside is lifted).
    <li className="group relative focus-within:z-20">
      <NavLink
        to={`/w/${workspaceId}/chats/${chat.id}${q ? `?q=${encodeURIComponent(q)}` : ""}`}
        aria-current={active ? "page" : undefined}
        className={`block truncate rounded-lg py-2 pr-9 pl-3 text-sm ${active ? "bg-stone-200 font-medium text-stone-900" : "text-stone-700 hover:bg-stone-200/60"}`}
      >
        {chat.isPublic && <span className="sr-only">Public: </span>}
        {title}
      </NavLink>
      {/* Renaming, pinning, sharing and deleting are the chat's creator's (or an admin's): others get no menu. */}
      {chat.canManage && (
        <div
          className={`absolute inset-y-0 right-1 flex items-center ${active ? "" : "md:opacity-0 md:group-hover:opacity-100 md:focus-within:opacity-100"}`}
        >
          <ChatActionsMenu
            label={`Options for ${title}`}
            pinned={pinned}
            onRename={() => setRenaming(true)}
            onShare={() => navigate(`${action}?share`)}
            onTogglePin={() => void fetcher.submit({ intent: "pin", pinned: String(!pinned) }, { method: "post", action })}
            onDelete={() => setConfirming(true)}
            triggerClassName="rounded-md p-1 text-stone-500 hover:bg-stone-300/60 hover:text-stone-900"
            panelClassName="w-44 p-1"
          />
        </div>
      )}
      {confirming && (
        <Suspense fallback={null}>
          <DeleteChatDialog title={chat.title} action={action} stay={!active} onClose={() => setConfirming(false)} />
        </Suspense>
      )}
    </li>
  );
}
