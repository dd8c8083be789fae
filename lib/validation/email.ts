// The founding spec's e-mail rule, applied after trimming and lower-casing.
export const EMAIL_PATTERN = /^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}$/;
export const EMAIL_MESSAGE = "Enter a valid e-mail address, such as name@example.com";

export function normalizeEmail(input: string): string {
  return input.trim().toLowerCase();
}

export function isEmail(input: string): boolean {
  return input.length <= 254 && EMAIL_PATTERN.test(input);
}
