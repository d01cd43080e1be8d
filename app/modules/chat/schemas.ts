import { z } from "zod";
import { MODEL_IDS } from "~/modules/ai/models";

/**
 * What one request may carry (422 beyond): a long pasted document fits, a whole archive does not.
 * The whole body is bounded by the API's chat body limit (http/body.server.ts).
 */
export const CHAT_REQUEST_LIMITS = { messages: 100, messageChars: 100_000 } as const;

const content = z
  .string()
  .trim()
  .min(1, "Write a message")
  .max(CHAT_REQUEST_LIMITS.messageChars, `Use at most ${CHAT_REQUEST_LIMITS.messageChars.toLocaleString("en")} characters`);
const modelId = z.enum(MODEL_IDS, { error: "Unknown model" });
const documentIds = z.array(z.uuid()).max(50);
// The fields the JSON API and the chat page's forms share.
export const chatTitle = z.string().trim().min(1, "Give the chat a title").max(120, "Use at most 120 characters");
export const systemPromptText = z.string().trim().max(20_000, "Use at most 20,000 characters");
export const temperatureValue = z.number().min(0, "Between 0 and 1").max(1, "Between 0 and 1");
export const feedbackNote = z.string().trim().max(2000, "Use at most 2,000 characters");
const systemPrompt = systemPromptText.nullable();
const temperature = temperatureValue.nullable();

/** POST /api/chat, as api-reference.txt describes it (plus workspaceId, and a new chat's settings). */
export const chatRequestSchema = z.object({
  messages: z
    .array(z.object({ role: z.enum(["user", "assistant", "system"]), content }))
    .min(1, "Send at least one message")
    .max(CHAT_REQUEST_LIMITS.messages, `Send at most ${CHAT_REQUEST_LIMITS.messages} messages`),
  chatId: z.uuid().optional(),
  modelId: modelId.optional(),
  documentIds: documentIds.optional(),
  workspaceId: z.uuid().optional(),
  systemPrompt: systemPrompt.optional(),
  temperature: temperature.optional(),
});

export const messageInputSchema = z.object({ content, modelId: modelId.optional(), documentIds: documentIds.optional() });
/** Regenerate: the last question of the current branch, or `messageId`'s; with `content`, an edited copy of it. */
export const regenerateInputSchema = z.object({
  content: content.optional(),
  modelId: modelId.optional(),
  messageId: z.uuid().optional(),
  documentIds: documentIds.optional(),
});
export const chatCreateSchema = z.object({
  title: z.string().trim().max(120).optional(),
  modelId: modelId.optional(),
  systemPrompt: systemPrompt.optional(),
  temperature: temperature.optional(),
});
export const chatUpdateSchema = z
  .object({
    title: chatTitle.optional(),
    modelId: modelId.optional(),
    systemPrompt: systemPrompt.optional(),
    temperature: temperature.optional(),
    pinned: z.boolean().optional(),
    /** Shows the branch through this message (its newest continuation). */
    currentMessageId: z.uuid().optional(),
  })
  .refine((v) => Object.values(v).some((value) => value !== undefined), "Send at least one field to change");
export const togglePublicSchema = z.object({ isPublic: z.boolean().optional() });
export const inviteUserSchema = z.object({ email: z.email("Enter a valid email address") });
/** invite-user: a member by `email`, or a team by `teamId`. */
export const chatShareSchema = z
  .object({ email: z.email("Enter a valid email address").optional(), teamId: z.uuid("Not a team id").optional() })
  .refine((v) => (v.email === undefined) !== (v.teamId === undefined), "Send either an email or a teamId");
export const chatParamsSchema = z.object({ workspaceId: z.uuid(), chatId: z.uuid() });
export const messageParamsSchema = chatParamsSchema.extend({ messageId: z.uuid() });
export const chatSearchSchema = z.object({ q: z.string().max(200).optional() });

export const feedbackSchema = z.object({
  rating: z.enum(["up", "down"], { error: "Rate it up or down" }),
  note: feedbackNote.nullable().optional(),
});

export const promptInputSchema = z.object({
  title: z.string().trim().min(1, "Give the prompt a name").max(80, "Use at most 80 characters"),
  content: z.string().trim().min(1, "Write the prompt").max(20_000, "Use at most 20,000 characters"),
});
export const promptUpdateSchema = promptInputSchema
  .partial()
  .refine((v) => v.title !== undefined || v.content !== undefined, "Send a title or a content");
export const promptParamsSchema = z.object({ workspaceId: z.uuid(), promptId: z.uuid() });
