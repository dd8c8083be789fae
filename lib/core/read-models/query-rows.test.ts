import { describe, expect, it } from "vitest";
import { propertyRounds, propertySeeds, seededRandom } from "@/lib/testing/property";
import { createSearchIndex, memoOverRows, searchCandidates, type SearchIndex } from "./query-rows";
import { applyLogEntries, type HeldRows, type LogEntry } from "./store";

// The search index is only a shortcut: a search through it must answer exactly what testing every
// row answers, after any sequence of edits, additions and removals applied to the copy.
type Row = { _id: string; rev: number; search_keys: string[] };

const SEEDS = propertySeeds([3, 17, 101]);
const ROUNDS = propertyRounds(40);
const keysOf = (row: Row) => row.search_keys;
const hasPrefix = (row: Row, prefix: string) => row.search_keys.some((k) => k.startsWith(prefix));

describe("search index", () => {
  for (const seed of SEEDS) {
    it(`finds exactly the rows a scan finds, through random edits (seed ${seed})`, () => {
      const { random, pick } = seededRandom(seed);
      // Few letters and digits so prefixes collide often, keys of 1 to 11 characters.
      const word = () => Array.from({ length: 1 + Math.floor(random() * 11) }, () => pick([..."abcs0159-. @"])).join("");
      const keys = () => Array.from({ length: Math.floor(random() * 6) }, word);
      let rev = 1;
      const held: HeldRows<Row> & { search?: SearchIndex<Row> } = { rows: new Map(), tombstones: new Map(), lastId: "0-0" };
      for (let i = 0; i < 200; i++) held.rows.set(`r${i}`, { _id: `r${i}`, rev, search_keys: keys() });
      const prefixes = () => [pick(["a", "s", "0", "5"]), word().slice(0, 1 + Math.floor(random() * 2)), word(), pick([...held.rows.values()])?.search_keys[0]?.slice(0, 4) ?? "ab"];

      for (let round = 0; round < ROUNDS; round++) {
        const ids = [...held.rows.keys()];
        const entry: LogEntry<Row> = { id: `${round + 1}-0`, upserts: [], removes: [] };
        rev += 1;
        for (let n = 0; n < 5; n++) {
          const roll = random();
          if (roll < 0.5 && ids.length) entry.upserts.push({ _id: pick(ids), rev, search_keys: keys() });
          else if (roll < 0.8) entry.upserts.push({ _id: `r${200 + round * 5 + n}`, rev, search_keys: keys() });
          else if (ids.length) entry.removes.push({ _id: pick(ids), rev });
        }
        // An older copy of a row must not move it in the index either.
        if (ids.length) entry.upserts.push({ _id: pick(ids), rev: rev - 2, search_keys: ["stale"] });
        const search = held.search;
        applyLogEntries(held, [entry], search ? (before, after) => search.update(before, after) : undefined);

        for (const prefix of prefixes()) {
          const scan = [...held.rows.values()].filter((r) => hasPrefix(r, prefix)).map((r) => r._id).sort();
          const found = searchCandidates(held, [prefix], keysOf);
          if (found === null) {
            expect(scan.length * 2, `round ${round}, "${prefix}": refused only when most rows match`).toBeGreaterThan(held.rows.size);
            continue;
          }
          expect(found.prefix).toBe(prefix);
          expect(found.rows.map((r) => r._id).sort(), `round ${round}, "${prefix}"`).toEqual(scan);
          expect(found.rows.every((r) => held.rows.get(r._id) === r), `round ${round}, "${prefix}": only current rows`).toBe(true);
        }
      }
    });
  }

  it("answers a search of several words from the word matching fewest rows, and refuses a prefix most rows share", () => {
    const rows: Row[] = Array.from({ length: 100 }, (_, i) => ({ _id: `r${i}`, rev: 1, search_keys: [i < 90 ? `smith${i}` : `jones${i}`, `jo${i}`, `${5550000 + i}`] }));
    const index = createSearchIndex(rows, keysOf);
    expect(index.matching("jon")).toHaveLength(10);
    expect(index.matching("jones95")).toEqual([rows[95]]);
    expect(index.matching("xyz")).toEqual([]);
    expect(index.matching("s")).toBeNull();
    expect(index.entries()).toBe(300);
    const local = { rows: new Map(rows.map((r) => [r._id, r])) };
    expect(searchCandidates(local, ["smi", "jo5"], keysOf)).toEqual({ rows: [rows[5], ...rows.slice(50, 60)], prefix: "jo5" });
  });
});

describe("answers kept per version of the rows", () => {
  it("computes once per rows array and key, and again for a new array", () => {
    let runs = 0;
    const compute = () => ++runs;
    const v1: Row[] = [];
    expect([memoOverRows(v1, "a", compute), memoOverRows(v1, "a", compute), memoOverRows(v1, "b", compute)]).toEqual([1, 1, 2]);
    expect(memoOverRows([], "a", compute)).toBe(3);
  });
});
