// The chat list's sections: pinned chats, then by when each was last used.
import type { ChatSummary } from "~/modules/chat/chats.server";

const DAY_MS = 86_400_000;

/** Days between a date and today: in UTC until the page is interactive (as the server rendered), then in the reader's zone. */
function daysAgo(iso: string, now: number, local: boolean): number {
  const day = (t: number) => {
    const d = new Date(t);
    return local ? Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) : Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  };
  return Math.round((day(now) - day(Date.parse(iso))) / DAY_MS);
}

const GROUPS = [
  { label: "Today", upTo: 0 },
  { label: "Yesterday", upTo: 1 },
  { label: "Previous 7 days", upTo: 7 },
  { label: "Previous 30 days", upTo: 30 },
  { label: "Older", upTo: Infinity },
] as const;

export function groupChats<Item extends ChatSummary>(chats: Item[], now: number, local: boolean) {
  const groups: { label: string; chats: Item[] }[] = [{ label: "Pinned", chats: chats.filter((c) => c.pinned) }];
  for (const group of GROUPS) groups.push({ label: group.label, chats: [] });
  for (const chat of chats) {
    if (chat.pinned) continue;
    const age = daysAgo(chat.updatedAt, now, local);
    const index = GROUPS.findIndex((g) => age <= g.upTo);
    groups[index + 1]!.chats.push(chat);
  }
  return groups.filter((g) => g.chats.length > 0);
}
