import { z } from "zod";

export const workspaceInputSchema = z.object({
  name: z.string().trim().min(1, "Give the workspace a name").max(80, "Use at most 80 characters"),
});

export const workspaceParamsSchema = z.object({ workspaceId: z.uuid() });
