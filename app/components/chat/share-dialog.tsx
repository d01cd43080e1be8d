// Sharing a chat: a public link to a copy of it (taken now, updated on
// request), and sharing with members of the workspace.
import { useFetcher } from "react-router";
import type { ChatView } from "~/modules/chat/chats.server";
import { useActionToast, type ActionResult } from "./action-toast";
import { CopyButton } from "./copy-button";
import { Modal } from "./modal";

export type Member = { userId: string; email: string; name: string | null };

const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const button = "rounded-lg px-3 py-2 text-sm font-medium";

export default function ShareDialog({
  chat,
  publicUrl,
  canManage,
  members,
  teams,
  onClose,
}: {
  chat: ChatView;
  publicUrl: string | null;
  canManage: boolean;
  members: Member[];
  teams: { id: string; name: string }[];
  onClose: () => void;
}) {
  const fetcher = useFetcher();
  useActionToast(fetcher);
  const failure = fetcher.data && !(fetcher.data as ActionResult).ok ? (fetcher.data as Extract<ActionResult, { ok: false }>) : null;
  const invitable = members.filter((m) => !chat.sharedWith.some((s) => s.userId === m.userId));
  const teamsLeft = teams.filter((t) => !chat.sharedWithTeams.some((s) => s.id === t.id));
  const sharedWith = [...chat.sharedWith.map((p) => p.name ?? p.email), ...chat.sharedWithTeams.map((t) => `team ${t.name}`)];
  const outdated = chat.publishedAt !== null && Date.parse(chat.updatedAt) > Date.parse(chat.publishedAt);

  return (
    <Modal open onClose={onClose} title="Share chat" description={chat.title}>
      <div className="flex flex-col gap-6 text-sm">
        <section className="flex flex-col gap-2" aria-labelledby="public-link-heading">
          <h3 id="public-link-heading" className="font-semibold">
            Public link
          </h3>
          {publicUrl ? (
            <>
              <p className="text-stone-600">
                Anyone with the link reads a copy of this chat as it was on {dateTime.format(new Date(chat.publishedAt!))} UTC. Your name,
                your documents' text and later messages are not included.
              </p>
              <div className="flex items-center gap-1 rounded-lg border border-stone-200 bg-stone-50 px-2 py-1">
                <a href={publicUrl} className="min-w-0 flex-1 truncate text-brand-700 underline" data-testid="public-link">
                  {publicUrl}
                </a>
                <CopyButton text={() => publicUrl} label="Copy link" />
              </div>
            </>
          ) : (
            <p className="text-stone-600">Only you and the people you share it with can read this chat.</p>
          )}
          {canManage ? (
            <fetcher.Form method="post" className="flex flex-wrap gap-2">
              <input type="hidden" name="intent" value="set-public" />
              {publicUrl ? (
                <>
                  <button type="submit" name="isPublic" value="true" className={`${button} border border-stone-300 hover:bg-stone-100`}>
                    Update public copy{outdated ? " (the chat changed)" : ""}
                  </button>
                  <button type="submit" name="isPublic" value="false" className={`${button} text-red-700 hover:bg-red-50`}>
                    Stop sharing publicly
                  </button>
                </>
              ) : (
                <button type="submit" name="isPublic" value="true" className={`${button} bg-stone-900 text-white hover:bg-stone-700`}>
                  Make public
                </button>
              )}
            </fetcher.Form>
          ) : (
            <p className="text-xs text-stone-500">Only the chat's creator or a workspace admin can make it public.</p>
          )}
        </section>
        <section className="flex flex-col gap-2" aria-labelledby="share-member-heading">
          <h3 id="share-member-heading" className="font-semibold">
            Share with a workspace member
          </h3>
          {sharedWith.length > 0 && <p className="text-stone-600">Shared with {sharedWith.join(", ")}.</p>}
          {invitable.length === 0 ? (
            <p className="text-xs text-stone-500">Every other member of this workspace can already read it, or there is nobody else yet.</p>
          ) : (
            <fetcher.Form method="post" className="flex gap-2">
              <input type="hidden" name="intent" value="invite" />
              <label htmlFor="share-email" className="sr-only">
                Member
              </label>
              <select id="share-email" name="email" className="min-w-0 flex-1 rounded-lg border border-stone-300 bg-white px-2 py-2">
                {invitable.map((m) => (
                  <option key={m.userId} value={m.email}>
                    {m.name ? `${m.name} (${m.email})` : m.email}
                  </option>
                ))}
              </select>
              <button type="submit" className={`${button} bg-stone-900 text-white hover:bg-stone-700`}>
                Share
              </button>
            </fetcher.Form>
          )}
          {failure?.fieldErrors.email && <p className="text-xs text-red-700">{failure.fieldErrors.email}</p>}
        </section>
        {teamsLeft.length > 0 && (
          <section className="flex flex-col gap-2" aria-labelledby="share-team-heading">
            <h3 id="share-team-heading" className="font-semibold">
              Share with a team
            </h3>
            <fetcher.Form method="post" className="flex gap-2">
              <input type="hidden" name="intent" value="share-team" />
              <label htmlFor="share-team" className="sr-only">
                Team
              </label>
              <select id="share-team" name="teamId" className="min-w-0 flex-1 rounded-lg border border-stone-300 bg-white px-2 py-2">
                {teamsLeft.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
              <button type="submit" className={`${button} bg-stone-900 text-white hover:bg-stone-700`}>
                Share
              </button>
            </fetcher.Form>
          </section>
        )}
      </div>
    </Modal>
  );
}
