// The chat screen: the chat list beside one conversation, filling the window
// below the app's header, with the composer at the bottom (in the middle for
// an empty chat). It owns what is asked and shown; the parts live beside it.
import { Suspense, lazy, useCallback, useEffect, useRef, useState } from "react";
import { Link, useFetcher, useNavigate, useNavigation, useSearchParams } from "react-router";
import { toast } from "sonner";
import type { ChatListItem, ChatView } from "~/modules/chat/chats.server";
import type { CatalogModel } from "~/modules/chat/model-catalog.server";
import type { PromptView } from "~/modules/chat/prompts.server";
import { isLimitReached } from "~/modules/workspaces/spend-limits";
import { useActionToast } from "./action-toast";
import { ChatHeader, type KnowledgeBaseOption } from "./chat-header";
import { Composer, type ComposerHandle } from "./composer";
import type { PickableDocument } from "./document-picker";
import { ArrowDownIcon } from "./icons";
import { loadMarkdown } from "./markdown";
import { onDemand } from "./on-demand";
import { formatCredits, type SourceView } from "./message";
import type { ChatSettingsValue } from "./settings-dialog";
import type { Member } from "./share-dialog";
import { Sidebar } from "./sidebar";
import { Transcript, type TranscriptActions } from "./transcript";
import { useAnswerStream, type AnswerRequest } from "./use-answer-stream";
import { useFollowScroll } from "./use-follow-scroll";
import { useShortcuts } from "./use-shortcuts";
import { VoiceInputOnFirstUse, loadTranslateAnswer, loadVoiceInput } from "./on-first-use";

const ShareDialog = lazy(() => import("./share-dialog"));
const SettingsDialog = lazy(() => import("./settings-dialog"));
const PromptLibrary = lazy(() => import("./prompt-library"));
const ShortcutsSheet = lazy(() => import("./shortcuts-sheet"));
// Only an empty chat shows it.
const emptyState = onDemand(() => import("./empty-state"));
function EmptyState(props: React.ComponentProps<typeof import("./empty-state").EmptyState>) {
  const { EmptyState: Loaded } = emptyState.read();
  return <Loaded {...props} />;
}

const LATER_PARTS = [
  () => import("./model-list"),
  () => import("./prompt-menu"),
  () => import("./message-forms"),
  () => import("./knowledge-panel"),
  () => import("./delete-chat-dialog"),
  () => import("./share-dialog"),
  () => import("./settings-dialog"),
  () => import("./attachment-chips"),
  () => import("./attachment-upload"),
  loadVoiceInput,
  loadTranslateAnswer,
];

export type ChatScreenData = {
  workspaceId: string;
  q: string;
  /** The server's clock, so the chat list's date groups render the same before and after hydration. */
  serverNow: string;
  chats: ChatListItem[];
  chat: ChatView | null;
  canManage: boolean;
  catalog: { defaultModelId: string; credits: number | null; models: CatalogModel[] };
  members: Member[];
  /** Teams of the workspace this chat can be shared with. */
  teams: { id: string; name: string }[];
  publicUrl: string | null;
  documents: PickableDocument[];
  knowledgeBases: KnowledgeBaseOption[];
  attachedKnowledgeBaseIds: string[];
  prompts: PromptView[];
  /** Nobody has asked anything in this workspace yet: the first-run hint shows. */
  firstRun: boolean;
  /** Speech-to-text: the microphone shows when it is configured. */
  transcription: { available: boolean };
  /** The language this person last translated an answer into, if any. */
  translationLanguage: string | null;
};

type Problem = { status: number; message: string };
type Dialog = "share" | "settings" | "prompts" | "shortcuts";

const COLLAPSED_KEY = "cairn:chat-list-hidden";

