// Where uploaded files are kept and how big they may be, read from the environment when used.

const MB = 1024 * 1024;

export const DEFAULT_MAX_FILE_MB = 25;

/** The biggest file one upload may store: FILE_MAX_MB (default 25 MB). */
export function maxFileBytes(): number {
  const raw = process.env.FILE_MAX_MB;
  const mb = raw === undefined || raw === "" ? DEFAULT_MAX_FILE_MB : Number(raw);
  if (!Number.isFinite(mb) || mb <= 0) throw new Error(`FILE_MAX_MB must be a positive number of megabytes (got "${raw}")`);
  return Math.floor(mb * MB);
}

export type S3Config = {
  endpoint: URL;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Bucket in the path (`endpoint/bucket/key`, MinIO and most S3-compatible servers) or in the host (`bucket.endpoint/key`). */
  pathStyle: boolean;
  /** Prefix of every key, e.g. `dealcycle/` when the bucket is shared. */
  prefix: string;
};

/**
 * The S3-compatible storage to use, or null for the default (GridFS in the app's database).
 * S3 is used when S3_BUCKET is set; the endpoint, keys and region must then be set too.
 */
export function s3Config(env: NodeJS.ProcessEnv = process.env): S3Config | null {
  const bucket = env.S3_BUCKET?.trim();
  if (!bucket) return null;
  const missing = ["S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"].filter((k) => !env[k]);
  if (missing.length) throw new Error(`S3_BUCKET is set, so ${missing.join(" and ")} must be set too`);
  const region = env.S3_REGION?.trim() || "us-east-1";
  const endpoint = new URL(env.S3_ENDPOINT?.trim() || `https://s3.${region}.amazonaws.com`);
  if (endpoint.protocol !== "https:" && endpoint.protocol !== "http:") throw new Error("S3_ENDPOINT must be an http(s) URL");
  const style = (env.S3_FORCE_PATH_STYLE ?? "").toLowerCase();
  return {
    endpoint,
    bucket,
    region,
    accessKeyId: env.S3_ACCESS_KEY_ID!,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
    // Path style unless told otherwise: virtual hosts need DNS for every bucket, which local servers rarely have.
    pathStyle: style === "" ? true : style !== "0" && style !== "false",
    prefix: (env.S3_PREFIX ?? "").replace(/^\/+/, ""),
  };
}
