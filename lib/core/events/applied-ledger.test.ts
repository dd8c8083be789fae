// The ledger that lets a derived row count a new message exactly once (pure).
import { describe, expect, it } from "vitest";
import { classify, ledgerOfRecompute, readLedger, recordApplied, storeLedger } from "./applied-ledger";

describe("applied ledger", () => {
  it("a message counted once, by an apply or a recompute, is counted again by nobody", () => {
    let ledger = ledgerOfRecompute([{ id: "a", rev: 3 }, { id: "b", rev: 7 }]);
    expect(ledger.floor).toBe(0);
    expect(classify(ledger, 3, ["a"])).toEqual({ counted: ["a"], fresh: [], unknown: [] });
    expect(classify(ledger, 9, ["c", "d"])).toEqual({ counted: [], fresh: ["c", "d"], unknown: [] });
    ledger = recordApplied(ledger, 9, ["c", "d"]);
    expect(classify(ledger, 9, ["c", "d"]).counted).toEqual(["c", "d"]);
    // Stored and read back unchanged.
    expect(readLedger(storeLedger(ledger))).toEqual(ledger);
    expect(readLedger({})).toBeNull();
  });

  it("forgets whole revisions, oldest first, and sends what it forgot to the recompute", () => {
    let ledger = ledgerOfRecompute([], 4);
    ledger = recordApplied(ledger, 10, ["a", "b"], 4);
    ledger = recordApplied(ledger, 12, ["c"], 4);
    ledger = recordApplied(ledger, 11, ["d", "e"], 4);
    // 10 (a, b) is forgotten whole: 11 and 12 are kept, the floor is 11.
    expect(ledger.floor).toBe(11);
    expect(ledger.entries.map((e) => e.id).sort()).toEqual(["c", "d", "e"]);
    expect(classify(ledger, 10, ["a"])).toEqual({ counted: [], fresh: [], unknown: ["a"] });
    expect(classify(ledger, 11, ["d", "x"])).toEqual({ counted: ["d"], fresh: ["x"], unknown: [] });
    // A revision bigger than the ledger alone: nothing kept, everything up to it unknown.
    const big = recordApplied(ledgerOfRecompute([]), 20, ["a", "b", "c"], 2);
    expect(big).toEqual({ floor: 21, entries: [] });
    expect(classify(big, 20, ["a"]).unknown).toEqual(["a"]);
    expect(classify(big, 21, ["z"]).fresh).toEqual(["z"]);
  });

  it("a recompute over a long history keeps the newest revisions; documents without one count as revision 0", () => {
    const counted = [...Array.from({ length: 5 }, (_, i) => ({ id: `old${i}` })), { id: "x", rev: 40 }, { id: "y", rev: 41 }];
    const ledger = ledgerOfRecompute(counted, 3);
    expect(ledger.floor).toBe(40);
    expect(classify(ledger, 39, ["old1"]).unknown).toEqual(["old1"]);
    expect(classify(ledger, 40, ["x"]).counted).toEqual(["x"]);
  });
});
