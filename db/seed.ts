// npm run db:seed — an activated demo account with a personal and a team
// workspace, for trying Cairn locally. Safe to run twice.
import { findUserByEmail, registerUser } from "~/modules/auth/accounts.server";
import { recordCredits } from "~/modules/billing/credits.server";
import { createWorkspace } from "~/modules/workspaces/workspaces.server";

const DEMO_EMAIL = "demo@cairn.local";
const DEMO_PASSWORD = "cairn-demo-password";

if (findUserByEmail(DEMO_EMAIL)) {
  console.log(`Demo account already there: ${DEMO_EMAIL} / ${DEMO_PASSWORD}`);
} else {
  const user = await registerUser({ email: DEMO_EMAIL, password: DEMO_PASSWORD, name: "Demo" }, { preActivated: true });
  const team = createWorkspace(user.id, "Demo team");
  // Only personal workspaces get the free grant; the demo team gets credits as an admin would give them.
  recordCredits(team.id, { type: "adjustment", amount: 500, description: "Adjustment: demo credits" });
  console.log(`Demo account created: ${DEMO_EMAIL} / ${DEMO_PASSWORD}`);
}
