// Cairn's relational schema. Each table belongs to one module (named beside it);
// other modules go through that module's functions, never the table.
import { sql } from "drizzle-orm";
import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";

const id = () =>
  text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID());
const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

// auth
export const users = sqliteTable("users", {
  id: id(),
  email: text("email").notNull().unique(),
  name: text("name"),
  passwordHash: text("password_hash").notNull(),
  activatedAt: integer("activated_at", { mode: "timestamp_ms" }),
  // The workspace the user last worked in; routes without a workspace act on it.
  currentWorkspaceId: text("current_workspace_id"),
  // Set by an admin: a suspended account cannot log in and its sessions end.
  suspendedAt: integer("suspended_at", { mode: "timestamp_ms" }),
  createdAt: createdAt(),
});

// auth: the cookie carries a signed random id; only its SHA-256 is stored,
// so a copy of the database cannot be replayed as live sessions.
export const sessions = sqliteTable(
  "sessions",
  {
    idHash: text("id_hash").primaryKey(),
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

// auth: activation, password-reset and email-change tokens, stored hashed, single-use, expiring.
export const verificationTokens = sqliteTable(
  "verification_tokens",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ["activation", "password_reset", "email_change"] }).notNull(),
    // email_change: the address being confirmed; the account keeps its old one until then.
    newEmail: text("new_email"),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("verification_tokens_user_idx").on(t.userId, t.purpose)],
);

