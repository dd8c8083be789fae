import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

// Application-level encryption for the secrets a tenant gives us (a provider's auth token): the
// database's own encryption covers the rest. AES-256-GCM under a key derived from APP_SECRET_KEY
// (`npm start` generates one; set a real one in production). Stored as "v1.<base64url(iv|tag|data)>".

const VERSION = "v1";

function key(): Buffer {
  const secret = process.env.APP_SECRET_KEY;
  if (!secret || secret.length < 16) throw new Error("APP_SECRET_KEY is not set (at least 16 characters).");
  return createHash("sha256").update(`dealcycle:secret-box:${secret}`).digest();
}

export function sealSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), data]).toString("base64url")}`;
}

/** The secret, or throws when it was sealed under another key or altered. */
export function openSecret(sealed: string): string {
  const [version, body] = sealed.split(".");
  if (version !== VERSION || !body) throw new Error("Not a sealed secret.");
  const raw = Buffer.from(body, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", key(), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}
