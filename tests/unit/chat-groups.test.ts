import { describe, expect, it } from "vitest";
import { groupChats } from "~/components/chat/chat-groups";
import type { ChatSummary } from "~/modules/chat/chats.server";

const chat = (title: string, updatedAt: string, pinned = false): ChatSummary => ({
  id: title,
  workspaceId: "w",
  title,
  modelId: "gpt-4o-mini",
  isPublic: false,
  pinned,
  createdBy: null,
  createdAt: updatedAt,
  updatedAt,
});

describe("the chat list's sections", () => {
  const now = Date.parse("2026-03-10T09:00:00Z");
  const chats = [
    chat("pinned long ago", "2025-01-01T10:00:00Z", true),
    chat("this morning", "2026-03-10T07:00:00Z"),
    chat("yesterday evening", "2026-03-09T22:00:00Z"),
    chat("last week", "2026-03-04T12:00:00Z"),
    chat("last month", "2026-02-20T12:00:00Z"),
    chat("last year", "2025-06-01T12:00:00Z"),
  ];

  it("puts pinned chats first, then today, yesterday, the previous 7 and 30 days, and older ones", () => {
    expect(groupChats(chats, now, false).map((g) => [g.label, g.chats.map((c) => c.title)])).toEqual([
      ["Pinned", ["pinned long ago"]],
      ["Today", ["this morning"]],
      ["Yesterday", ["yesterday evening"]],
      ["Previous 7 days", ["last week"]],
      ["Previous 30 days", ["last month"]],
      ["Older", ["last year"]],
    ]);
  });

  it("leaves out empty sections", () => {
    expect(groupChats([chats[1]!], now, false).map((g) => g.label)).toEqual(["Today"]);
    expect(groupChats([], now, false)).toEqual([]);
  });
});
