// Knowledge bases: named sets of a workspace's documents. A chat can have
// knowledge bases attached; its answers are then grounded in their documents.
// A knowledge base is the whole workspace's until it is shared with teams:
// then only those teams, its creator, and the workspace's owners and admins see it.
import { and, asc, count, desc, eq, inArray, or, sql } from "drizzle-orm";
import {
  chatKnowledgeBases,
  documents,
  knowledgeBaseDocuments,
  knowledgeBases,
  knowledgeBaseTeamShares,
  teams,
  type KnowledgeBase,
} from "#db/schema";
import { db, transaction } from "~/modules/db/database.server";
import { forbidden, notFound } from "~/modules/http/errors";
import { can, canManageContent } from "~/modules/workspaces/permissions";
import { requireTeamToShareWith, teamIdsOf } from "~/modules/workspaces/teams.server";
import type { Membership } from "~/modules/workspaces/workspaces.server";
import { assertDocumentsInWorkspace, toDocumentView, type DocumentView } from "./documents.server";

export type KnowledgeBaseView = {
  id: string;
  workspaceId: string;
  name: string;
  description: string;
  documentCount: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

const documentCount = (id: string) =>
  db().select({ n: count() }).from(knowledgeBaseDocuments).where(eq(knowledgeBaseDocuments.knowledgeBaseId, id)).get()?.n ?? 0;

export const toKnowledgeBaseView = (kb: KnowledgeBase, documentTotal = documentCount(kb.id)): KnowledgeBaseView => ({
  id: kb.id,
  workspaceId: kb.workspaceId,
  name: kb.name,
  description: kb.description,
  documentCount: documentTotal,
  createdBy: kb.createdBy,
  createdAt: kb.createdAt.toISOString(),
  updatedAt: kb.updatedAt.toISOString(),
});

/** Which knowledge bases the caller sees: unshared ones, their own, their teams', or all for owners and admins. */
function visibleTo(membership: Membership) {
  if (can(membership.role, "content.manageAny")) return undefined;
  const teamIds = teamIdsOf(membership.workspace.id, membership.user.id);
  return or(
    sql`not exists (select 1 from ${knowledgeBaseTeamShares} where ${knowledgeBaseTeamShares.knowledgeBaseId} = ${knowledgeBases.id})`,
    eq(knowledgeBases.createdBy, membership.user.id),
    teamIds.length
      ? sql`exists (select 1 from ${knowledgeBaseTeamShares} where ${knowledgeBaseTeamShares.knowledgeBaseId} = ${knowledgeBases.id} and ${inArray(knowledgeBaseTeamShares.teamId, teamIds)})`
      : undefined,
  );
}

export function listKnowledgeBases(membership: Membership): KnowledgeBaseView[] {
  const counts = sql<number>`(select count(*) from ${knowledgeBaseDocuments} where ${knowledgeBaseDocuments.knowledgeBaseId} = ${knowledgeBases.id})`;
  return db()
    .select({ kb: knowledgeBases, documentCount: counts })
    .from(knowledgeBases)
    .where(and(eq(knowledgeBases.workspaceId, membership.workspace.id), visibleTo(membership)))
    .orderBy(asc(knowledgeBases.name))
    .all()
    .map((row) => toKnowledgeBaseView(row.kb, row.documentCount));
}

export function requireKnowledgeBase(membership: Membership, id: string): KnowledgeBase {
  const kb = db()
    .select()
    .from(knowledgeBases)
    .where(and(eq(knowledgeBases.id, id), eq(knowledgeBases.workspaceId, membership.workspace.id), visibleTo(membership)))
    .get();
  if (!kb) throw notFound("Knowledge base not found");
  return kb;
}

export function createKnowledgeBase(
  membership: Membership,
  input: { name: string; description?: string; documentIds?: string[] },
): KnowledgeBaseView {
  return transaction(() => {
    const kb = db()
      .insert(knowledgeBases)
      .values({
        workspaceId: membership.workspace.id,
        createdBy: membership.user.id,
        name: input.name,
        description: input.description ?? "",
      })
      .returning()
      .get();
    if (input.documentIds?.length) addDocuments(membership, kb, input.documentIds);
    return toKnowledgeBaseView(kb);
  });
}

export function updateKnowledgeBase(kb: KnowledgeBase, changes: { name?: string; description?: string }): KnowledgeBaseView {
  return toKnowledgeBaseView(
    db()
      .update(knowledgeBases)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(knowledgeBases.id, kb.id))
      .returning()
      .get(),
  );
}

export function deleteKnowledgeBase(membership: Membership, kb: KnowledgeBase) {
  if (!canManageContent(membership.role, kb.createdBy, membership.user.id))
    throw forbidden("Only the knowledge base's creator or a workspace owner or admin can delete it");
  db().delete(knowledgeBases).where(eq(knowledgeBases.id, kb.id)).run();
}

// Sharing with teams: the creator, owners and admins decide who sees a knowledge base.

export type KnowledgeBaseTeamView = { id: string; name: string };

export function listKnowledgeBaseTeams(kb: KnowledgeBase): KnowledgeBaseTeamView[] {
  return db()
    .select({ id: teams.id, name: teams.name })
    .from(knowledgeBaseTeamShares)
    .innerJoin(teams, eq(teams.id, knowledgeBaseTeamShares.teamId))
    .where(eq(knowledgeBaseTeamShares.knowledgeBaseId, kb.id))
    .orderBy(asc(teams.name))
    .all();
}

