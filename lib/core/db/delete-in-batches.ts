// FerretDB on PostgreSQL deletes everything a deleteMany matches in one SQL statement with one
// parameter per document, and PostgreSQL takes at most 65,535: a deleteMany matching more fails
// whole ("extended protocol limited to 65535 parameters"; seen reseeding over the 100,000-lead
// demo). Deleting by batches of ids stays under it on every server. Batches are as large as that
// allows: FerretDB does not push `_id: { $in }` down, so each batch's delete reads the collection.

type Deletable = {
  find(filter: Record<string, unknown>, projection: Record<string, unknown>): { limit(n: number): { lean(): PromiseLike<unknown> } };
  deleteMany(filter: Record<string, unknown>): PromiseLike<{ deletedCount?: number }>;
};

export const DELETE_BATCH = 60_000;

/** deleteMany, `size` documents at a time; `filter` must not constrain `_id`. Returns how many were deleted. */
export async function deleteInBatches(target: Deletable, filter: Record<string, unknown>, size = DELETE_BATCH): Promise<number> {
  let deleted = 0;
  for (;;) {
    const ids = ((await target.find(filter, { _id: 1 }).limit(size).lean()) as { _id: unknown }[]).map((d) => d._id);
    if (!ids.length) return deleted;
    deleted += (await target.deleteMany({ ...filter, _id: { $in: ids } })).deletedCount ?? 0;
    if (ids.length < size) return deleted;
  }
}
