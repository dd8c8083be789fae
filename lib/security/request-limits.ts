// Oversized requests are refused by proxy.ts at once, before any page or route runs and before the
// proxy adds its own request headers. Node.js refuses a request head over 16 KB itself (431); below
// that, a request near the limit must not grow past it on its way through Next.js (the rewrite,
// the proxy's headers, Next.js's own sub-requests that copy the cookies), where it hung instead of
// failing. No page of the app needs a longer address than this, or a bigger head.

/** Longest path + query accepted: 4 KB (nginx allows 8 KB; our longest real URLs are lead filters, well under 1 KB). */
export const MAX_REQUEST_TARGET = 4 * 1024;

/** Largest request line + headers accepted: 12 KB, leaving 4 KB of Node.js's 16 KB for what the proxy and Next.js add. */
export const MAX_REQUEST_HEAD = 12 * 1024;

export type Oversize = { status: 414 | 431; message: string };

/** 414 for a too-long address, 431 for too-big headers (cookies included), else null. */
export function oversizedRequest(method: string, url: URL, headers: Headers): Oversize | null {
  const target = url.pathname.length + url.search.length;
  if (target > MAX_REQUEST_TARGET) return { status: 414, message: `The address is too long (over ${MAX_REQUEST_TARGET} characters).` };
  // As on the wire: "METHOD target HTTP/1.1\r\n" and "name: value\r\n" per header.
  let head = method.length + target + 11;
  for (const [name, value] of headers) head += name.length + value.length + 4;
  if (head > MAX_REQUEST_HEAD) return { status: 431, message: "The request headers are too large. Clear this site's cookies and try again." };
  return null;
}
