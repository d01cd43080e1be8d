// Knowledge bases: named sets of a workspace's documents. A chat can have
// knowledge bases attached; its answers are then grounded in their documents.
import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import { chatKnowledgeBases, documents, knowledgeBaseDocuments, knowledgeBases, type KnowledgeBase } from "#db/schema";
import { db, transaction } from "~/modules/db/database.server";
import { notFound } from "~/modules/http/errors";
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

export function listKnowledgeBases(membership: Membership): KnowledgeBaseView[] {
  const counts = sql<number>`(select count(*) from ${knowledgeBaseDocuments} where ${knowledgeBaseDocuments.knowledgeBaseId} = ${knowledgeBases.id})`;
  return db()
    .select({ kb: knowledgeBases, documentCount: counts })
    .from(knowledgeBases)
    .where(eq(knowledgeBases.workspaceId, membership.workspace.id))
    .orderBy(asc(knowledgeBases.name))
    .all()
    .map((row) => toKnowledgeBaseView(row.kb, row.documentCount));
}

export function requireKnowledgeBase(membership: Membership, id: string): KnowledgeBase {
  const kb = db()
    .select()
    .from(knowledgeBases)
    .where(and(eq(knowledgeBases.id, id), eq(knowledgeBases.workspaceId, membership.workspace.id)))
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

export function deleteKnowledgeBase(kb: KnowledgeBase) {
  db().delete(knowledgeBases).where(eq(knowledgeBases.id, kb.id)).run();
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
// callers pass a chat they already resolved for the caller.

export function chatKnowledgeBaseIds(chatId: string): string[] {
  return db()
    .select({ id: chatKnowledgeBases.knowledgeBaseId })
    .from(chatKnowledgeBases)
    .where(eq(chatKnowledgeBases.chatId, chatId))
    .all()
    .map((row) => row.id);
}

export function listChatKnowledgeBases(chatId: string): KnowledgeBaseView[] {
  return db()
    .select({ kb: knowledgeBases })
    .from(chatKnowledgeBases)
    .innerJoin(knowledgeBases, eq(knowledgeBases.id, chatKnowledgeBases.knowledgeBaseId))
    .where(eq(chatKnowledgeBases.chatId, chatId))
    .orderBy(asc(knowledgeBases.name))
    .all()
    .map((row) => toKnowledgeBaseView(row.kb));
}

export function attachKnowledgeBases(membership: Membership, chatId: string, ids: string[]): KnowledgeBaseView[] {
  const kbs = ids.map((id) => requireKnowledgeBase(membership, id));
  transaction((tx) => {
    for (const kb of kbs) tx.insert(chatKnowledgeBases).values({ chatId, knowledgeBaseId: kb.id }).onConflictDoNothing().run();
  });
  return listChatKnowledgeBases(chatId);
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
  return listChatKnowledgeBases(chatId);
}
