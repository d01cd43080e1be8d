// Who may do what in a workspace: the one place the role rules live. Plain
// functions without server imports, so pages offer exactly what the server allows.
export type WorkspaceRole = "owner" | "admin" | "member";
export type TeamRole = "admin" | "member";

const OWNER_AND_ADMIN = ["owner", "admin"] as const;

const RULES = {
  "workspace.rename": OWNER_AND_ADMIN,
  "workspace.delete": ["owner"],
  // Change members' roles (below owner) and limits, remove members, see everyone's spend.
  "members.manage": OWNER_AND_ADMIN,
  // Make someone an owner, or change or remove an owner.
  "members.manageOwners": ["owner"],
  "invitations.manage": OWNER_AND_ADMIN,
  "teams.create": OWNER_AND_ADMIN,
  // Edit, delete and staff any team, not only those one is a team admin of.
  "teams.manageAny": OWNER_AND_ADMIN,
  "billing.manage": OWNER_AND_ADMIN,
  "apiKeys.manageAny": OWNER_AND_ADMIN,
  // Delete or publish chats, documents and knowledge bases that others made.
  "content.manageAny": OWNER_AND_ADMIN,
  // Move credits from one's personal workspace into this one.
  "credits.transferIn": ["owner"],
} as const satisfies Record<string, readonly WorkspaceRole[]>;

export type WorkspaceAction = keyof typeof RULES;

export function can(role: WorkspaceRole, action: WorkspaceAction): boolean {
  return (RULES[action] as readonly WorkspaceRole[]).includes(role);
}

/** Chats, documents and knowledge bases: their creator manages them, and so do owners and admins. */
export function canManageContent(role: WorkspaceRole, createdBy: string | null, userId: string): boolean {
  return createdBy === userId || can(role, "content.manageAny");
}

/** A team is run by its team admins and by the workspace's owners and admins. */
export function canManageTeam(role: WorkspaceRole, teamRole: TeamRole | null): boolean {
  return can(role, "teams.manageAny") || teamRole === "admin";
}

/** Whether `actor` may change or remove a member whose role is `target` (owners only by owners). */
export function canManageMember(actor: WorkspaceRole, target: WorkspaceRole): boolean {
  return can(actor, "members.manage") && (target !== "owner" || can(actor, "members.manageOwners"));
}

/** Whether `actor` may move a member from role `from` to role `to`. */
export function canChangeRole(actor: WorkspaceRole, from: WorkspaceRole, to: WorkspaceRole): boolean {
  return canManageMember(actor, from) && (to !== "owner" || can(actor, "members.manageOwners"));
}
