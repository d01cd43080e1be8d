// npm run db:seed — an activated demo account with a personal and a team
// workspace, for trying Cairn locally. Safe to run twice.
import { findUserByEmail, registerUser } from "~/modules/auth/accounts.server";
import { createWorkspace } from "~/modules/workspaces/workspaces.server";

const DEMO_EMAIL = "demo@cairn.local";
const DEMO_PASSWORD = "cairn-demo-password";

if (findUserByEmail(DEMO_EMAIL)) {
  console.log(`Demo account already there: ${DEMO_EMAIL} / ${DEMO_PASSWORD}`);
} else {
  const user = await registerUser({ email: DEMO_EMAIL, password: DEMO_PASSWORD, name: "Demo" }, { preActivated: true });
  createWorkspace(user.id, "Demo team");
  console.log(`Demo account created: ${DEMO_EMAIL} / ${DEMO_PASSWORD}`);
}
