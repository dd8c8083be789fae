// Sends a file to the server in pieces (POST /api/v1/uploads, then PUT of each piece), reporting
// progress as bytes go out. Resolves with the upload's id, which the owner's route or action takes
// in (e.g. a deal's documents, a buyer's proof of funds). Errors carry the server's message.

export class UploadFailed extends Error {
  constructor(
    message: string,
    readonly fields?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "UploadFailed";
  }
}

async function failure(res: Response | null, fallback: string): Promise<UploadFailed> {
  const body = res ? ((await res.json().catch(() => ({}))) as { error?: { message?: string; fields?: Record<string, string[]> } }) : {};
  return new UploadFailed(body.error?.message ?? fallback, body.error?.fields);
}

function putPiece(url: string, blob: Blob, onBytes: (sent: number) => void, signal?: AbortSignal): Promise<Response> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", url);
    xhr.upload.onprogress = (e) => onBytes(e.loaded);
    xhr.onload = () => resolve(new Response(xhr.responseText || null, { status: xhr.status, headers: { "content-type": xhr.getResponseHeader("content-type") ?? "application/json" } }));
    xhr.onerror = () => reject(new UploadFailed("The connection was lost during the upload. Try again."));
    xhr.onabort = () => reject(new UploadFailed("The upload was cancelled."));
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(blob);
  });
}

export async function uploadInPieces(file: File, options: { field?: string; onProgress?: (fraction: number) => void; signal?: AbortSignal } = {}): Promise<string> {
  const field = options.field ?? "file";
  const started = await fetch("/api/v1/uploads", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ filename: file.name, size: file.size, field }),
    signal: options.signal,
  }).catch(() => null);
  if (!started?.ok) throw await failure(started, "The upload could not start. Try again.");
  const { id, chunkBytes, parts } = (await started.json()) as { id: string; chunkBytes: number; parts: number };
  for (let seq = 0; seq < parts; seq++) {
    const piece = file.slice(seq * chunkBytes, (seq + 1) * chunkBytes);
    const res = await putPiece(`/api/v1/uploads/${id}/parts/${seq}?field=${encodeURIComponent(field)}`, piece, (sent) => options.onProgress?.(Math.min(1, (seq * chunkBytes + sent) / file.size)), options.signal);
    if (!res.ok) throw await failure(res, "The upload failed. Try again.");
  }
  options.onProgress?.(1);
  return id;
}
