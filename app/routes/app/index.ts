import { redirect } from "react-router";
import { requirePageUser } from "~/modules/auth/guard.server";
import { currentWorkspace } from "~/modules/workspaces/workspaces.server";
import type { Route } from "./+types/index";

// /app (where log-in lands) opens a new chat in the workspace the person last worked in.
export async function loader({ request }: Route.LoaderArgs) {
  const user = await requirePageUser(request);
  return redirect(`/w/${currentWorkspace(user).workspace.id}/chats`);
}
