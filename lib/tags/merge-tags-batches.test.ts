// The tag merge's writes on the test database: one bulk merge over many leads leaves FerretDB
// answering (an update command of 50 statements once took the whole server down).
import mongoose from "mongoose";
import { describe, expect, inject, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { leadInput } from "@/lib/testing/factories";
import { Lead } from "@/models/lead";
import { createTag, listTags, mergeTags } from "./tag-catalogue";

describe(`merging tags on the test database (${inject("ferretdbBackend") ?? "TEST_MONGODB_URI"})`, () => {
  it("merges a tag carried by 100 leads into another, and the database still answers afterwards", { timeout: 120_000 }, async () => {
    const { admin } = await createWorkspace();
    const from = await createTag(admin, { name: "vacant lot", color: "#ef4444" });
    const into = await createTag(admin, { name: "vacant", color: "#22c55e" });
    await scoped(admin, Lead).insertMany(Array.from({ length: 100 }, () => leadInput({ tags: ["vacant lot", "probate"] })));

    const merged = await mergeTags(admin, [from.id], into.id);

    expect(merged.usageCount).toBe(100);
    expect(await scoped(admin, Lead).countDocuments({ tags: "vacant" })).toBe(100);
    expect(await scoped(admin, Lead).countDocuments({ tags: "vacant lot" })).toBe(0);
    expect((await listTags(admin)).map((t) => t.name)).toEqual(["probate", "vacant"]);
    expect(await mongoose.connection.db!.command({ ping: 1 })).toMatchObject({ ok: 1 });
  });
});
