// Checks an upload while it streams: its size against the limit (a bigger file is refused as soon
// as it passes the limit, never read to its end) and its type from its content. The bytes pass
// through unchanged; the verdict is known when the stream ends.
import { createHash } from "node:crypto";
import { AppError } from "@/lib/core/errors";
import { FILE_KINDS, sniffHead, SNIFF_HEAD_BYTES, ZIP_TAIL_BYTES, zipEntryNames, zipOfficeKind, type FileKind } from "./sniff";

export type UploadCheck = {
  /** Field named in errors (the form field, e.g. "file" or "proof_of_funds"). */
  field: string;
  maxBytes: number;
  /** Kinds this upload accepts (default: every kind of FILE_KINDS). */
  accept?: readonly FileKind[];
};

export type Inspected = { kind: FileKind; contentType: string; size: number; sha256: string };

const MB = 1024 * 1024;
const mb = (bytes: number) => `${Number((bytes / MB).toFixed(1)).toLocaleString("en-US")} MB`;

export function uploadError(field: string, message: string): AppError {
  return new AppError("bad_request", message, { [field]: [message] });
}

function refuseKind(check: UploadCheck, kind: FileKind) {
  if (check.accept && !check.accept.includes(kind)) {
    const wanted = check.accept.map((k) => FILE_KINDS[k].label).join(", ");
    throw uploadError(check.field, `A ${FILE_KINDS[kind].label} is not accepted here; upload one of: ${wanted}.`);
  }
}

/** Bytes of any body the storage takes: one buffer, or chunks as they arrive. */
export type UploadBody = Uint8Array | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

async function* chunksOf(body: UploadBody): AsyncGenerator<Uint8Array> {
  if (body instanceof Uint8Array) {
    yield body;
    return;
  }
  for await (const chunk of body as AsyncIterable<Uint8Array>) yield chunk instanceof Uint8Array ? chunk : new Uint8Array(chunk as ArrayBuffer);
}

/**
 * Passes `body` through, throwing (with the field named) as soon as it is found to be too big or
 * of a refused type. `done` is filled when the generator has returned.
 */
export function inspectUpload(body: UploadBody, check: UploadCheck): { chunks: AsyncGenerator<Uint8Array>; done: () => Inspected } {
  let result: Inspected | null = null;
  const hash = createHash("sha256");
  async function* run(): AsyncGenerator<Uint8Array> {
    let size = 0;
    let head: Uint8Array = new Uint8Array(0);
    let kind: FileKind | "zip" | null = null;
    let tail: Uint8Array[] = [];
    let tailBytes = 0;
    const source = chunksOf(body);
    try {
      for await (const chunk of source) {
        if (chunk.length === 0) continue;
        size += chunk.length;
        if (size > check.maxBytes) {
          throw uploadError(check.field, `The file is larger than ${mb(check.maxBytes)}, the most one upload takes.`);
        }
        hash.update(chunk);
        if (kind === null) {
          head = concat([head, chunk]).subarray(0, SNIFF_HEAD_BYTES);
          if (head.length < SNIFF_HEAD_BYTES) {
            // Hold the bytes until the head is complete (or the file ends).
            tail.push(chunk);
            tailBytes += chunk.length;
            continue;
          }
          kind = decide(head, check);
          const held = tail;
          tail = [];
          tailBytes = 0;
          for (const h of held) {
            keepTail(h);
            yield h;
          }
          keepTail(chunk);
          yield chunk;
          continue;
        }
        keepTail(chunk);
        yield chunk;
      }
      if (kind === null) {
        if (size === 0) throw uploadError(check.field, "The file is empty.");
        kind = decide(head, check);
        const held = tail;
        tail = [];
        tailBytes = 0;
        for (const h of held) {
          keepTail(h);
          yield h;
        }
      }
      if (kind === "zip") {
        const office = zipOfficeKind(zipEntryNames(concat(tail), size));
        if ("refused" in office) throw uploadError(check.field, office.refused);
        refuseKind(check, office.kind);
        kind = office.kind;
      }
      result = { kind, contentType: FILE_KINDS[kind].contentType, size, sha256: hash.digest("hex") };
    } finally {
      // Stops reading what is left of a refused upload.
      await source.return(undefined);
    }

    function keepTail(chunk: Uint8Array) {
      if (kind !== "zip") return;
      tail.push(chunk);
      tailBytes += chunk.length;
      while (tail.length > 1 && tailBytes - tail[0].length >= ZIP_TAIL_BYTES) tailBytes -= tail.shift()!.length;
    }
  }
  return {
    chunks: run(),
    done: () => {
      if (!result) throw new Error("inspectUpload: the upload was not read to its end");
      return result;
    },
  };
}

function decide(head: Uint8Array, check: UploadCheck): FileKind | "zip" {
  const verdict = sniffHead(head);
  if ("refused" in verdict) throw uploadError(check.field, verdict.refused);
  if (verdict.kind !== "zip") refuseKind(check, verdict.kind);
  else if (check.accept && !check.accept.includes("docx") && !check.accept.includes("xlsx")) {
    throw uploadError(check.field, `ZIP-based files are not accepted here; upload one of: ${check.accept.map((k) => FILE_KINDS[k].label).join(", ")}.`);
  }
  return verdict.kind;
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
