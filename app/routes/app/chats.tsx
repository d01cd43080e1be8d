// The chat screen: the workspace's chats beside one conversation. One route
// serves both /chats (a new chat) and /chats/:chatId, so the component that
// streams an answer stays mounted when a new chat gets its address.
import { useCallback, useEffect, useRef, useState } from "react";
import { Form, Link, NavLink, useFetcher, useNavigate, useRevalidator, useSearchParams } from "react-router";
import { toast } from "sonner";
import { z } from "zod";
import { AnswerBlock, formatCredits, QuestionBubble } from "~/components/chat/message";
import { CopyButton } from "~/components/chat/markdown";
import { TranslateAnswer } from "~/components/chat/translate-answer";
import { VoiceInput } from "~/components/chat/voice-input";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { findModel } from "~/modules/ai/models";
import { AnswerRefused, streamAnswer, type AnswerStreamEvent } from "~/modules/chat/answer-stream";
import { chatView, deleteChat, listChats, setChatPublic, shareChat, shareChatWithTeam, updateChat } from "~/modules/chat/chats.server";
import { requireChatPage } from "~/modules/chat/guard.server";
import { modelCatalogFor, type CatalogModel } from "~/modules/chat/model-catalog.server";
import { inviteUserSchema } from "~/modules/chat/schemas";
import { env } from "~/modules/config/env.server";
import { formAction, parseForm, readFormData } from "~/modules/http/form.server";
import { redirectWithToast } from "~/modules/http/toast.server";
import { requireWorkspacePage } from "~/modules/workspaces/guard.server";
import { canManageContent } from "~/modules/workspaces/permissions";
import { isLimitReached } from "~/modules/workspaces/spend-limits";
import { listTeams } from "~/modules/workspaces/teams.server";
import { listMembers } from "~/modules/workspaces/workspaces.server";
import { transcriptionStatus } from "~/modules/speech/transcribe.server";
import { preferredTargetLanguage } from "~/modules/translate/preferences.server";
import { listDocuments } from "~/modules/rag/documents.server";
import { attachKnowledgeBases, chatKnowledgeBaseIds, detachKnowledgeBases, listKnowledgeBases } from "~/modules/rag/knowledge-bases.server";
import type { MessageSource } from "#db/schema";
import type { Route } from "./+types/chats";

export const meta = ({ loaderData }: Route.MetaArgs) => [{ title: `${loaderData?.chat?.title ?? "New chat"} · Cairn` }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const membership = await requireWorkspacePage(request, params);
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 200);
  const chat = params.chatId ? chatView(requireChatPage(membership, params.chatId)) : null;
  const canManage = chat ? canManageContent(membership.role, chat.createdBy, membership.user.id) : false;
  return {
    workspaceId: membership.workspace.id,
    userId: membership.user.id,
    q,
    chats: listChats(membership, q),
    chat,
    canManage,
    catalog: modelCatalogFor(membership),
    // People this chat can be shared with: the workspace's other members.
    members: chat ? listMembers(membership.workspace.id).filter((m) => m.userId !== chat.createdBy) : [],
    teams: chat ? listTeams(membership).map((t) => ({ id: t.id, name: t.name })) : [],
    publicUrl: chat?.isPublic ? `${env().APP_URL}/share/${chat.id}` : null,
    // What answers can be grounded in: ready documents (per question) and knowledge bases (per chat).
    documents: listDocuments(membership, { status: "ready" }).map((d) => ({ id: d.id, title: d.title })),
    knowledgeBases: listKnowledgeBases(membership).map((kb) => ({ id: kb.id, name: kb.name, documentCount: kb.documentCount })),
    attachedKnowledgeBaseIds: chat ? chatKnowledgeBaseIds(chat.id) : [],
    // Utilities: the microphone shows when speech-to-text is configured; translations start at the person's last language.
    transcription: transcriptionStatus(),
    translationLanguage: preferredTargetLanguage(membership.user.id),
  };
}

const intentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("rename"), title: z.string().trim().min(1, "Give the chat a title").max(120) }),
  z.object({ intent: z.literal("delete") }),
  z.object({ intent: z.literal("set-public"), isPublic: z.enum(["true", "false"]) }),
  inviteUserSchema.extend({ intent: z.literal("invite") }),
  z.object({ intent: z.literal("share-team"), teamId: z.uuid("Choose a team") }),
  z.object({ intent: z.literal("attach"), knowledgeBaseId: z.uuid() }),
  z.object({ intent: z.literal("detach"), knowledgeBaseId: z.uuid() }),
]);

export async function action({ request, params }: Route.ActionArgs) {
  const membership = await requireWorkspacePage(request, params);
  const chat = requireChatPage(membership, params.chatId ?? "");
  return formAction(async () => {
    const input = parseForm(await readFormData(request), intentSchema);
    switch (input.intent) {
      case "rename":
        updateChat(chat, { title: input.title });
        return { ok: true as const, intent: input.intent, message: "Chat renamed." };
      case "delete":
        deleteChat(membership, chat);
        throw await redirectWithToast(`/w/${membership.workspace.id}/chats`, { type: "success", message: `Deleted “${chat.title}”.` });
      case "set-public": {
        const updated = setChatPublic(membership, chat, input.isPublic === "true");
        return {
          ok: true as const,
          intent: input.intent,
          message: updated.isPublic ? "Anyone with the link can now read this chat." : "The public link no longer works.",
        };
      }
      case "invite": {
        const member = shareChat(membership, chat, input.email);
        return { ok: true as const, intent: input.intent, message: `Shared with ${member.name ?? member.email}.` };
      }
      case "share-team": {
        const team = shareChatWithTeam(membership, chat, input.teamId);
        return { ok: true as const, intent: input.intent, message: `Shared with the team “${team.name}”.` };
      }
      case "attach": {
        const [kb] = attachKnowledgeBases(membership, chat.id, [input.knowledgeBaseId]).filter((k) => k.id === input.knowledgeBaseId);
        return { ok: true as const, intent: input.intent, message: `Answers here now draw on “${kb?.name}”.` };
      }
      case "detach":
        detachKnowledgeBases(membership, chat.id, [input.knowledgeBaseId]);
        return { ok: true as const, intent: input.intent, message: "Knowledge base detached." };
    }
  });
}

type LoaderData = Route.ComponentProps["loaderData"];

/** An answer in flight, shown until the stored copy has caught up with it. */
type LiveAnswer = {
  kind: "ask" | "regenerate";
  question: string;
  messageId?: string;
  text: string;
  sources: MessageSource[];
  phase: "waiting" | "streaming" | "finished";
  error?: string;
};

type Problem = { status: number; message: string };

