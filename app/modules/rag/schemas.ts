import { z } from "zod";

export const documentParamsSchema = z.object({ workspaceId: z.uuid(), documentId: z.uuid() });
export const knowledgeBaseParamsSchema = z.object({ workspaceId: z.uuid(), knowledgeBaseId: z.uuid() });
export const knowledgeBaseTeamParamsSchema = z.object({ workspaceId: z.uuid(), knowledgeBaseId: z.uuid(), teamId: z.uuid() });
export const knowledgeBaseShareSchema = z.object({ teamId: z.uuid("Not a team id") });

/** Step one of a two-step upload: what will be sent. */
export const pendingUploadSchema = z.object({
  filename: z.string().trim().min(1, "Name the file").max(255),
  contentType: z.string().trim().max(255).optional(),
  size: z.number().int().positive().optional(),
  title: z.string().trim().max(200).optional(),
});
export const fromUrlSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: "Give an http(s) address" }).max(2048),
  title: z.string().trim().max(200).optional(),
});
export const documentUpdateSchema = z
  .object({ title: z.string().trim().min(1).max(200).optional(), filename: z.string().trim().min(1).max(255).optional() })
  .refine((v) => v.title !== undefined || v.filename !== undefined, "Send a title or a filename");
export const chunkPagingSchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
// Any documentId that is not a document id is a 400 (the spec), not a 422.
export const ragRequestSchema = z.object({ documentId: z.unknown().optional() });

export const knowledgeBaseInputSchema = z.object({
  name: z.string().trim().min(1, "Name the knowledge base").max(120),
  description: z.string().trim().max(2000).optional(),
  documentIds: z.array(z.uuid()).max(500).optional(),
});
export const knowledgeBaseUpdateSchema = z
  .object({ name: z.string().trim().min(1).max(120).optional(), description: z.string().trim().max(2000).optional() })
  .refine((v) => v.name !== undefined || v.description !== undefined, "Send a name or a description");
export const documentIdsSchema = z.object({ documentIds: z.array(z.uuid()).min(1, "Name at least one document").max(500) });
export const knowledgeBaseIdsSchema = z.object({ knowledgeBaseIds: z.array(z.uuid()).min(1, "Name at least one knowledge base").max(50) });
