// The default blob store: GridFS in the app's own database (backed up and exported with it, and it
// scales with MongoDB). Every file's GridFS metadata carries its tenant, and every read, delete and
// listing filters by it, so an id of another tenant finds nothing.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import mongoose, { Types } from "mongoose";
import type { BlobStore } from "./types";
import { GRIDFS_BUCKET, GRIDFS_CHUNK_BYTES } from "./gridfs-layout";

export { GRIDFS_BUCKET };

function bucket() {
  const db = mongoose.connection.db;
  if (!db) throw new Error("The database is not connected");
  return new mongoose.mongo.GridFSBucket(db, { bucketName: GRIDFS_BUCKET, chunkSizeBytes: GRIDFS_CHUNK_BYTES });
}

const tenantFilter = (tenantId: string, id: Types.ObjectId) => ({ _id: id, "metadata.tenant_id": new Types.ObjectId(tenantId) });

export const gridfsStore: BlobStore = {
  name: "gridfs",

  async write(tenantId, id, body) {
    const upload = bucket().openUploadStreamWithId(id, id.toHexString(), { metadata: { tenant_id: new Types.ObjectId(tenantId) } });
    try {
      await pipeline(Readable.from(body), upload);
    } catch (err) {
      // The chunks already written go with the refused or broken upload.
      await upload.abort().catch(() => {});
      await mongoose.connection.db?.collection(`${GRIDFS_BUCKET}.chunks`).deleteMany({ files_id: id }).catch(() => {});
      throw err;
    }
  },

  async read(tenantId, id) {
    const b = bucket();
    const file = await b.find(tenantFilter(tenantId, id), { limit: 1 }).next();
    if (!file) return null;
    return b.openDownloadStream(id);
  },

  async remove(tenantId, id) {
    const b = bucket();
    const file = await b.find(tenantFilter(tenantId, id), { limit: 1 }).next();
    if (file) await b.delete(id);
  },

  async removeTenant(tenantId) {
    return removeTenantBlobs(tenantId);
  },
};

/** Deletes every GridFS file of a tenant (chunks first), 500 files per round trip. */
export async function removeTenantBlobs(tenantId: string): Promise<number> {
  const db = mongoose.connection.db;
  if (!db) throw new Error("The database is not connected");
  const files = db.collection(`${GRIDFS_BUCKET}.files`);
  const chunks = db.collection(`${GRIDFS_BUCKET}.chunks`);
  const ids = (await files.find({ "metadata.tenant_id": new Types.ObjectId(tenantId) }, { projection: { _id: 1 } }).toArray()).map((f) => f._id);
  for (let i = 0; i < ids.length; i += 500) {
    const batch = ids.slice(i, i + 500);
    await chunks.deleteMany({ files_id: { $in: batch } });
    await files.deleteMany({ _id: { $in: batch } });
  }
  return ids.length;
}
