// An owner funds a workspace from their personal one (where the free monthly
// grant lands): the only way an ordinary user moves credits, never mints them.
import { availableCredits, creditBalance, transferCredits } from "~/modules/billing/credits.server";
import { conflict, forbidden } from "~/modules/http/errors";
import { can } from "./permissions";
import { personalWorkspace, type Membership } from "./workspaces.server";

export type CreditTransferResult = {
  amount: number;
  from: { workspaceId: string; balance: number };
  to: { workspaceId: string; balance: number };
};

/** What the caller's personal workspace could move now (for the form). */
export function transferableCredits(membership: Membership): number {
  return Math.max(0, availableCredits(personalWorkspace(membership.user).workspace.id));
}

export function moveCreditsFromPersonal(membership: Membership, amount: number): CreditTransferResult {
  if (!can(membership.role, "credits.transferIn")) throw forbidden("Only an owner can move credits into this workspace");
  if (membership.workspace.isPersonal) throw conflict("Credits move from your personal workspace to another one, not into it");
  const personal = personalWorkspace(membership.user).workspace;
  transferCredits(
    { workspaceId: personal.id, description: `Moved to ${membership.workspace.name}` },
    {
      workspaceId: membership.workspace.id,
      description: `Moved from ${membership.user.name ?? membership.user.email}'s personal workspace`,
    },
    amount,
    membership.user.id,
  );
  return {
    amount,
    from: { workspaceId: personal.id, balance: creditBalance(personal.id) },
    to: { workspaceId: membership.workspace.id, balance: creditBalance(membership.workspace.id) },
  };
}