export function ChatScreen({ data }: { data: ChatScreenData }) {
  const { workspaceId, chat, catalog } = data;
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const fetcher = useFetcher();
  useActionToast(fetcher);
  const composer = useRef<ComposerHandle>(null);
  const frame = useBelowHeader();
  const [draft, setDraft] = useState("");
  const [modelId, setModelId] = useState(chat?.modelId ?? catalog.defaultModelId);
  const [documentIds, setDocumentIds] = useState<string[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [newChatSettings, setNewChatSettings] = useState<ChatSettingsValue>({ systemPrompt: "", temperature: null });
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const [dialog, setDialog] = useState<Dialog | null>(null);

  const onRefused = useCallback((request: AnswerRequest, refusal: Problem) => {
    if (refusal.status !== 0) setProblem(refusal);
    // Nothing was kept: an unsent question goes back to the box.
    if (request.kind === "ask") setDraft((current) => current || request.question);
  }, []);
  const stream = useAnswerStream({
    workspaceId,
    chatId: chat?.id ?? null,
    storedStatus: (id) => chat?.messages.find((m) => m.id === id)?.status,
    onRefused,
  });
  const live = stream.live && stream.live.chatId === (chat?.id ?? null) ? stream.live : null;
  const empty = !chat?.messages.length && !live;
  const { scroller, content, atEnd, toEnd, scrollerClass } = useFollowScroll(chat?.id ?? "new", empty);

  /* eslint-disable react-hooks/set-state-in-effect -- state that belongs to the chat shown, reset when another opens */
  useEffect(() => {
    if (!stream.busy) setModelId(chat?.modelId ?? catalog.defaultModelId);
    setProblem(null);
    setDrawerOpen(false);
    // A new chat's settings went with its first question; the next new chat starts plain.
    setNewChatSettings({ systemPrompt: "", temperature: null });
  }, [chat?.id]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => setCollapsed(localStorage.getItem(COLLAPSED_KEY) === "1"), []);
  /* eslint-enable react-hooks/set-state-in-effect */
  // What the first load left out is fetched while the reader looks, before anything needs it.
  useEffect(() => {
    const idle = window.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 200));
    idle(() => {
      void loadMarkdown();
      void emptyState.load();
      for (const part of LATER_PARTS) void part().catch(() => {});
    });
  }, []);
  // A chat opened with ?share (the list's "Share") shows its sharing dialog.
  useEffect(() => {
    if (!searchParams.has("share") || !chat) return;
    setDialog("share"); // eslint-disable-line react-hooks/set-state-in-effect -- opened by the address
    setSearchParams((params) => (params.delete("share"), params), { replace: true, preventScrollReset: true });
  }, [searchParams, chat, setSearchParams]);

  const setSidebarCollapsed = (value: boolean) => {
    setCollapsed(value);
    localStorage.setItem(COLLAPSED_KEY, value ? "1" : "0");
  };

  // A question sent while another chat (or a new one) is loading belongs to that chat, not to the one still shown.
  const navigation = useNavigation();
  const pending = navigation.location?.pathname.match(/^\/w\/[^/]+\/chats(?:\/([0-9a-f-]{36}))?\/?$/);

  function ask(text: string, ids: string[]): boolean {
    const question = text.trim();
    if (!question || stream.busy) return false;
    const target = pending ? (pending[1] ?? null) : (chat?.id ?? null);
    setDraft("");
    setProblem(null);
    const grounding = ids.length ? { documentIds: ids } : {};
    const settings = {
      ...(newChatSettings.systemPrompt ? { systemPrompt: newChatSettings.systemPrompt } : {}),
      ...(newChatSettings.temperature !== null ? { temperature: newChatSettings.temperature } : {}),
    };
    void stream.start(
      target
        ? {
            kind: "ask",
            question,
            url: `/api/workspaces/${workspaceId}/chats/${target}/messages`,
            body: { content: question, modelId, ...grounding },
          }
        : {
            kind: "ask",
            question,
            url: "/api/chat",
            body: { messages: [{ role: "user", content: question }], modelId, workspaceId, ...grounding, ...settings },
          },
      target,
    );
    toEnd();
    return true;
  }

  const regenerateUrl = chat ? `/api/workspaces/${workspaceId}/chats/${chat.id}/messages/regenerate` : "";
  const actions: TranscriptActions = {
    regenerate: (questionId) => {
      if (stream.busy) return;
      setProblem(null);
      void stream.start({ kind: "regenerate", questionId, url: regenerateUrl, body: { messageId: questionId, modelId } });
    },
    edit: (questionId, content) => {
      if (stream.busy) return;
      setProblem(null);
      void stream.start({
        kind: "edit",
        question: content,
        questionId,
        url: regenerateUrl,
        body: { messageId: questionId, content, modelId },
      });
      toEnd();
    },
    showVersion: (messageId) => void fetcher.submit({ intent: "show-version", messageId }, { method: "post" }),
    rate: (messageId, rating, note) =>
      void fetcher.submit({ intent: "rate", messageId, rating: rating ?? "", note: note ?? "" }, { method: "post" }),
    retry: stream.retry,
  };

  useShortcuts({
    newChat: () => navigate(`/w/${workspaceId}/chats`),
    focusComposer: () => composer.current?.focus(),
    stop: () => {
      if (!stream.busy) return false;
      stream.stop();
      return true;
    },
    toggleSidebar: () => (window.matchMedia("(min-width: 768px)").matches ? setSidebarCollapsed(!collapsed) : setDrawerOpen(!drawerOpen)),
    copyLastAnswer: () => {
      const last = chat?.messages.findLast((m) => m.role === "assistant" && m.content);
      if (!last) return;
      void navigator.clipboard.writeText(last.content).then(() => toast.success("Copied the last answer."));
    },
    showHelp: () => setDialog("shortcuts"),
  });

  const settings: ChatSettingsValue = chat ? { systemPrompt: chat.systemPrompt ?? "", temperature: chat.temperature } : newChatSettings;
  const model = catalog.models.find((m) => m.id === modelId);
  const sourceHref = (s: SourceView) => `/w/${workspaceId}/documents/${s.documentId}#chunk-${s.chunkId}`;

  return (
    // The screen is fixed between the app's header and the window's bottom: its top is where the
    // page's main area begins (full width and unpadded, see the route's handle), kept there by script.
    <div>
      <div ref={frame} className="fixed inset-x-0 bottom-0 flex bg-white">
        {!collapsed || drawerOpen ? (
          <Sidebar
            workspaceId={workspaceId}
            chats={data.chats}
            q={data.q}
            activeId={chat?.id}
            serverNow={data.serverNow}
            drawerOpen={drawerOpen}
            onCloseDrawer={() => setDrawerOpen(false)}
            onCollapse={() => setSidebarCollapsed(true)}
            onShowShortcuts={() => setDialog("shortcuts")}
            onManagePrompts={() => setDialog("prompts")}
          />
        ) : null}
        <section aria-label="Conversation" className="flex min-w-0 flex-1 flex-col">
          <ChatHeader
            chat={chat}
            workspaceId={workspaceId}
            canManage={data.canManage}
            sidebarCollapsed={collapsed}
            onOpenChats={() => setDrawerOpen(true)}
            onExpandSidebar={() => setSidebarCollapsed(false)}
            onShare={() => setDialog("share")}
            onOpenSettings={() => setDialog("settings")}
            knowledgeBases={data.knowledgeBases}
            attachedKnowledgeBaseIds={data.attachedKnowledgeBaseIds}
          />
          <div
            ref={scroller}
            className={`min-h-0 flex-1 overflow-y-auto [overflow-anchor:none] ${scrollerClass}`}
            data-testid="transcript-scroller"
          >
            <div ref={content} className="mx-auto flex w-full max-w-3xl grow flex-col px-4">
              {empty ? (
                // mt-auto, not justify-end: a greeting taller than the screen must still scroll to its top.
                <div className="flex flex-1 flex-col pt-6 pb-4 sm:pt-8 sm:pb-6">
                  <div className="mt-auto">
                    <Suspense fallback={null}>
                      <EmptyState
                        firstRun={data.firstRun}
                        workspaceId={workspaceId}
                        onSuggest={(prompt) => composer.current?.setText(prompt)}
                      />
                    </Suspense>
                  </div>
                </div>
              ) : (
                <div className="pt-6">
                  <Transcript
                    messages={chat?.messages ?? []}
                    live={live}
                    busy={stream.busy}
                    actions={actions}
                    sourceHref={sourceHref}
                    translation={{ workspaceId, language: data.translationLanguage }}
                  />
                </div>
              )}
            </div>
          </div>
          <div className={`relative mx-auto w-full max-w-3xl px-3 sm:px-4 ${empty ? "pb-2 sm:pb-[10dvh]" : "pb-2"}`}>
            {!empty && !atEnd && (
              <button
                type="button"
                onClick={() => toEnd()}
                className="absolute -top-12 left-1/2 z-10 flex -translate-x-1/2 items-center gap-1.5 rounded-full border border-stone-200 bg-white px-3 py-1.5 text-sm text-stone-700 shadow-md hover:bg-stone-50"
              >
                <ArrowDownIcon className="h-3.5 w-3.5" /> Jump to latest
              </button>
            )}
            {problem && <ProblemNotice problem={problem} workspaceId={workspaceId} onDismiss={() => setProblem(null)} />}
            <Composer
              ref={composer}
              draft={draft}
              setDraft={setDraft}
              busy={stream.busy}
              onSend={ask}
              onStop={stream.stop}
              models={catalog.models}
              modelId={modelId}
              setModelId={setModelId}
              documents={data.documents}
              documentIds={documentIds}
              setDocumentIds={setDocumentIds}
              prompts={data.prompts}
              onManagePrompts={() => setDialog("prompts")}
              onOpenSettings={!chat || data.canManage ? () => setDialog("settings") : undefined}
              settingsActive={Boolean(settings.systemPrompt) || settings.temperature !== null}
              workspaceId={workspaceId}
              voice={
                // Voice input puts the transcript into the composer, to edit and send.
                data.transcription.available && (
                  <VoiceInputOnFirstUse
                    workspaceId={workspaceId}
                    disabled={stream.busy}
                    onTranscript={(text) => {
                      setDraft((current) => (current.trim() ? `${current.trimEnd()} ${text}` : text));
                      composer.current?.focus();
                    }}
                  />
                )
              }
            />
            <p className="px-2 pt-2 pb-1 text-center text-xs text-stone-500">
              {model?.offline ? (
                <span role="note" className="text-amber-800">
                  No {model.provider === "openai" ? "OpenAI" : "Anthropic"} key is set: answers come from Cairn's offline stand-in, not a
                  real model.
                </span>
              ) : (
                "Answers can be wrong; check what matters."
              )}{" "}
              {catalog.credits !== null && (
                <Link to={`/w/${workspaceId}/billing`} className="whitespace-nowrap hover:underline">
                  {formatCredits(catalog.credits)} credits left
                </Link>
              )}
            </p>
          </div>
        </section>
        <Suspense fallback={null}>
          {dialog === "share" && chat && (
            <ShareDialog
              chat={chat}
              publicUrl={data.publicUrl}
              canManage={data.canManage}
              members={data.members}
              teams={data.teams}
              onClose={() => setDialog(null)}
            />
          )}
          {dialog === "settings" && (
            <SettingsDialog
              initial={settings}
              onClose={() => setDialog(null)}
              onSave={(value) => {
                setDialog(null);
                if (!chat) return setNewChatSettings(value);
                void fetcher.submit(
                  {
                    intent: "settings",
                    systemPrompt: value.systemPrompt,
                    temperature: value.temperature === null ? "" : String(value.temperature),
                  },
                  { method: "post" },
                );
              }}
            />
          )}
          {dialog === "prompts" && <PromptLibrary prompts={data.prompts} workspaceId={workspaceId} onClose={() => setDialog(null)} />}
          {dialog === "shortcuts" && <ShortcutsSheet onClose={() => setDialog(null)} />}
        </Suspense>
      </div>
    </div>
  );
}

