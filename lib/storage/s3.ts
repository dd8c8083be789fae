// Blob store on S3-compatible storage (AWS S3, MinIO, Cloudflare R2, Backblaze B2, ...), used when
// S3_BUCKET is set. Keys are `{S3_PREFIX}tenants/{tenant id}/{file id}`: the tenant is part of
// every key read, so another tenant's file id names an object that does not exist.
import type { Types } from "mongoose";
import type { S3Config } from "./config";
import { EMPTY_SHA256, sha256Hex, signRequest } from "./sigv4";
import type { BlobStore } from "./types";

export class S3Error extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "S3Error";
  }
}

function encodeKey(key: string): string {
  return key.split("/").map(encodeURIComponent).join("/");
}

export function s3Store(config: S3Config): BlobStore {
  const creds = { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey, region: config.region };
  const tenantPrefix = (tenantId: string) => `${config.prefix}tenants/${tenantId}/`;
  const keyOf = (tenantId: string, id: Types.ObjectId) => `${tenantPrefix(tenantId)}${id.toHexString()}`;

  function urlFor(key: string, query?: Record<string, string>): URL {
    const base = new URL(config.endpoint);
    const basePath = base.pathname.replace(/\/+$/, "");
    if (config.pathStyle) base.pathname = `${basePath}/${encodeURIComponent(config.bucket)}/${encodeKey(key)}`;
    else {
      base.hostname = `${config.bucket}.${base.hostname}`;
      base.pathname = `${basePath}/${encodeKey(key)}`;
    }
    for (const [k, v] of Object.entries(query ?? {})) base.searchParams.set(k, v);
    return base;
  }

  async function send(method: string, url: URL, body?: Uint8Array, headers: Record<string, string> = {}): Promise<Response> {
    const payloadHash = body ? sha256Hex(body) : EMPTY_SHA256;
    const signed = signRequest(creds, { method, url, headers: body ? { ...headers, "content-length": String(body.length) } : headers, payloadHash });
    const { host: _host, "content-length": _len, ...sendHeaders } = signed;
    return fetch(url, { method, headers: sendHeaders, body: body ? new Uint8Array(body) : undefined, redirect: "manual" });
  }

  async function fail(res: Response, what: string): Promise<never> {
    const text = await res.text().catch(() => "");
    const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
    throw new S3Error(res.status, `S3 ${what} failed: ${res.status}${code ? ` ${code}` : ""}`);
  }

  return {
    name: "s3",

    async write(tenantId, id, body) {
      // Read whole (the upload was already limited in size as it arrived): S3's PUT needs the
      // length and the payload's hash before the first byte. A refused body throws before anything is sent.
      const parts: Uint8Array[] = [];
      for await (const chunk of body) parts.push(chunk);
      const all = new Uint8Array(Buffer.concat(parts));
      const res = await send("PUT", urlFor(keyOf(tenantId, id)), all, { "content-type": "application/octet-stream" });
      if (!res.ok) await fail(res, "upload");
      await res.body?.cancel();
    },

    async read(tenantId, id) {
      const res = await send("GET", urlFor(keyOf(tenantId, id)));
      if (res.status === 404) {
        await res.body?.cancel();
        return null;
      }
      if (!res.ok || !res.body) return fail(res, "download");
      return res.body as unknown as AsyncIterable<Uint8Array>;
    },

    async remove(tenantId, id) {
      const res = await send("DELETE", urlFor(keyOf(tenantId, id)));
      if (!res.ok && res.status !== 404) await fail(res, "delete");
      await res.body?.cancel();
    },

    async removeTenant(tenantId) {
      let removed = 0;
      let token: string | undefined;
      do {
        const query: Record<string, string> = { "list-type": "2", prefix: tenantPrefix(tenantId) };
        if (token) query["continuation-token"] = token;
        const res = await send("GET", urlFor("", query));
        if (!res.ok) await fail(res, "list");
        const xml = await res.text();
        const keys = [...xml.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => decodeXml(m[1]));
        for (const key of keys) {
          const del = await send("DELETE", urlFor(key));
          if (!del.ok && del.status !== 404) await fail(del, "delete");
          await del.body?.cancel();
          removed++;
        }
        token = /<IsTruncated>true<\/IsTruncated>/.test(xml) ? decodeXml(/<NextContinuationToken>([^<]*)<\/NextContinuationToken>/.exec(xml)?.[1] ?? "") : undefined;
      } while (token);
      return removed;
    },
  };
}

function decodeXml(s: string): string {
  return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}
