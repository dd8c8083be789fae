import "server-only";
import { defineReadModel, readModelMode, rowsOf } from "@/lib/core/read-models/read-model";
import { Conversation } from "@/models/conversation";
import { ROW_PROJECTION, shapeConversationRow, toConversationRow, type ConversationRow } from "./conversation-rows";

// The inbox's rows in each web process's memory, so a page, a filter and the unread badge are one
// pass over memory instead of FerretDB's sort (it decodes and sorts every conversation of the
// company in its own process: seconds at 5,000; docs/benchmarks.md, "Inbox").
//
// The project's read model (lib/core/read-models: a shared copy and change log in Redis, built by
// the worker, per-process copies caught up on every request, revision-ordered, one memory budget)
// over the `conversations` collection, which is itself derived from the communications and the
// contacts by refresh-conversation.ts on their events. That collection announces no events of its
// own, so refresh-conversation feeds these rows itself: after writing (or removing) a row it asks
// the read model to read that row again (noteConversationsChanged). The revision is taken after the
// write and before the read, so the read with the higher revision saw every write the other saw.
// Until the worker has built a company's copy, the inbox reads the database.

/** The inbox's rows: a conversation as the page shows it, its order and its revision. Version 1. */
export const conversationReadModel = defineReadModel<ConversationRow, Record<string, unknown>>({
  name: "conversation",
  version: 1,
  model: Conversation,
  projection: ROW_PROJECTION,
  toRow: toConversationRow,
  shapeRow: shapeConversationRow,
  // Measured by scripts/bench/inbox.ts (heap after a load from Redis, over its rows): 600-660 bytes.
  rowBytes: 700,
});

export type CachedRows = { rows: readonly ConversationRow[] };

type Mode = "auto" | "off";
const state = ((globalThis as unknown as { __dcInboxRowsMode?: { mode: Mode | null } }).__dcInboxRowsMode ??= { mode: null });

/**
 * The benchmark measures both paths in one process. INBOX_ROW_CACHE=off reads the database every
 * time, as LEAD_LIST_INDEX=off does for every read model (`npm start` on a real MongoDB).
 */
export function setInboxCacheMode(mode: Mode): void {
  state.mode = mode;
}
const off = () => readModelMode() === "off" || (state.mode ?? (process.env.INBOX_ROW_CACHE === "off" ? "off" : "auto")) === "off";

/**
 * The company's conversations (in no order), caught up with every noted change; or null when no
 * copy is built yet (the worker is asked to build one), the rows are off, or Redis does not answer:
 * read the database then.
 */
export async function conversationRowsOf(tenantId: string): Promise<CachedRows | null> {
  if (off()) return null;
  try {
    const local = await conversationReadModel.current(tenantId);
    return local ? { rows: rowsOf(local) } : null;
  } catch (err) {
    console.error("[inbox-rows] Redis did not answer; reading the database", err);
    return null;
  }
}

/**
 * Reads changed conversations again (by row id) into the rows, for every process. Called after the
 * write; never throws at the writer (a lost change is corrected by the next build).
 */
export async function noteConversationsChanged(tenantId: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await conversationReadModel.applyChanges({ tenantId }, ids).catch((err: unknown) => console.error("[inbox-rows] could not note a conversation change", err));
}

/** Builds the company's rows when none are (as the worker would) and loads them into this process (benchmarks, tests). */
export async function inboxRowsReady(tenantId: string): Promise<void> {
  if (off()) return;
  if (!(await conversationReadModel.store.readMeta(tenantId))) await conversationReadModel.build({ tenantId });
  await conversationReadModel.current(tenantId);
}

/** Forgets this process's copy (tests: another process that has not loaded the company yet). */
export function forgetInboxRows(tenantId: string): void {
  conversationReadModel.forgetLocal(tenantId);
}
