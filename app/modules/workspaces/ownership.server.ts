// What leaving Cairn does to a person's workspaces: their personal one and the
// ones nobody else owns go with the account (their chats, documents and
// credits too); the others stay with their remaining owners. See docs/decisions/0014.
import { and, eq, inArray, ne } from "drizzle-orm";
import { workspaceMemberships, workspaces } from "#db/schema";
import { db } from "~/modules/db/database.server";
import { listWorkspaces, type WorkspaceView } from "./workspaces.server";

export type WorkspaceFate = { workspace: WorkspaceView; fate: "deleted" | "stays"; otherMembers: number };

export function workspaceFates(userId: string): WorkspaceFate[] {
  // A person's own personal workspace always goes with them, even if they made someone else an owner
  // of it: it carries the free monthly grant, which belongs to one account.
  const own = db()
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(and(eq(workspaces.isPersonal, true), eq(workspaces.createdBy, userId)))
    .get();
  return listWorkspaces(userId).map((workspace) => {
    const others = db()
      .select({ role: workspaceMemberships.role })
      .from(workspaceMemberships)
      .where(and(eq(workspaceMemberships.workspaceId, workspace.id), ne(workspaceMemberships.userId, userId)))
      .all();
    const ownedAlone = workspace.role === "owner" && !others.some((o) => o.role === "owner");
    return { workspace, fate: ownedAlone || workspace.id === own?.id ? "deleted" : "stays", otherMembers: others.length };
  });
}

/** Deletes the workspaces nobody but this person owns (run it in the account's deletion transaction). */
export function deleteWorkspacesOwnedAlone(userId: string): string[] {
  const doomed = workspaceFates(userId)
    .filter((f) => f.fate === "deleted")
    .map((f) => f.workspace.id);
  if (doomed.length) db().delete(workspaces).where(inArray(workspaces.id, doomed)).run();
  return doomed;
}
