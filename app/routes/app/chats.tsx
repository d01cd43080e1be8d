// The chat screen's route: /w/:id/chats (a new chat) and /w/:id/chats/:chatId.
// One route serves both, so the component streaming an answer stays mounted
// when a new chat gets its address. The screen is app/components/chat/.
import { z } from "zod";
import type { ShellHandle } from "~/components/app-shell";
import { ChatScreen, type ChatScreenData } from "~/components/chat/chat-screen";
import { setCurrentWorkspace } from "~/modules/auth/accounts.server";
import { showBranchThrough } from "~/modules/chat/branches.server";
import {
  canManageChat,
  chatView,
  deleteChat,
  listChats,
  requireChat,
  shareChat,
  shareChatWithTeam,
  updateChat,
} from "~/modules/chat/chats.server";
import { clearRating, rateAnswer } from "~/modules/chat/feedback.server";
import { requireChatPage } from "~/modules/chat/guard.server";
import { modelCatalogFor } from "~/modules/chat/model-catalog.server";
import { createPrompt, deletePrompt, listPrompts, requirePrompt, updatePrompt } from "~/modules/chat/prompts.server";
import { publicUrlOf, setChatPublic } from "~/modules/chat/public-chats.server";
import { chatTitle, feedbackNote, inviteUserSchema, promptInputSchema, systemPromptText, temperatureValue } from "~/modules/chat/schemas";
import { formAction, parseForm, readFormData } from "~/modules/http/form.server";
import { HttpError } from "~/modules/http/errors";
import { redirectWithToast } from "~/modules/http/toast.server";
import { listDocuments } from "~/modules/rag/documents.server";
import { transcriptionStatus } from "~/modules/speech/transcribe.server";
import { preferredTargetLanguage } from "~/modules/translate/preferences.server";
import { attachKnowledgeBases, chatKnowledgeBaseIds, detachKnowledgeBases, listKnowledgeBases } from "~/modules/rag/knowledge-bases.server";
import { requireWorkspacePage } from "~/modules/workspaces/guard.server";
import { listTeams } from "~/modules/workspaces/teams.server";
import { listMembers } from "~/modules/workspaces/workspaces.server";
import type { Route } from "./+types/chats";

// The chat screen spans the window under the header, like the header's own row.
export const handle: ShellHandle = { fullWidth: true };

export const meta = ({ loaderData }: Route.MetaArgs) => [{ title: `${loaderData?.chat?.title ?? "New chat"} · Cairn` }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const membership = await requireWorkspacePage(request, params);
  // Chatting in a workspace makes it the one /app opens next time.
  if (membership.user.currentWorkspaceId !== membership.workspace.id) setCurrentWorkspace(membership.user.id, membership.workspace.id);
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 200);
  const chat = params.chatId ? requireChatPage(membership, params.chatId) : null;
  const chats = listChats(membership, q);
  return {
    workspaceId: membership.workspace.id,
    q,
    serverNow: new Date().toISOString(),
    // Each item says whether its menu may rename, pin, share and delete it.
    chats: chats.map((item) => ({ ...item, canManage: canManageChat(item, membership) })),
    chat: chat ? chatView(chat, membership.user.id) : null,
    canManage: chat ? canManageChat(chat, membership) : false,
    catalog: modelCatalogFor(membership),
    // People this chat can be shared with: the workspace's other members.
    members: chat
      ? listMembers(membership.workspace.id)
          .filter((m) => m.userId !== chat.createdBy)
          .map(({ userId, email, name }) => ({ userId, email, name }))
      : [],
    teams: chat ? listTeams(membership).map((t) => ({ id: t.id, name: t.name })) : [],
    publicUrl: chat ? publicUrlOf(chat) : null,
    // What answers can be grounded in: ready documents (per question) and knowledge bases (per chat).
    documents: listDocuments(membership, { status: "ready" }).map((d) => ({ id: d.id, title: d.title })),
    knowledgeBases: listKnowledgeBases(membership).map((kb) => ({ id: kb.id, name: kb.name, documentCount: kb.documentCount })),
    attachedKnowledgeBaseIds: chat ? chatKnowledgeBaseIds(membership, chat.id) : [],
    prompts: listPrompts(membership),
    firstRun: chats.length === 0 && !q,
    // Utilities: the microphone shows when speech-to-text is configured; translations start at the person's last language.
    transcription: transcriptionStatus(),
    translationLanguage: preferredTargetLanguage(membership.user.id),
  } satisfies ChatScreenData;
}