// workspaces
export const workspaces = sqliteTable("workspaces", {
  id: id(),
  name: text("name").notNull(),
  isPersonal: integer("is_personal", { mode: "boolean" }).notNull().default(false),
  createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`),
});

// workspaces: one row per person per workspace. Teams and invitations add their
// own tables that point at this one, so a role stays defined in exactly one place.
export const workspaceMemberships = sqliteTable(
  "workspace_memberships",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["owner", "admin", "member"] }).notNull(),
    // What this person may spend in the workspace per calendar month (UTC); null: no cap.
    monthlyCreditLimit: integer("monthly_credit_limit"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("workspace_memberships_unique").on(t.workspaceId, t.userId), index("workspace_memberships_user_idx").on(t.userId)],
);

// workspaces: teams group members inside a workspace; a team's cap limits what its members spend together.
export const teams = sqliteTable(
  "teams",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    monthlyCreditLimit: integer("monthly_credit_limit"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [index("teams_workspace_idx").on(t.workspaceId)],
);

// workspaces: who is in a team (always members of the team's workspace), and as what.
export const teamMemberships = sqliteTable(
  "team_memberships",
  {
    id: id(),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["admin", "member"] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("team_memberships_unique").on(t.teamId, t.userId), index("team_memberships_user_idx").on(t.userId)],
);

// workspaces: invitations by mail to a workspace (teamId null) or to a team of it.
// The token is stored as SHA-256; "expired" is a pending invitation past expiresAt.
export const invitations = sqliteTable(
  "invitations",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    teamId: text("team_id").references(() => teams.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    // The workspace role it grants, or for a team invitation the team role.
    role: text("role", { enum: ["admin", "member"] }).notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    status: text("status", { enum: ["pending", "accepted", "declined", "revoked"] })
      .notNull()
      .default("pending"),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    respondedAt: integer("responded_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("invitations_workspace_idx").on(t.workspaceId, t.email), index("invitations_team_idx").on(t.teamId)],
);

// api-keys: Bearer keys for programmatic access. A key acts as its creator inside its
// workspace only; only its SHA-256 is stored (the secret is shown once).
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    // The first characters of the key, shown so people can tell their keys apart.
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull().unique(),
    createdAt: createdAt(),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("api_keys_workspace_idx").on(t.workspaceId, t.userId)],
);

export type User = typeof users.$inferSelect;
export type Workspace = typeof workspaces.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type WorkspaceRole = (typeof workspaceMemberships.$inferSelect)["role"];
export type Team = typeof teams.$inferSelect;
export type TeamRole = (typeof teamMemberships.$inferSelect)["role"];
export type Invitation = typeof invitations.$inferSelect;

// http: counters of rate-limiter-flexible (RateLimiterSQLite); its column names.
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull().default(0),
  expire: integer("expire"),
});

// billing: a workspace's plan and its current monthly credit period.
export const workspacePlans = sqliteTable("workspace_plans", {
  workspaceId: text("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  plan: text("plan", { enum: ["free", "pro"] })
    .notNull()
    .default("free"),
  periodStart: integer("period_start", { mode: "timestamp_ms" }).notNull(),
  periodEnd: integer("period_end", { mode: "timestamp_ms" }).notNull(),
  // The workspace's one Stripe customer, created on first need.
  stripeCustomerId: text("stripe_customer_id").unique(),
  // The Stripe subscription that renews the credits (while it is not canceled, cron leaves the workspace alone).
  stripeSubscriptionId: text("stripe_subscription_id"),
  // Stripe's status word (active, past_due, canceled…); null without a subscription.
  subscriptionStatus: text("subscription_status"),
  cancelAtPeriodEnd: integer("cancel_at_period_end", { mode: "boolean" }).notNull().default(false),
  // Stripe `created` time of the event that last set the subscription fields: older events cannot undo newer ones.
  subscriptionChangedAt: integer("subscription_changed_at", { mode: "timestamp_ms" }),
});

// billing: every Stripe webhook event applied, by id; inserted in the same transaction as its effect (exactly once).
export const stripeEvents = sqliteTable("stripe_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  workspaceId: text("workspace_id").references(() => workspaces.id, { onDelete: "set null" }),
  // applied, or ignored (unknown type, unknown customer)
  outcome: text("outcome", { enum: ["applied", "ignored"] }).notNull(),
  eventCreatedAt: integer("event_created_at", { mode: "timestamp_ms" }).notNull(),
  processedAt: createdAt(),
});

// billing: the append-only credit ledger; a workspace's balance is the sum of its rows.
export const creditTransactions = sqliteTable(
  "credit_transactions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    type: text("type", { enum: ["usage", "reset", "topup", "subscription", "refund", "adjustment"] }).notNull(),
    amount: integer("amount").notNull(),
    description: text("description").notNull(),
    // What caused it: an assistant message id, a Stripe event id, a period…
    reference: text("reference"),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    modelId: text("model_id"),
    inputTokens: integer("input_tokens"),
    outputTokens: integer("output_tokens"),
    createdAt: createdAt(),
  },
  (t) => [
    index("credit_transactions_workspace_idx").on(t.workspaceId, t.type, t.id),
    // A person's spend this month (spend limits), without scanning the workspace's ledger.
    index("credit_transactions_user_idx").on(t.workspaceId, t.userId, t.createdAt),
  ],
);

// billing: each workspace's balance, the running sum of its ledger. SQLite
// triggers on credit_transactions keep it (db/migrations/0011), in the same
// statement as the ledger row, so it always equals the sum and reading it does
// not add up a ledger that grows with every answer.
export const creditBalances = sqliteTable("credit_balances", {
  workspaceId: text("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  balance: integer("balance").notNull().default(0),
});

// billing: credits set aside for answers still streaming (worst case), so
// concurrent requests cannot spend the same credits twice.
export const creditHolds = sqliteTable(
  "credit_holds",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    amount: integer("amount").notNull(),
    // Who is spending it: spend limits count the holds of answers still streaming.
    userId: text("user_id"),
    createdAt: createdAt(),
  },
  (t) => [index("credit_holds_workspace_idx").on(t.workspaceId)],
);

// chat
export const chats = sqliteTable(
  "chats",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    modelId: text("model_id").notNull(),
    isPublic: integer("is_public", { mode: "boolean" }).notNull().default(false),
    // Per-chat instructions and sampling temperature (0–1) sent with every question.
    systemPrompt: text("system_prompt"),
    temperature: real("temperature"),
    pinnedAt: integer("pinned_at", { mode: "timestamp_ms" }),
    // The last message of the branch the chat shows; parent_id links it back to the first.
    currentMessageId: text("current_message_id"),
    // What anyone with the public link reads: a copy taken when it was shared, without internal ids.
    publicSnapshot: text("public_snapshot", { mode: "json" }).$type<PublicChatSnapshot>(),
    publishedAt: integer("published_at", { mode: "timestamp_ms" }),
    // Where the chat was asked: in the app, or through the OpenAI-compatible API (/v1), whose chats stay out of the sidebar.
    source: text("source", { enum: ["app", "api"] })
      .notNull()
      .default("app"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [index("chats_workspace_idx").on(t.workspaceId, t.updatedAt)],
);

// chat: people a chat was shared with (members of its workspace); they may read and continue it.
export const chatShares = sqliteTable(
  "chat_shares",
  {
    chatId: text("chat_id")
      .notNull()
      .references(() => chats.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    sharedBy: text("shared_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("chat_shares_unique").on(t.chatId, t.userId), index("chat_shares_user_idx").on(t.userId)],
);

// chat: teams a chat was shared with; the team's members may read and continue it.
export const chatTeamShares = sqliteTable(
  "chat_team_shares",
  {
    chatId: text("chat_id")
      .notNull()
      .references(() => chats.id, { onDelete: "cascade" }),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    sharedBy: text("shared_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.chatId, t.teamId] }), index("chat_team_shares_team_idx").on(t.teamId)],
);

export const chatMessages = sqliteTable(
  "chat_messages",
  {
    id: id(),
    chatId: text("chat_id")
      .notNull()
      .references(() => chats.id, { onDelete: "cascade" }),
    // The message before this one in its branch; siblings (same parent) are versions of each other.
    parentId: text("parent_id").references((): AnySQLiteColumn => chatMessages.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["system", "user", "assistant"] }).notNull(),
    content: text("content").notNull(),
    // streaming → complete | stopped (client stop) | failed (provider error) | interrupted (server died)
    status: text("status", { enum: ["streaming", "complete", "stopped", "failed", "interrupted"] })
      .notNull()
      .default("complete"),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    modelId: text("model_id"),
    inputTokens: integer("input_tokens"),
    outputTokens: integer("output_tokens"),
    credits: integer("credits"),
    error: text("error"),
    // The numbered sources an answer was grounded in (rag), as shown beside it.
    sources: text("sources", { mode: "json" }).$type<MessageSource[]>(),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    index("chat_messages_chat_idx").on(t.chatId, t.createdAt),
    index("chat_messages_status_idx").on(t.status),
    index("chat_messages_parent_idx").on(t.parentId),
  ],
);

// chat: a person's thumbs up or down on an answer, with an optional note (admins read them).
export const messageFeedback = sqliteTable(
  "message_feedback",
  {
    messageId: text("message_id")
      .notNull()
      .references(() => chatMessages.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    rating: text("rating", { enum: ["up", "down"] }).notNull(),
    note: text("note"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.userId] }), index("message_feedback_updated_idx").on(t.updatedAt)],
);

// chat: a workspace's library of saved prompts, inserted in the composer with "/".
export const savedPrompts = sqliteTable(
  "saved_prompts",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    content: text("content").notNull(),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [index("saved_prompts_workspace_idx").on(t.workspaceId, t.title)],
);

export type MessageSource = {
  n: number;
  chunkId: number;
  documentId: string;
  filename: string;
  page: number | null;
  excerpt: string;
  score: number;
};

/** A public chat as its readers get it: the branch shown when it was shared, no internal ids, no excerpts. */
export type PublicChatSnapshot = {
  title: string;
  messages: {
    role: "user" | "assistant";
    content: string;
    status: "streaming" | "complete" | "stopped" | "failed" | "interrupted";
    modelId: string | null;
    sources: { n: number; filename: string; page: number | null }[];
  }[];
};

export type Chat = typeof chats.$inferSelect;
export type ChatMessage = typeof chatMessages.$inferSelect;
export type SavedPrompt = typeof savedPrompts.$inferSelect;
export type MessageFeedback = typeof messageFeedback.$inferSelect;
export type Plan = (typeof workspacePlans.$inferSelect)["plan"];
export type CreditTransactionType = (typeof creditTransactions.$inferSelect)["type"];

// rag: uploaded or fetched documents. The original bytes live in document_files
// (replicated with the database); the extracted text in document_texts.
export const documents = sqliteTable(
  "documents",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    filename: text("filename").notNull(),
    title: text("title").notNull(),
    // Declared at upload; the sniffed type decides how it is read.
    contentType: text("content_type"),
    type: text("type"),
    sizeBytes: integer("size_bytes"),
    sha256: text("sha256"),
    sourceUrl: text("source_url"),
    // awaiting_upload → processing → ready | failed
    status: text("status", { enum: ["awaiting_upload", "processing", "ready", "failed"] }).notNull(),
    error: text("error"),
    pageCount: integer("page_count"),
    chunksDone: integer("chunks_done").notNull().default(0),
    chunksTotal: integer("chunks_total").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [index("documents_workspace_idx").on(t.workspaceId, t.createdAt), index("documents_sha_idx").on(t.workspaceId, t.sha256)],
);

export const documentFiles = sqliteTable("document_files", {
  documentId: text("document_id")
    .primaryKey()
    .references(() => documents.id, { onDelete: "cascade" }),
  bytes: blob("bytes", { mode: "buffer" }).notNull(),
});

export const documentTexts = sqliteTable("document_texts", {
  documentId: text("document_id")
    .primaryKey()
    .references(() => documents.id, { onDelete: "cascade" }),
  text: text("text").notNull(),
});

// rag: a document's chunks. Their FTS5 rows (chunks_fts) follow by trigger; their
// vectors live in the vector index (rag/vector-index.server.ts), keyed by chunk id.
export const chunks = sqliteTable(
  "chunks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    workspaceId: text("workspace_id").notNull(),
    ordinal: integer("ordinal").notNull(),
    text: text("text").notNull(),
    headingPath: text("heading_path"),
    page: integer("page"),
    charStart: integer("char_start").notNull(),
    charEnd: integer("char_end").notNull(),
    tokenCount: integer("token_count").notNull(),
  },
  (t) => [uniqueIndex("chunks_document_ordinal").on(t.documentId, t.ordinal), index("chunks_workspace_idx").on(t.workspaceId)],
);

export const knowledgeBases = sqliteTable(
  "knowledge_bases",
  {
    id: id(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [index("knowledge_bases_workspace_idx").on(t.workspaceId)],
);

export const knowledgeBaseDocuments = sqliteTable(
  "knowledge_base_documents",
  {
    knowledgeBaseId: text("knowledge_base_id")
      .notNull()
      .references(() => knowledgeBases.id, { onDelete: "cascade" }),
    documentId: text("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.knowledgeBaseId, t.documentId] }), index("kb_documents_document_idx").on(t.documentId)],
);

// rag: teams a knowledge base was shared with. A knowledge base shared with no
// team is the whole workspace's; once shared, only those teams (and its creator,
// owners and admins) see it.
export const knowledgeBaseTeamShares = sqliteTable(
  "knowledge_base_team_shares",
  {
    knowledgeBaseId: text("knowledge_base_id")
      .notNull()
      .references(() => knowledgeBases.id, { onDelete: "cascade" }),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    sharedBy: text("shared_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.knowledgeBaseId, t.teamId] }), index("kb_team_shares_team_idx").on(t.teamId)],
);

export const chatKnowledgeBases = sqliteTable(
  "chat_knowledge_bases",
  {
    chatId: text("chat_id")
      .notNull()
      .references(() => chats.id, { onDelete: "cascade" }),
    knowledgeBaseId: text("knowledge_base_id")
      .notNull()
      .references(() => knowledgeBases.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.chatId, t.knowledgeBaseId] })],
);

// jobs: durable background work (document ingestion), run only on the primary.
export const jobs = sqliteTable(
  "jobs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind").notNull(),
    // What the job is about, e.g. a document id; one live job per (kind, key).
    key: text("key").notNull(),
    // Whom the job serves (a workspace id), for fair turns between lanes; null: the shared lane.
    lane: text("lane"),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    status: text("status", { enum: ["queued", "running", "done", "failed", "cancelled"] })
      .notNull()
      .default("queued"),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(5),
    runAt: integer("run_at", { mode: "timestamp_ms" }).notNull(),
    lastError: text("last_error"),
    // When a worker last took it: the lane taken least recently goes next.
    claimedAt: integer("claimed_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    index("jobs_due_idx").on(t.status, t.runAt),
    index("jobs_key_idx").on(t.kind, t.key),
    index("jobs_lane_idx").on(t.lane, t.claimedAt),
  ],
);

// translate: the language each person last translated an answer into; the picker starts there.
export const translationPreferences = sqliteTable("translation_preferences", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  targetLanguage: text("target_language").notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`),
});

export type Document = typeof documents.$inferSelect;
export type ChunkRow = typeof chunks.$inferSelect;
export type KnowledgeBase = typeof knowledgeBases.$inferSelect;
export type Job = typeof jobs.$inferSelect;
