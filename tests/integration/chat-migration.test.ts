// Migration 0007 on a database from before branches: linear chats become
// one branch each, and chats already public get their snapshot.
import { describe, expect, it } from "vitest";
import { applyMigration, databaseBefore } from "../support/migrations";

describe("migration 0007_chat_versions", () => {
  it("links each old message to the one before it, points chats at their last one and snapshots public chats", () => {
    const db = databaseBefore("0007_chat_versions");

    db.exec(`
      INSERT INTO users (id, email, password_hash) VALUES ('u1', 'a@example.test', 'x');
      INSERT INTO workspaces (id, name) VALUES ('w1', 'W');
      INSERT INTO chats (id, workspace_id, created_by, title, model_id, is_public) VALUES ('c1', 'w1', 'u1', 'Old chat', 'gpt-4o-mini', 1);
      INSERT INTO chats (id, workspace_id, created_by, title, model_id, is_public) VALUES ('c2', 'w1', 'u1', 'Private', 'gpt-4o-mini', 0);
      INSERT INTO chat_messages (id, chat_id, role, content, created_at) VALUES ('m1', 'c1', 'system', 'Be kind', 1000);
      INSERT INTO chat_messages (id, chat_id, role, content, created_at) VALUES ('m2', 'c1', 'user', 'Hi', 2000);
      INSERT INTO chat_messages (id, chat_id, role, content, created_at, model_id, sources) VALUES ('m3', 'c1', 'assistant', 'Hello [1]', 2000, 'gpt-4o-mini',
        '[{"n":1,"chunkId":7,"documentId":"d1","filename":"notes.md","page":null,"excerpt":"secret","score":0.5}]');
      INSERT INTO chat_messages (id, chat_id, role, content, created_at) VALUES ('m4', 'c2', 'user', 'Alone', 500);
    `);
    applyMigration(db, "0007_chat_versions");

    const parents = db.prepare("SELECT id, parent_id AS parentId FROM chat_messages ORDER BY id").all();
    expect(parents).toEqual([
      { id: "m1", parentId: null },
      { id: "m2", parentId: "m1" },
      { id: "m3", parentId: "m2" },
      { id: "m4", parentId: null },
    ]);
    const chats = db.prepare("SELECT id, current_message_id AS current, public_snapshot AS snapshot FROM chats ORDER BY id").all() as {
      id: string;
      current: string;
      snapshot: string | null;
    }[];
    expect(chats.map((c) => c.current)).toEqual(["m3", "m4"]);
    expect(chats[1]!.snapshot).toBeNull();
    expect(JSON.parse(chats[0]!.snapshot!)).toEqual({
      title: "Old chat",
      messages: [
        { role: "user", content: "Hi", status: "complete", modelId: null, sources: [] },
        {
          role: "assistant",
          content: "Hello [1]",
          status: "complete",
          modelId: "gpt-4o-mini",
          sources: [{ n: 1, filename: "notes.md", page: null }],
        },
      ],
    });
    db.close();
  });
});
