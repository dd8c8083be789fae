// Where GridFS keeps files (shared by the store and the demo seed) and raw models of its two
// collections (no tenant guard: GridFS documents carry the tenant in metadata.tenant_id), for the
// seed's batched inserts and the migration runner's indexes.
import { model, models, Schema, type Model } from "mongoose";

export const GRIDFS_BUCKET = "file_blobs";
/** 1 MB pieces: a 25 MB file is 25 inserts (the driver's 255 KB default makes it 100). */
export const GRIDFS_CHUNK_BYTES = 1024 * 1024;

// The indexes the driver's GridFSBucket expects (it creates them only on a first upload into an
// empty bucket, which the seed's files make non-empty), and the tenant's files for their removal.
const filesSchema = new Schema({}, { strict: false, collection: `${GRIDFS_BUCKET}.files`, versionKey: false, autoIndex: false });
filesSchema.index({ filename: 1, uploadDate: 1 });
filesSchema.index({ "metadata.tenant_id": 1 });
const chunksSchema = new Schema({}, { strict: false, collection: `${GRIDFS_BUCKET}.chunks`, versionKey: false, autoIndex: false });
chunksSchema.index({ files_id: 1, n: 1 }, { unique: true });

export const GridFsFile: Model<any> = models.GridFsFile ?? model("GridFsFile", filesSchema);
export const GridFsChunk: Model<any> = models.GridFsChunk ?? model("GridFsChunk", chunksSchema);
