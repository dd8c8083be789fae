import { describe, expect, it } from "vitest";
import { Types, type Model } from "mongoose";
import type { Doc } from "./context";
import { memorySinks, writeAll } from "./write";

describe("writeAll", () => {
  it("writes a collection of 200,000 documents (the large seed's conversations) without overflowing the stack", async () => {
    const store = new Map<string, Doc[]>();
    const docs: Doc[] = Array.from({ length: 200_000 }, (_, i) => ({ _id: new Types.ObjectId(), n: i }));
    const written = await writeAll(memorySinks(store), { modelName: "Conversation" } as Model<any>, docs);
    expect(written).toBe(200_000);
    expect(store.get("Conversation")?.at(-1)).toMatchObject({ n: 199_999 });
  });
});
