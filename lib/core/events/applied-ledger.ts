// Which source documents a derived document (a counter, a read-model row) has already counted, so
// a change can be applied to it incrementally, exactly once, although events are delivered at
// least once and in no order. Pure: no I/O here.
//
// The ledger is kept in the derived document itself (so it is written in the same single-document
// write as the counts it guards) and holds the ids counted at the newest revisions, at most
// `LEDGER_SIZE` of them, and a floor: every counted id with a revision at or above the floor is
// listed. An event's document is then
//   - "counted" when its id is listed,
//   - "new" when it is not and the event's revision is at or above the floor (the ledger would
//     list it had it been counted: by an incremental apply, which records the event's revision, or
//     by a full recompute, which records the revision the document carried then, at or above the
//     one it was created at),
//   - "unknown" below the floor: the event is older than what the ledger remembers, so only a full
//     recompute from the source can say (the repair path; rare: a redelivery after many newer
//     changes of the same contact).
// A full recompute rebuilds the ledger from what it read.

/** How many counted ids a ledger keeps (whole revisions only). */
export const LEDGER_SIZE = 200;

export type Ledger = { floor: number; entries: { id: string; rev: number }[] };
/** As stored: the floor, and "rev:id" strings (no nested arrays on FerretDB). */
export type StoredLedger = { applied_floor?: number | null; applied?: readonly string[] | null };

export function readLedger(stored: StoredLedger | null | undefined): Ledger | null {
  if (!stored || typeof stored.applied_floor !== "number" || !Array.isArray(stored.applied)) return null;
  const entries = stored.applied.map((s) => {
    const at = s.indexOf(":");
    return { rev: Number(s.slice(0, at)), id: s.slice(at + 1) };
  });
  return { floor: stored.applied_floor, entries };
}

export function storeLedger(ledger: Ledger): { applied_floor: number; applied: string[] } {
  return { applied_floor: ledger.floor, applied: ledger.entries.map((e) => `${e.rev}:${e.id}`) };
}

/** Keeps whole revisions, newest first, while at most `size` ids; the floor is the oldest kept. */
function trim(all: { id: string; rev: number }[], size: number, floorIfAll: number): Ledger {
  const byRev = new Map<number, { id: string; rev: number }[]>();
  for (const e of all) byRev.set(e.rev, [...(byRev.get(e.rev) ?? []), e]);
  const revs = [...byRev.keys()].sort((a, b) => b - a);
  const entries: { id: string; rev: number }[] = [];
  let i = 0;
  for (; i < revs.length; i++) {
    const group = byRev.get(revs[i])!;
    if (entries.length + group.length > size) break;
    entries.push(...group);
  }
  if (i === revs.length) return { floor: floorIfAll, entries };
  // Nothing at or above the floor is forgotten: below it the ledger cannot say.
  return { floor: i === 0 ? revs[0] + 1 : revs[i - 1], entries };
}

/** The ledger of a full recompute: every document it counted, with the revision it carried. */
export function ledgerOfRecompute(counted: readonly { id: string; rev?: number | null }[], size = LEDGER_SIZE): Ledger {
  return trim(counted.map((c) => ({ id: c.id, rev: c.rev ?? 0 })), size, 0);
}

export type Classified = { counted: string[]; fresh: string[]; unknown: string[] };

/** What the ledger says of an event's documents (`rev` the event's revision). */
export function classify(ledger: Ledger, rev: number, ids: readonly string[]): Classified {
  const listed = new Set(ledger.entries.map((e) => e.id));
  const out: Classified = { counted: [], fresh: [], unknown: [] };
  for (const id of new Set(ids)) {
    if (listed.has(id)) out.counted.push(id);
    else if (rev >= ledger.floor) out.fresh.push(id);
    else out.unknown.push(id);
  }
  return out;
}

/** The ledger after counting `ids` at the event's revision. */
export function recordApplied(ledger: Ledger, rev: number, ids: readonly string[], size = LEDGER_SIZE): Ledger {
  const listed = new Set(ledger.entries.map((e) => e.id));
  const all = [...ledger.entries, ...[...new Set(ids)].filter((id) => !listed.has(id)).map((id) => ({ id, rev }))];
  return trim(all, size, ledger.floor);
}
