import { createHash, randomBytes } from "node:crypto";

/** Every key starts with this, so secret scanners and people recognise it. */
export const API_KEY_PREFIX = "dc_live_";
const BODY_LENGTH = 32; // 32 base62 characters: about 190 random bits
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const KEY_PATTERN = new RegExp(`^${API_KEY_PREFIX}[0-9A-Za-z]{${BODY_LENGTH}}$`);
/** How much of a key the list shows: the fixed part and four characters of the secret. */
const SHOWN = API_KEY_PREFIX.length + 4;

/** A new secret, uniformly random over base62 (bytes past the last full multiple of 62 are redrawn). */
export function generateApiKey(): string {
  let body = "";
  while (body.length < BODY_LENGTH) {
    for (const byte of randomBytes(BODY_LENGTH * 2)) {
      if (byte < 248 && body.length < BODY_LENGTH) body += ALPHABET[byte % 62];
    }
  }
  return API_KEY_PREFIX + body;
}

export function looksLikeApiKey(value: string): boolean {
  return KEY_PATTERN.test(value);
}

export function hashApiKey(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function apiKeyPrefix(secret: string): string {
  return secret.slice(0, SHOWN);
}