const id = z.uuid();
const intentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("rename"), title: chatTitle }),
  // stay: deleted from the list while another chat is open
  z.object({ intent: z.literal("delete"), stay: z.literal("true").optional() }),
  z.object({ intent: z.literal("pin"), pinned: z.enum(["true", "false"]) }),
  z.object({ intent: z.literal("set-public"), isPublic: z.enum(["true", "false"]) }),
  inviteUserSchema.extend({ intent: z.literal("invite") }),
  z.object({ intent: z.literal("share-team"), teamId: z.uuid("Choose a team") }),
  z.object({ intent: z.literal("attach"), knowledgeBaseId: id }),
  z.object({ intent: z.literal("detach"), knowledgeBaseId: id }),
  z.object({ intent: z.literal("show-version"), messageId: id }),
  z.object({
    intent: z.literal("rate"),
    messageId: id,
    rating: z.enum(["up", "down", ""]),
    note: feedbackNote.optional(),
  }),
  z.object({
    intent: z.literal("settings"),
    systemPrompt: systemPromptText,
    temperature: z.union([z.literal(""), z.coerce.number().pipe(temperatureValue)]),
  }),
  promptInputSchema.extend({ intent: z.literal("prompt-save"), promptId: id.optional() }),
  z.object({ intent: z.literal("prompt-delete"), promptId: id }),
]);

export async function action({ request, params }: Route.ActionArgs) {
  const membership = await requireWorkspacePage(request, params);
  return formAction(async () => {
    const input = parseForm(await readFormData(request), intentSchema);
    const done = (message?: string) => ({ ok: true as const, message });
    // Saved prompts belong to the workspace; every other intent is about the chat in the address.
    if (input.intent === "prompt-save") {
      const { promptId, title, content } = input;
      if (promptId) updatePrompt(membership, requirePrompt(membership, promptId), { title, content });
      else createPrompt(membership, { title, content });
      return done(`Saved “${title}”.`);
    }
    if (input.intent === "prompt-delete") {
      deletePrompt(membership, requirePrompt(membership, input.promptId));
      return done("Prompt deleted.");
    }
    if (!params.chatId || !id.safeParse(params.chatId).success) throw new HttpError(404, "Chat not found");
    const chat = requireChat(membership, params.chatId);
    switch (input.intent) {
      case "rename":
        updateChat(membership, chat, { title: input.title });
        return done("Chat renamed.");
      case "delete":
        deleteChat(membership, chat);
        if (input.stay) return done(`Deleted “${chat.title}”.`);
        throw await redirectWithToast(`/w/${membership.workspace.id}/chats`, { type: "success", message: `Deleted “${chat.title}”.` });
      case "pin":
        updateChat(membership, chat, { pinned: input.pinned === "true" });
        return done(input.pinned === "true" ? "Pinned to the top of the list." : "Unpinned.");
      case "set-public": {
        const updated = setChatPublic(membership, chat, input.isPublic === "true");
        return done(updated.isPublic ? "Anyone with the link can read this copy of the chat." : "The public link no longer works.");
      }
      case "invite": {
        const member = shareChat(membership, chat, input.email);
        return done(`Shared with ${member.name ?? member.email}.`);
      }
      case "share-team": {
        const team = shareChatWithTeam(membership, chat, input.teamId);
        return done(`Shared with the team “${team.name}”.`);
      }
      case "attach": {
        const [kb] = attachKnowledgeBases(membership, chat.id, [input.knowledgeBaseId]).filter((k) => k.id === input.knowledgeBaseId);
        return done(`Answers here now draw on “${kb?.name}”.`);
      }
      case "detach":
        detachKnowledgeBases(membership, chat.id, [input.knowledgeBaseId]);
        return done("Knowledge base detached.");
      case "show-version":
        showBranchThrough(chat, input.messageId);
        return done();
      case "rate":
        if (input.rating === "") clearRating(membership, chat, input.messageId);
        else rateAnswer(membership, chat, input.messageId, { rating: input.rating, note: input.note });
        return done(input.note ? "Thanks — your note was sent." : undefined);
      case "settings":
        updateChat(membership, chat, {
          systemPrompt: input.systemPrompt,
          temperature: input.temperature === "" ? null : input.temperature,
        });
        return done("Chat settings saved.");
    }
  });
}

export default function Chats({ loaderData }: Route.ComponentProps) {
  return <ChatScreen data={loaderData} />;
}
