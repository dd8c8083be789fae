// The HTTP response that sends a stored file: streamed, never cached by shared caches, always a
// download (never rendered on the app's origin), with a safe name in Content-Disposition.
import { Readable } from "node:stream";
import type { StoredFileInfo } from "./index";

/** RFC 6266: an ASCII fallback and the UTF-8 name. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function fileResponse(opened: { info: StoredFileInfo; body: AsyncIterable<Uint8Array> }): Response {
  const stream = Readable.toWeb(Readable.from(opened.body)) as unknown as ReadableStream<Uint8Array>;
  return new Response(stream, {
    status: 200,
    headers: {
      "content-type": opened.info.contentType,
      "content-length": String(opened.info.size),
      "content-disposition": contentDisposition(opened.info.filename),
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
    },
  });
}
