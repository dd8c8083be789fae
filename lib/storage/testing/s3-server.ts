// A tiny S3-speaking server on loopback for tests: path-style PUT, GET and DELETE of objects and
// ListObjectsV2, each request's Signature V4 checked (credential, signed headers, payload hash).
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { sha256Hex, signature } from "../sigv4";

export type FakeS3 = {
  endpoint: string;
  objects: Map<string, Buffer>;
  requests: { method: string; path: string; status: number }[];
  close: () => Promise<void>;
};

export async function startFakeS3(opts: { bucket: string; accessKeyId: string; secretAccessKey: string; region: string }): Promise<FakeS3> {
  const objects = new Map<string, Buffer>();
  const requests: FakeS3["requests"] = [];

  function verify(req: IncomingMessage, body: Buffer): string | null {
    const auth = req.headers.authorization ?? "";
    const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(auth);
    if (!m) return "AuthorizationHeaderMalformed";
    const [, keyId, day, region, signed, sig] = m;
    if (keyId !== opts.accessKeyId) return "InvalidAccessKeyId";
    if (region !== opts.region) return "AuthorizationHeaderMalformed";
    const stamp = String(req.headers["x-amz-date"] ?? "");
    if (!stamp.startsWith(day)) return "AuthorizationHeaderMalformed";
    const names = signed.split(";");
    if (!names.includes("host") || !names.includes("x-amz-date") || !names.includes("x-amz-content-sha256")) return "AccessDenied";
    const payloadHash = String(req.headers["x-amz-content-sha256"] ?? "");
    if (payloadHash !== sha256Hex(body)) return "XAmzContentSHA256Mismatch";
    const headers = Object.fromEntries(names.map((n) => [n, String(req.headers[n] ?? "")]));
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    const expected = signature({ accessKeyId: keyId, secretAccessKey: opts.secretAccessKey, region }, req.method ?? "GET", url, headers, payloadHash, stamp);
    return expected.signature === sig ? null : "SignatureDoesNotMatch";
  }

  const server = createServer(async (req, res) => {
    const parts: Buffer[] = [];
    for await (const c of req) parts.push(c as Buffer);
    const body = Buffer.concat(parts);
    const url = new URL(req.url ?? "/", "http://s3.local");
    const send = (status: number, text = "", type = "application/xml") => {
      requests.push({ method: req.method ?? "", path: url.pathname, status });
      res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(text) });
      res.end(text);
    };
    const error = (status: number, code: string) => send(status, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code></Error>`);
    const problem = verify(req, body);
    if (problem) return error(403, problem);
    const [, bucket, ...rest] = url.pathname.split("/");
    if (bucket !== opts.bucket) return error(404, "NoSuchBucket");
    const key = rest.map(decodeURIComponent).join("/");
    if (!key && req.method === "GET" && url.searchParams.get("list-type") === "2") {
      const prefix = url.searchParams.get("prefix") ?? "";
      const keys = [...objects.keys()].filter((k) => k.startsWith(prefix)).sort();
      return send(200, `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>${bucket}</Name><KeyCount>${keys.length}</KeyCount><IsTruncated>false</IsTruncated>${keys.map((k) => `<Contents><Key>${k}</Key></Contents>`).join("")}</ListBucketResult>`);
    }
    if (!key) return error(400, "InvalidRequest");
    if (req.method === "PUT") {
      objects.set(key, body);
      return send(200);
    }
    if (req.method === "GET") {
      const obj = objects.get(key);
      if (!obj) return error(404, "NoSuchKey");
      requests.push({ method: "GET", path: url.pathname, status: 200 });
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": obj.length });
      return res.end(obj);
    }
    if (req.method === "DELETE") {
      objects.delete(key);
      return send(204);
    }
    return error(405, "MethodNotAllowed");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    objects,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
