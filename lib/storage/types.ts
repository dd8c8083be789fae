import type { Types } from "mongoose";

/**
 * Where a file's bytes live. Ids are chosen by the caller (the file record's id); every call
 * names the tenant, and a file of another tenant is treated exactly like a missing one.
 */
export interface BlobStore {
  readonly name: "gridfs" | "s3";
  /** Stores the body; when the body throws (refused upload) nothing is left behind and the error is rethrown. */
  write(tenantId: string, id: Types.ObjectId, body: AsyncIterable<Uint8Array>): Promise<void>;
  /** The bytes, or null when this tenant has no such file. */
  read(tenantId: string, id: Types.ObjectId): Promise<AsyncIterable<Uint8Array> | null>;
  remove(tenantId: string, id: Types.ObjectId): Promise<void>;
  /** Every file of a tenant (tenant deletion); how many were removed. */
  removeTenant(tenantId: string): Promise<number>;
}