export default function Chats({ loaderData }: Route.ComponentProps) {
  const { workspaceId, chat, chats, catalog, q } = loaderData;
  const navigate = useNavigate();
  const revalidator = useRevalidator();
  const [live, setLive] = useState<LiveAnswer | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [draft, setDraft] = useState("");
  const [modelId, setModelId] = useState(chat?.modelId ?? catalog.defaultModelId);
  const [documentIds, setDocumentIds] = useState<string[]>([]);
  const abortRef = useRef<AbortController | null>(null);
  const pendingText = useRef("");
  const flushScheduled = useRef(false);
  const endRef = useRef<HTMLDivElement>(null);

  // Another chat opened: take its model, forget a refusal about the last one.
  useEffect(() => {
    /* eslint-disable react-hooks/set-state-in-effect -- resetting per-chat state when the route's chat changes */
    if (!abortRef.current) setModelId(chat?.modelId ?? catalog.defaultModelId);
    setProblem(null);
    /* eslint-enable react-hooks/set-state-in-effect */
  }, [chat?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  // Tokens arrive faster than frames: apply them once per frame.
  const flush = useCallback(() => {
    flushScheduled.current = false;
    const text = pendingText.current;
    setLive((current) => (current ? { ...current, text, phase: current.phase === "finished" ? "finished" : "streaming" } : current));
  }, []);

  const run = useCallback(
    async (kind: LiveAnswer["kind"], question: string, url: string, body: unknown) => {
      const controller = new AbortController();
      abortRef.current = controller;
      pendingText.current = "";
      setProblem(null);
      setLive({ kind, question, text: "", sources: [], phase: "waiting" });
      let messageId: string | undefined;
      const onEvent = (event: AnswerStreamEvent) => {
        if (event.type === "meta") {
          messageId = event.messageId;
          setLive((current) => current && { ...current, messageId: event.messageId, sources: event.sources });
          // A new chat now exists: give it its address (same route, so this stream carries on).
          if (event.chatId !== chat?.id) navigate(`/w/${workspaceId}/chats/${event.chatId}`, { preventScrollReset: true });
        } else if (event.type === "delta") {
          pendingText.current += event.text;
          if (!flushScheduled.current) {
            flushScheduled.current = true;
            requestAnimationFrame(flush);
          }
        } else if (event.type === "error") {
          toast.error(`The answer failed: ${event.error}`);
        }
      };
      try {
        await streamAnswer(url, body, onEvent, controller.signal);
      } catch (error) {
        if (error instanceof AnswerRefused) {
          setProblem({ status: error.status, message: error.message });
          setDraft(question);
          setLive(null);
          return;
        }
        if (!controller.signal.aborted) toast.error("The connection broke while the answer was streaming.");
        // Stopped before the answer began: nothing was kept, so the question goes back to the box.
        if (!messageId) {
          setDraft(question);
          setLive(null);
          return;
        }
      } finally {
        abortRef.current = null;
      }
      flush();
      setLive((current) => current && { ...current, text: pendingText.current, phase: "finished" });
      revalidator.revalidate();
    },
    [chat?.id, workspaceId, navigate, flush, revalidator],
  );

  // Keep showing the streamed text until the stored message has caught up
  // (the server may still be settling a stopped answer).
  const stored = live?.messageId ? chat?.messages.find((m) => m.id === live.messageId) : undefined;
  useEffect(() => {
    if (live?.phase !== "finished" || revalidator.state !== "idle") return;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the stored message caught up with the stream
    if (stored && stored.status !== "streaming") return setLive(null);
    if (!live.messageId) return setLive(null);
    const retry = setTimeout(() => revalidator.revalidate(), 300);
    return () => clearTimeout(retry);
  }, [live, stored, revalidator]);

  // Follow the answer as it grows, unless the reader scrolled up.
  useEffect(() => {
    if (!live) return;
    const nearBottom = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 160;
    if (nearBottom) endRef.current?.scrollIntoView({ block: "end" });
  }, [live?.text, live?.phase]); // eslint-disable-line react-hooks/exhaustive-deps

  const busy = live !== null && live.phase !== "finished";

  function ask(content: string) {
    const question = content.trim();
    if (!question || busy) return;
    setDraft("");
    const grounding = documentIds.length ? { documentIds } : {};
    if (chat)
      void run("ask", question, `/api/workspaces/${workspaceId}/chats/${chat.id}/messages`, { content: question, modelId, ...grounding });
    else void run("ask", question, "/api/chat", { messages: [{ role: "user", content: question }], modelId, workspaceId, ...grounding });
  }

  function regenerate(content?: string) {
    if (!chat || busy) return;
    const lastQuestion = chat.messages.findLast((m) => m.role === "user");
    void run("regenerate", content ?? lastQuestion?.content ?? "", `/api/workspaces/${workspaceId}/chats/${chat.id}/messages/regenerate`, {
      content,
      modelId,
    });
  }

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6 md:grid-cols-[15rem_minmax(0,1fr)]">
      <ChatList workspaceId={workspaceId} chats={chats} q={q} activeId={chat?.id} hiddenOnPhone={Boolean(chat)} />
      <section aria-label="Conversation" className="flex min-h-[60vh] flex-col gap-4">
        {chat ? (
          <ChatHeader key={chat.id} data={loaderData} />
        ) : (
          <div>
            <h1 className="text-2xl font-semibold tracking-tight">New chat</h1>
            <p className="mt-1 text-sm text-stone-600">
              Ask anything. The answer streams in as it is written; you can stop it at any time.
            </p>
          </div>
        )}
        <Transcript
          data={loaderData}
          live={live}
          busy={busy}
          onRegenerate={() => regenerate()}
          onEditQuestion={(content) => regenerate(content)}
        />
        <div ref={endRef} />
        {problem && <ProblemNotice problem={problem} workspaceId={workspaceId} />}
        <Composer
          draft={draft}
          setDraft={setDraft}
          busy={busy}
          models={catalog.models}
          modelId={modelId}
          setModelId={setModelId}
          credits={catalog.credits}
          onSend={ask}
          onStop={() => abortRef.current?.abort()}
          documents={loaderData.documents}
          documentIds={documentIds}
          setDocumentIds={setDocumentIds}
          workspaceId={workspaceId}
          voice={
            // Utilities: voice input puts the transcript into the composer, to edit and send.
            loaderData.transcription.available && (
              <VoiceInput
                workspaceId={workspaceId}
                disabled={busy}
                onTranscript={(text) => {
                  setDraft((current) => (current.trim() ? `${current.trimEnd()} ${text}` : text));
                  document.getElementById("question")?.focus();
                }}
              />
            )
          }
        />
      </section>
    </div>
  );
}

function ChatList({
  workspaceId,
  chats,
  q,
  activeId,
  hiddenOnPhone,
}: {
  workspaceId: string;
  chats: LoaderData["chats"];
  q: string;
  activeId?: string;
  hiddenOnPhone: boolean;
}) {
  const [, setSearchParams] = useSearchParams();
  return (
    <aside aria-label="Chats" className={`${hiddenOnPhone ? "hidden md:flex" : "flex"} order-last flex-col gap-3 md:order-first`}>
      <Link
        to={`/w/${workspaceId}/chats`}
        className="rounded-lg bg-brand-600 px-4 py-2 text-center text-sm font-medium text-white hover:bg-brand-700"
      >
        New chat
      </Link>
      <Form role="search" method="get">
        <label htmlFor="chat-search" className="sr-only">
          Search chats
        </label>
        <input
          id="chat-search"
          type="search"
          name="q"
          defaultValue={q}
          // Results follow the typing; Enter (without JavaScript, the form) does the same.
          onChange={(e) => {
            const value = e.currentTarget.value.trim();
            setSearchParams(value ? { q: value } : {}, { replace: true, preventScrollReset: true });
          }}
          placeholder="Search chats"
          className="w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm"
        />
      </Form>
      {chats.length === 0 ? (
        <p className="px-1 text-sm text-stone-500">{q ? `No chat mentions “${q}”.` : "No chats yet."}</p>
      ) : (
        <ul className="flex flex-col gap-0.5">
          {chats.map((c) => (
            <li key={c.id}>
              <NavLink
                to={`/w/${workspaceId}/chats/${c.id}${q ? `?q=${encodeURIComponent(q)}` : ""}`}
                className={`block truncate rounded-lg px-3 py-2 text-sm ${c.id === activeId ? "bg-stone-200 font-medium" : "hover:bg-stone-100"}`}
                aria-current={c.id === activeId ? "page" : undefined}
              >
                {c.isPublic && <span className="sr-only">Public: </span>}
                {c.title}
              </NavLink>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}

function ChatHeader({ data }: { data: LoaderData }) {
  const chat = data.chat!;
  const fetcher = useFetcher<typeof action>();
  const result = fetcher.data;
  const [renaming, setRenaming] = useState(false);
  useEffect(() => {
    if (fetcher.state !== "idle" || !result) return;
    if (result.ok) {
      toast.success(result.message);
      // eslint-disable-next-line react-hooks/set-state-in-effect -- a finished fetcher is an external event
      if (result.intent === "rename") setRenaming(false);
    } else toast.error(result.error);
  }, [fetcher.state, result]);

  return (
    <header className="flex flex-col gap-3 border-b border-stone-200 pb-3">
      <Link to={`/w/${data.workspaceId}/chats`} className="text-sm text-brand-700 underline md:hidden">
        ← All chats
      </Link>
      <div className="flex flex-wrap items-center gap-2">
        {renaming ? (
          <fetcher.Form method="post" className="flex flex-1 gap-2">
            <input type="hidden" name="intent" value="rename" />
            <label htmlFor="chat-title" className="sr-only">
              Chat title
            </label>
            <input
              id="chat-title"
              name="title"
              defaultValue={chat.title}
              maxLength={120}
              required
              autoFocus
              className="min-w-0 flex-1 rounded-lg border border-stone-300 px-3 py-1.5 text-sm"
            />
            <Button type="submit">Save</Button>
            <Button type="button" variant="ghost" onClick={() => setRenaming(false)}>
              Cancel
            </Button>
          </fetcher.Form>
        ) : (
          <>
            <h1 className="min-w-0 flex-1 basis-full truncate text-xl font-semibold tracking-tight sm:basis-0">{chat.title}</h1>
            <Button variant="ghost" onClick={() => setRenaming(true)}>
              Rename
            </Button>
          </>
        )}
        <KnowledgePanel data={data} fetcher={fetcher} />
        <SharePanel data={data} fetcher={fetcher} />
        {data.canManage && (
          <fetcher.Form
            method="post"
            onSubmit={(e) => {
              if (!confirm(`Delete “${chat.title}”? This cannot be undone.`)) e.preventDefault();
            }}
          >
            <input type="hidden" name="intent" value="delete" />
            <Button type="submit" variant="ghost" className="text-red-700">
              Delete
            </Button>
          </fetcher.Form>
        )}
      </div>
      {chat.sharedWith.length + chat.sharedWithTeams.length > 0 && (
        <p className="text-xs text-stone-500">
          Shared with {[...chat.sharedWith.map((p) => p.name ?? p.email), ...chat.sharedWithTeams.map((t) => `team ${t.name}`)].join(", ")}
        </p>
      )}
    </header>
  );
}

function SharePanel({ data, fetcher }: { data: LoaderData; fetcher: ReturnType<typeof useFetcher<typeof action>> }) {
  const chat = data.chat!;
  const invitable = data.members.filter((m) => !chat.sharedWith.some((s) => s.userId === m.userId));
  const teams = data.teams.filter((t) => !chat.sharedWithTeams.some((s) => s.id === t.id));
  const failure = fetcher.data && !fetcher.data.ok ? fetcher.data : null;
  return (
    <details className="relative">
      <summary className="cursor-pointer list-none rounded-lg px-4 py-2 text-sm font-medium hover:bg-stone-100">
        Share{chat.isPublic ? " · public" : ""}
      </summary>
      <div className="absolute right-0 z-20 mt-2 flex w-80 max-w-[90vw] flex-col gap-4 rounded-xl border border-stone-200 bg-white p-4 shadow-lg">
        <section className="flex flex-col gap-2">
          <h2 className="text-sm font-semibold">Public link</h2>
          {data.canManage ? (
            <fetcher.Form method="post">
              <input type="hidden" name="intent" value="set-public" />
              <input type="hidden" name="isPublic" value={String(!chat.isPublic)} />
              <Button type="submit" variant="secondary" className="w-full">
                {chat.isPublic ? "Stop sharing publicly" : "Make public"}
              </Button>
            </fetcher.Form>
          ) : (
            <p className="text-xs text-stone-500">Only the chat's creator or a workspace admin can make it public.</p>
          )}
          {data.publicUrl ? (
            <div className="flex items-center gap-1 rounded-lg bg-stone-100 px-2 py-1">
              <a href={data.publicUrl} className="min-w-0 flex-1 truncate text-xs text-brand-700 underline" data-testid="public-link">
                {data.publicUrl}
              </a>
              <CopyButton text={() => data.publicUrl!} label="Copy link" />
            </div>
          ) : (
            <p className="text-xs text-stone-500">Only people you share it with can read this chat.</p>
          )}
        </section>
        <section className="flex flex-col gap-2">
          <h2 className="text-sm font-semibold">Share with a workspace member</h2>
          {invitable.length === 0 ? (
            <p className="text-xs text-stone-500">Every other member of this workspace can already read it, or there is nobody else yet.</p>
          ) : (
            <fetcher.Form method="post" className="flex gap-2">
              <input type="hidden" name="intent" value="invite" />
              <label htmlFor="share-email" className="sr-only">
                Member
              </label>
              <select id="share-email" name="email" className="min-w-0 flex-1 rounded-lg border border-stone-300 px-2 py-1.5 text-sm">
                {invitable.map((m) => (
                  <option key={m.userId} value={m.email}>
                    {m.name ? `${m.name} (${m.email})` : m.email}
                  </option>
                ))}
              </select>
              <Button type="submit">Share</Button>
            </fetcher.Form>
          )}
          {failure?.fieldErrors.email && <p className="text-xs text-red-700">{failure.fieldErrors.email}</p>}
        </section>
        {teams.length > 0 && (
          <section className="flex flex-col gap-2">
            <h2 className="text-sm font-semibold">Share with a team</h2>
            <fetcher.Form method="post" className="flex gap-2">
              <input type="hidden" name="intent" value="share-team" />
              <label htmlFor="share-team" className="sr-only">
                Team
              </label>
              <select id="share-team" name="teamId" className="min-w-0 flex-1 rounded-lg border border-stone-300 px-2 py-1.5 text-sm">
                {teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
              <Button type="submit">Share</Button>
            </fetcher.Form>
          </section>
        )}
      </div>
    </details>
  );
}

function Transcript({
  data,
  live,
  busy,
  onRegenerate,
  onEditQuestion,
}: {
  data: LoaderData;
  live: LiveAnswer | null;
  busy: boolean;
  onRegenerate: () => void;
  onEditQuestion: (content: string) => void;
}) {
  const [editing, setEditing] = useState(false);
  let messages = data.chat?.messages ?? [];
  const liveIsStored = live?.messageId !== undefined && messages.some((m) => m.id === live.messageId);
  // Until the stored chat holds the new answer, show it (and its question) after what is stored;
  // a regenerated answer replaces the last question's old answer.
  if (live && !liveIsStored && live.kind === "regenerate") {
    const lastQuestion = messages.findLastIndex((m) => m.role === "user");
    if (lastQuestion !== -1) messages = messages.slice(0, lastQuestion);
  }
  const lastQuestionId = messages.findLast((m) => m.role === "user")?.id;
  const lastAnswerId = messages.at(-1)?.role === "assistant" ? messages.at(-1)!.id : undefined;
  const labelOf = (modelId: string | null) => (modelId ? (findModel(modelId)?.label ?? modelId) : undefined);
  const sourceHref = (source: MessageSource) => `/w/${data.workspaceId}/documents/${source.documentId}#chunk-${source.chunkId}`;

  if (messages.length === 0 && !live) return <div className="flex-1" />;
  return (
    <ol className="flex flex-1 flex-col gap-4" aria-label="Messages" aria-live="polite">
      {messages.map((m) =>
        m.role === "user" ? (
          <li key={m.id}>
            {editing && m.id === lastQuestionId && !busy ? (
              <EditQuestion
                initial={m.content}
                onCancel={() => setEditing(false)}
                onSave={(content) => {
                  setEditing(false);
                  onEditQuestion(content);
                }}
              />
            ) : (
              <QuestionBubble
                content={m.content}
                actions={
                  m.id === lastQuestionId && !busy ? (
                    <button type="button" className="text-xs text-stone-500 hover:underline" onClick={() => setEditing(true)}>
                      Edit question
                    </button>
                  ) : undefined
                }
              />
            )}
          </li>
        ) : m.role === "assistant" ? (
          <li key={m.id}>
            <AnswerBlock
              content={live && m.id === live.messageId ? live.text : m.content}
              status={live && m.id === live.messageId ? (live.phase === "finished" ? m.status : "streaming") : m.status}
              error={m.error}
              credits={m.credits}
              modelLabel={labelOf(m.modelId)}
              sources={live && m.id === live.messageId && live.sources.length ? live.sources : m.sources}
              sourceHref={sourceHref}
              actions={
                m.id === lastAnswerId && !busy ? (
                  <button
                    type="button"
                    className="rounded-md px-2 py-1 text-xs font-medium text-stone-600 hover:bg-stone-200"
                    onClick={onRegenerate}
                  >
                    Regenerate
                  </button>
                ) : undefined
              }
            />
            {/* Utilities: translate a finished answer; the translation shows under it. */}
            {m.content && m.status !== "streaming" && !(live && m.id === live.messageId) && (
              <TranslateAnswer workspaceId={data.workspaceId} text={m.content} rememberedLanguage={data.translationLanguage} />
            )}
          </li>
        ) : null,
      )}
      {live && !liveIsStored && (
        <>
          <li>
            <QuestionBubble content={live.question} />
          </li>
          <li>
            <AnswerBlock
              content={live.text}
              status={live.phase === "waiting" ? "waiting" : live.phase === "streaming" ? "streaming" : "complete"}
              sources={live.sources}
              sourceHref={sourceHref}
            />
          </li>
        </>
      )}
    </ol>
  );
}

function EditQuestion({ initial, onSave, onCancel }: { initial: string; onSave: (content: string) => void; onCancel: () => void }) {
  const [text, setText] = useState(initial);
  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) onSave(text.trim());
      }}
    >
      <label htmlFor="edit-question" className="text-xs font-medium text-stone-600">
        Edit your question
      </label>
      <textarea
        id="edit-question"
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={3}
        autoFocus
        className="rounded-xl border border-stone-300 bg-white px-3 py-2 text-sm"
      />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit">Save and ask again</Button>
      </div>
    </form>
  );
}

function ProblemNotice({ problem, workspaceId }: { problem: Problem; workspaceId: string }) {
  const billing = `/w/${workspaceId}/billing`;
  // A spend limit is the owner's to raise, not something to top up.
  if (problem.status === 402 && isLimitReached(problem.message)) return <Alert tone="error">{problem.message}</Alert>;
  if (problem.status === 402)
    return (
      <Alert tone="error">
        This workspace does not have enough credits for that answer. {problem.message}{" "}
        <Link to={billing} className="font-medium underline">
          Top up or upgrade on the billing page
        </Link>
        .
      </Alert>
    );
  if (problem.status === 403)
    return (
      <Alert tone="error">
        {problem.message}{" "}
        <Link to={billing} className="font-medium underline">
          See plans on the billing page
        </Link>
        .
      </Alert>
    );
  return <Alert tone="error">{problem.message}</Alert>;
}

function Composer({
  draft,
  setDraft,
  busy,
  models,
  modelId,
  setModelId,
  credits,
  onSend,
  onStop,
  documents,
  documentIds,
  setDocumentIds,
  workspaceId,
  voice,
}: {
  /** The microphone button (utilities), beside the document picker. */
  voice?: React.ReactNode;
  documents: LoaderData["documents"];
  documentIds: string[];
  setDocumentIds: (ids: string[]) => void;
  workspaceId: string;
  draft: string;
  setDraft: React.Dispatch<React.SetStateAction<string>>;
  busy: boolean;
  models: CatalogModel[];
  modelId: string;
  setModelId: (id: string) => void;
  credits: number;
  onSend: (text: string) => void;
  onStop: () => void;
}) {
  const model = models.find((m) => m.id === modelId);
  return (
    <form
      className="sticky bottom-0 flex flex-col gap-2 rounded-2xl border border-stone-300 bg-white p-3 shadow-sm"
      onSubmit={(e) => {
        e.preventDefault();
        onSend(draft);
      }}
    >
      <label htmlFor="question" className="sr-only">
        Your question
      </label>
      <textarea
        id="question"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          // Enter sends; Shift+Enter (or an input method composing a character) adds a line.
          if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            onSend(draft);
          }
        }}
        rows={Math.min(8, Math.max(2, draft.split("\n").length))}
        placeholder="Ask a question — Enter to send, Shift+Enter for a new line"
        className="w-full resize-none border-0 bg-transparent text-sm focus:outline-none"
      />
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor="model" className="sr-only">
          Model
        </label>
        <select
          id="model"
          value={modelId}
          onChange={(e) => setModelId(e.target.value)}
          className="min-w-0 max-w-full flex-1 rounded-lg border border-stone-300 bg-white px-2 py-1.5 text-xs sm:flex-none"
        >
          {models.map((m) => (
            <option key={m.id} value={m.id} disabled={!m.allowed || !m.available}>
              {m.label} · {m.inputCreditsPer1K}/{m.outputCreditsPer1K} credits per 1K tokens
              {!m.allowed ? " · 🔒 Pro plan" : ""}
              {!m.available ? " · unavailable (no API key)" : ""}
            </option>
          ))}
        </select>
        <DocumentPicker documents={documents} selected={documentIds} onChange={setDocumentIds} workspaceId={workspaceId} />
        {voice}
        <span className="text-xs text-stone-500">{formatCredits(credits)} credits left</span>
        {busy ? (
          <Button type="button" variant="secondary" className="ml-auto" onClick={onStop}>
            Stop
          </Button>
        ) : (
          <Button type="submit" className="ml-auto" disabled={!draft.trim()}>
            Send
          </Button>
        )}
      </div>
      {model?.offline && (
        <p className="text-xs text-amber-800" role="note">
          No {model.provider === "openai" ? "OpenAI" : "Anthropic"} key is set: answers come from Cairn's offline stand-in, not a real
          model.
        </p>
      )}
    </form>
  );
}

function DocumentPicker({
  documents,
  selected,
  onChange,
  workspaceId,
}: {
  documents: LoaderData["documents"];
  selected: string[];
  onChange: (ids: string[]) => void;
  workspaceId: string;
}) {
  return (
    <details className="relative">
      <summary className="cursor-pointer list-none rounded-lg border border-stone-300 px-2 py-1.5 text-xs hover:bg-stone-50">
        {selected.length ? `Grounded in ${selected.length} ${selected.length === 1 ? "document" : "documents"}` : "Use documents"}
      </summary>
      <div className="absolute bottom-full left-0 z-20 mb-2 flex max-h-72 w-72 max-w-[85vw] flex-col gap-1 overflow-y-auto rounded-xl border border-stone-200 bg-white p-3 text-sm shadow-lg">
        {documents.length === 0 ? (
          <p className="text-xs text-stone-500">
            No ready documents yet.{" "}
            <Link to={`/w/${workspaceId}/documents`} className="text-brand-700 underline">
              Add some
            </Link>
            .
          </p>
        ) : (
          <fieldset className="flex flex-col gap-1">
            <legend className="mb-1 text-xs font-semibold text-stone-600">Answer from these documents</legend>
            {documents.map((d) => (
              <label key={d.id} className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={selected.includes(d.id)}
                  onChange={(e) => onChange(e.target.checked ? [...selected, d.id] : selected.filter((id) => id !== d.id))}
                />
                <span className="truncate">{d.title}</span>
              </label>
            ))}
          </fieldset>
        )}
      </div>
    </details>
  );
}

function KnowledgePanel({ data, fetcher }: { data: LoaderData; fetcher: ReturnType<typeof useFetcher<typeof action>> }) {
  const attached = new Set(data.attachedKnowledgeBaseIds);
  return (
    <details className="relative">
      <summary className="cursor-pointer list-none rounded-lg px-4 py-2 text-sm font-medium hover:bg-stone-100">
        Knowledge{attached.size ? ` · ${attached.size}` : ""}
      </summary>
      <div className="absolute right-0 z-20 mt-2 flex w-72 max-w-[90vw] flex-col gap-2 rounded-xl border border-stone-200 bg-white p-4 text-sm shadow-lg">
        <h2 className="text-sm font-semibold">Knowledge bases of this chat</h2>
        {data.knowledgeBases.length === 0 ? (
          <p className="text-xs text-stone-500">
            None in this workspace yet.{" "}
            <Link to={`/w/${data.workspaceId}/documents`} className="text-brand-700 underline">
              Create one
            </Link>
            .
          </p>
        ) : (
          <ul className="flex flex-col gap-1">
            {data.knowledgeBases.map((kb) => (
              <li key={kb.id}>
                <fetcher.Form method="post" className="flex items-center justify-between gap-2">
                  <input type="hidden" name="knowledgeBaseId" value={kb.id} />
                  <span className="truncate">
                    {kb.name} <span className="text-xs text-stone-500">({kb.documentCount})</span>
                  </span>
                  <Button
                    type="submit"
                    name="intent"
                    value={attached.has(kb.id) ? "detach" : "attach"}
                    variant="secondary"
                    className="px-2 py-1 text-xs"
                  >
                    {attached.has(kb.id) ? "Detach" : "Attach"}
                  </Button>
                </fetcher.Form>
              </li>
            ))}
          </ul>
        )}
      </div>
    </details>
  );
}