function requireSharer(membership: Membership, kb: KnowledgeBase) {
  if (!canManageContent(membership.role, kb.createdBy, membership.user.id))
    throw forbidden("Only the knowledge base's creator or a workspace owner or admin can change who sees it");
}

export function shareKnowledgeBaseWithTeam(membership: Membership, kb: KnowledgeBase, teamId: string): KnowledgeBaseTeamView[] {
  requireSharer(membership, kb);
  const team = requireTeamToShareWith(kb.workspaceId, teamId);
  db()
    .insert(knowledgeBaseTeamShares)
    .values({ knowledgeBaseId: kb.id, teamId: team.id, sharedBy: membership.user.id })
    .onConflictDoNothing()
    .run();
  return listKnowledgeBaseTeams(kb);
}

/** Stops sharing with a team; shared with no team, the knowledge base is the whole workspace's again. */
export function unshareKnowledgeBase(membership: Membership, kb: KnowledgeBase, teamId: string): KnowledgeBaseTeamView[] {
  requireSharer(membership, kb);
  const removed = db()
    .delete(knowledgeBaseTeamShares)
    .where(and(eq(knowledgeBaseTeamShares.knowledgeBaseId, kb.id), eq(knowledgeBaseTeamShares.teamId, teamId)))
    .returning()
    .get();
  if (!removed) throw notFound("This knowledge base is not shared with that team");
  return listKnowledgeBaseTeams(kb);
}

export function addDocuments(membership: Membership, kb: KnowledgeBase, ids: string[]): KnowledgeBaseView {
  const documentIds = assertDocumentsInWorkspace(membership.workspace.id, ids);
  transaction((tx) => {
    for (const documentId of documentIds)
      tx.insert(knowledgeBaseDocuments).values({ knowledgeBaseId: kb.id, documentId }).onConflictDoNothing().run();
    tx.update(knowledgeBases).set({ updatedAt: new Date() }).where(eq(knowledgeBases.id, kb.id)).run();
  });
  return toKnowledgeBaseView(kb);
}

export function removeDocuments(membership: Membership, kb: KnowledgeBase, ids: string[]): KnowledgeBaseView {
  const documentIds = assertDocumentsInWorkspace(membership.workspace.id, ids);
  db()
    .delete(knowledgeBaseDocuments)
    .where(and(eq(knowledgeBaseDocuments.knowledgeBaseId, kb.id), inArray(knowledgeBaseDocuments.documentId, documentIds)))
    .run();
  return toKnowledgeBaseView(kb);
}

export function listKnowledgeBaseDocuments(kb: KnowledgeBase): DocumentView[] {
  return db()
    .select({ document: documents })
    .from(knowledgeBaseDocuments)
    .innerJoin(documents, eq(documents.id, knowledgeBaseDocuments.documentId))
    .where(eq(knowledgeBaseDocuments.knowledgeBaseId, kb.id))
    .orderBy(desc(documents.createdAt))
    .all()
    .map((row) => toDocumentView(row.document));
}

// Chats' knowledge bases. The chat's own access rules are the chat module's;
// callers pass a chat they already resolved for the caller. A chat read by
// someone outside a knowledge base's teams neither lists it nor answers from
// it for them: the attachment is the chat's, the documents stay the team's.

export function chatKnowledgeBaseIds(membership: Membership, chatId: string): string[] {
  return chatKnowledgeBasesSeenBy(membership, chatId).map((kb) => kb.id);
}

export function listChatKnowledgeBases(membership: Membership, chatId: string): KnowledgeBaseView[] {
  return chatKnowledgeBasesSeenBy(membership, chatId).map((kb) => toKnowledgeBaseView(kb));
}

function chatKnowledgeBasesSeenBy(membership: Membership, chatId: string): KnowledgeBase[] {
  return db()
    .select({ kb: knowledgeBases })
    .from(chatKnowledgeBases)
    .innerJoin(knowledgeBases, eq(knowledgeBases.id, chatKnowledgeBases.knowledgeBaseId))
    .where(and(eq(chatKnowledgeBases.chatId, chatId), visibleTo(membership)))
    .orderBy(asc(knowledgeBases.name))
    .all()
    .map((row) => row.kb);
}

export function attachKnowledgeBases(membership: Membership, chatId: string, ids: string[]): KnowledgeBaseView[] {
  const kbs = ids.map((id) => requireKnowledgeBase(membership, id));
  transaction((tx) => {
    for (const kb of kbs) tx.insert(chatKnowledgeBases).values({ chatId, knowledgeBaseId: kb.id }).onConflictDoNothing().run();
  });
  return listChatKnowledgeBases(membership, chatId);
}

export function detachKnowledgeBases(membership: Membership, chatId: string, ids: string[]): KnowledgeBaseView[] {
  const kbs = ids.map((id) => requireKnowledgeBase(membership, id));
  db()
    .delete(chatKnowledgeBases)
    .where(
      and(
        eq(chatKnowledgeBases.chatId, chatId),
        inArray(
          chatKnowledgeBases.knowledgeBaseId,
          kbs.map((kb) => kb.id),
        ),
      ),
    )
    .run();
  return listChatKnowledgeBases(membership, chatId);
}
