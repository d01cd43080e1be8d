// Creates the benchmark's account (activated, pro plan, plenty of credits) in DATABASE_PATH.
import { eq } from "drizzle-orm";
import { workspacePlans } from "#db/schema";
import { registerUser } from "~/modules/auth/accounts.server";
import { recordCredits } from "~/modules/billing/credits.server";
import { db } from "~/modules/db/database.server";
import { currentWorkspace } from "~/modules/workspaces/workspaces.server";

const user = await registerUser({ email: "bench@cairn.local", password: "bench password 1234", name: "Bench" }, { preActivated: true });
const { workspace } = currentWorkspace(user);
db().update(workspacePlans).set({ plan: "pro" }).where(eq(workspacePlans.workspaceId, workspace.id)).run();
recordCredits(workspace.id, { type: "adjustment", amount: 1_000_000, description: "Benchmark credits" });
