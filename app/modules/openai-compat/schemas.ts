// The body of POST /v1/chat/completions as OpenAI's Chat Completions API
// defines it (the part Cairn serves), plus Cairn's grounding fields. Fields
// of features Cairn does not offer (tools, several choices, log
// probabilities, structured output) are refused by name rather than ignored,
// so a program never takes a plain answer for the one it asked for.
import { z } from "zod";

const MAX_CONTENT = 100_000;

const textPart = z.object({ type: z.literal("text"), text: z.string().max(MAX_CONTENT) });
const content = z.union([
  z.string().max(MAX_CONTENT),
  z.array(textPart, { error: "Only text content parts ({ type: 'text', text }) are supported" }).max(100),
]);

const message = z.object({
  role: z.enum(["system", "developer", "user", "assistant"], {
    error: "Use the roles system, developer, user or assistant (tool calls are not supported)",
  }),
  content: content.nullable().optional(),
  name: z.string().max(256).optional(),
});

const tokenLimit = z.number().int().positive().nullable().optional();
const unsupported = (what: string) =>
  z
    .unknown()
    .refine((v) => v === null, `${what} is not supported`)
    .optional();
const emptyOr = (what: string) =>
  z
    .unknown()
    .refine((v) => v === null || (Array.isArray(v) && v.length === 0), `${what} is not supported`)
    .optional();

export const chatCompletionRequestSchema = z.object({
  model: z.string({ error: "Name a model" }).min(1, "Name a model").max(200),
  messages: z.array(message).min(1, "Send at least one message").max(500),
  stream: z.boolean().nullable().optional(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullable().optional(),
  max_tokens: tokenLimit,
  max_completion_tokens: tokenLimit,
  temperature: z.number().min(0).max(2).nullable().optional(),
  stop: z
    .union([z.string().min(1).max(200), z.array(z.string().min(1).max(200)).max(4, "At most 4 stop sequences")])
    .nullable()
    .optional(),
  n: z.literal(1, "Only n = 1 is supported").nullable().optional(),
  tools: emptyOr("Tool calling"),
  functions: emptyOr("Function calling"),
  logprobs: z.literal(false, "Log probabilities are not supported").nullable().optional(),
  response_format: z
    .object({ type: z.literal("text", "Only the text response format is supported") })
    .nullable()
    .optional(),
  audio: unsupported("Audio output"),
  // Cairn's own: ground the answer in these documents and knowledge bases of the key's workspace.
  document_ids: z.array(z.uuid("Use document ids (UUIDs)")).max(50).optional(),
  knowledge_base_ids: z.array(z.uuid("Use knowledge base ids (UUIDs)")).max(50).optional(),
});

export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;

export const modelParamsSchema = z.object({ modelId: z.string().min(1).max(200) });
