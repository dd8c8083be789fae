"use client";

import { useState } from "react";

/**
 * A photo received by MMS, inline as a thumbnail with its alt text, inside a link that opens it at
 * full size (a keyboard user tabs to it and presses Enter). Read through our authorised route, so
 * the page's CSP (img-src 'self') allows it. When it cannot be loaded (Twilio deleted it, or it is
 * not an image) the link stays, in words.
 */
export function MessagePhoto({ href, alt }: { href: string; alt: string }) {
  const [failed, setFailed] = useState(false);
  return (
    <a
      href={href}
      target="_blank"
      rel="noreferrer"
      className="block rounded-md focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
      aria-label={failed ? `${alt} (could not be shown here; open it)` : `${alt}, open full size`}
      data-testid="message-photo"
    >
      {failed ? (
        <span className="text-xs underline">{alt.replace(/,.*$/, "")} (open)</span>
      ) : (
        // eslint-disable-next-line @next/next/no-img-element -- a private, per-member image: next/image's optimiser would fetch it without the session
        <img src={href} alt={alt} loading="lazy" className="h-32 max-w-[12rem] rounded-md border border-slate-200 object-cover dark:border-slate-700" onError={() => setFailed(true)} />
      )}
    </a>
  );
}
