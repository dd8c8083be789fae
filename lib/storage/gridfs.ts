// The default blob store: GridFS in the app's own database (backed up and exported with it, and it
// scales with MongoDB). Every file's GridFS metadata carries its tenant, and every read, delete and
// listing filters by it, so an id of another tenant finds nothing.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import mongoose, { Types } from "mongoose";
import type { BlobStore } from "./types";

export const GRIDFS_BUCKET = "file_blobs";
/** 1 MB pieces: a 25 MB file is 25 inserts (the driver's 255 KB default makes it 100). */
const CHUNK_BYTES = 1024 * 1024;

function bucket() {
  const db = mongoose.connection.db;
  if (!db) throw new Error("The database is not connected");
  return new mongoose.mongo.GridFSBucket(db, { bucketName: GRIDFS_BUCKET, chunkSizeBytes: CHUNK_BYTES });
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
    const b = bucket();
    const files = await b.find({ "metadata.tenant_id": new Types.ObjectId(tenantId) }, { projection: { _id: 1 } }).toArray();
    for (const f of files) await b.delete(f._id).catch(() => {});
    return files.length;
  },
};
