/** A fresh key for one send intent: the server sends at most once per key, so a double click or a retry cannot send twice. */
export const newIntentKey = () =>
  typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
