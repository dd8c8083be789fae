// Which photo URLs we fetch with the company's Twilio credentials: only Twilio's own media
// resources of that company's account (a MediaUrl of an inbound MMS), on api.twilio.com or on the
// local Twilio of development and tests (TWILIO_API_BASE). Anything else is never fetched: a
// stored URL must not make our server call an address of someone's choosing. Pure.

const MEDIA_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\/((?:MM|SM)[0-9a-f]{32})\/Media\/(ME[0-9a-f]{32})$/;

/**
 * The URL to fetch for a stored MediaUrl, or null when it is not one of this account's Twilio
 * media resources. With TWILIO_API_BASE set, Twilio's URLs are read from there, as the SDK's are.
 */
export function twilioMediaFetchUrl(stored: string, accountSid: string, apiBase: string | null): string | null {
  let url: URL;
  try {
    url = new URL(stored);
  } catch {
    return null;
  }
  const origins = new Set(["https://api.twilio.com", ...(apiBase ? [new URL(apiBase).origin] : [])]);
  if (!origins.has(url.origin) || url.username || url.password) return null;
  const m = MEDIA_PATH.exec(url.pathname);
  if (!m || m[1] !== accountSid) return null;
  return apiBase ? new URL(url.pathname, apiBase).href : url.href;
}
