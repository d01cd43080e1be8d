// Saved prompts: a small library per workspace, inserted in the composer with
// "/". Every member may add one; its author or a workspace owner or admin may
// change or delete it.
import { and, asc, count, eq } from "drizzle-orm";
import { savedPrompts, type SavedPrompt } from "#db/schema";
import { db } from "~/modules/db/database.server";
import { conflict, forbidden, notFound } from "~/modules/http/errors";
import { canManageContent } from "~/modules/workspaces/permissions";
import type { Membership } from "~/modules/workspaces/workspaces.server";

/** Enough for a team's habits, small enough to list in the composer's menu at once. */
export const MAX_PROMPTS_PER_WORKSPACE = 200;

export type PromptView = { id: string; title: string; content: string; createdBy: string | null; createdAt: string; updatedAt: string };

export const toPromptView = (p: SavedPrompt): PromptView => ({
  id: p.id,
  title: p.title,
  content: p.content,
  createdBy: p.createdBy,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});

export function listPrompts(membership: Membership): PromptView[] {
  return db()
    .select()
    .from(savedPrompts)
    .where(eq(savedPrompts.workspaceId, membership.workspace.id))
    .orderBy(asc(savedPrompts.title))
    .all()
    .map(toPromptView);
}

export function requirePrompt(membership: Membership, promptId: string): SavedPrompt {
  const prompt = db()
    .select()
    .from(savedPrompts)
    .where(and(eq(savedPrompts.id, promptId), eq(savedPrompts.workspaceId, membership.workspace.id)))
    .get();
  if (!prompt) throw notFound("Prompt not found");
  return prompt;
}

export function createPrompt(membership: Membership, input: { title: string; content: string }): PromptView {
  const [{ total }] = db()
    .select({ total: count() })
    .from(savedPrompts)
    .where(eq(savedPrompts.workspaceId, membership.workspace.id))
    .all() as [{ total: number }];
  if (total >= MAX_PROMPTS_PER_WORKSPACE)
    throw conflict(`This workspace already has ${MAX_PROMPTS_PER_WORKSPACE} saved prompts; delete one to add another.`);
  return toPromptView(
    db()
      .insert(savedPrompts)
      .values({ workspaceId: membership.workspace.id, createdBy: membership.user.id, title: input.title, content: input.content })
      .returning()
      .get(),
  );
}

function assertCanEdit(membership: Membership, prompt: SavedPrompt) {
  if (!canManageContent(membership.role, prompt.createdBy, membership.user.id))
    throw forbidden("Only the prompt's author or a workspace admin can change it");
}

export function updatePrompt(membership: Membership, prompt: SavedPrompt, changes: { title?: string; content?: string }): PromptView {
  assertCanEdit(membership, prompt);
  return toPromptView(
    db()
      .update(savedPrompts)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(savedPrompts.id, prompt.id))
      .returning()
      .get(),
  );
}

export function deletePrompt(membership: Membership, prompt: SavedPrompt) {
  assertCanEdit(membership, prompt);
  db().delete(savedPrompts).where(eq(savedPrompts.id, prompt.id)).run();
}