/** Pins the fixed element's top to the page's main area, following the header's height (it wraps on narrow screens). */
function useBelowHeader() {
  const frame = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = frame.current;
    const main = element?.closest("main");
    if (!element || !main) return;
    const place = () => {
      element.style.top = `${Math.max(0, main.getBoundingClientRect().top)}px`;
    };
    place();
    const observer = new ResizeObserver(place);
    observer.observe(document.body);
    if (main.previousElementSibling) observer.observe(main.previousElementSibling);
    return () => observer.disconnect();
  }, []);
  return frame;
}

function ProblemNotice({ problem, workspaceId, onDismiss }: { problem: Problem; workspaceId: string; onDismiss: () => void }) {
  const billing = `/w/${workspaceId}/billing`;
  // A spend limit is an owner's to raise, not something to top up.
  const balance = problem.status === 402 && !isLimitReached(problem.message);
  return (
    <div role="alert" className="mb-2 flex items-start gap-3 rounded-xl border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
      <p className="flex-1">
        {balance && "This workspace does not have enough credits for that answer. "}
        {problem.message}{" "}
        {(balance || problem.status === 403) && (
          <Link to={billing} className="font-medium underline">
            {balance ? "Top up or upgrade on the billing page" : "See plans on the billing page"}
          </Link>
        )}
      </p>
      <button type="button" onClick={onDismiss} className="text-xs font-medium underline">
        Dismiss
      </button>
    </div>
  );
}
