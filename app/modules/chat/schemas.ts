import { z } from "zod";
import { MODEL_IDS } from "~/modules/ai/models";

const content = z.string().trim().min(1, "Write a message").max(100_000, "Use at most 100,000 characters");
const modelId = z.enum(MODEL_IDS, { error: "Unknown model" });
const documentIds = z.array(z.uuid()).max(50);

/** POST /api/chat, as api-reference.txt describes it (plus an optional workspaceId). */
export const chatRequestSchema = z.object({
  messages: z
    .array(z.object({ role: z.enum(["user", "assistant", "system"]), content }))
    .min(1, "Send at least one message")
    .max(500),
  chatId: z.uuid().optional(),
  modelId: modelId.optional(),
  documentIds: documentIds.optional(),
  workspaceId: z.uuid().optional(),
});

export const messageInputSchema = z.object({ content, modelId: modelId.optional(), documentIds: documentIds.optional() });
export const regenerateInputSchema = z.object({ content: content.optional(), modelId: modelId.optional() });
export const chatCreateSchema = z.object({ title: z.string().trim().max(120).optional(), modelId: modelId.optional() });
export const chatUpdateSchema = z
  .object({ title: z.string().trim().min(1).max(120).optional(), modelId: modelId.optional() })
  .refine((v) => v.title !== undefined || v.modelId !== undefined, "Send a title or a modelId");
export const togglePublicSchema = z.object({ isPublic: z.boolean().optional() });
export const inviteUserSchema = z.object({ email: z.email("Enter a valid email address") });
/** invite-user: a member by `email`, or a team by `teamId`. */
export const chatShareSchema = z
  .object({ email: z.email("Enter a valid email address").optional(), teamId: z.uuid("Not a team id").optional() })
  .refine((v) => (v.email === undefined) !== (v.teamId === undefined), "Send either an email or a teamId");
export const chatParamsSchema = z.object({ workspaceId: z.uuid(), chatId: z.uuid() });
export const chatSearchSchema = z.object({ q: z.string().max(200).optional() });
