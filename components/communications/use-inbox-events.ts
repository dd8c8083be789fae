"use client";

import { useEffect, useRef } from "react";

export type InboxChange = { contactType: "lead" | "buyer"; contactId: string };

/**
 * Calls `onChange` for every conversation of the company that changes while the page is open
 * (server-sent events from /api/inbox/stream; the browser reconnects by itself). `onReconnect`
 * runs when the stream opens again after a drop, to catch up on what was missed meanwhile.
 */
export function useInboxEvents(onChange: (change: InboxChange) => void, onReconnect?: () => void) {
  const handler = useRef(onChange);
  const reconnect = useRef(onReconnect);
  useEffect(() => {
    handler.current = onChange;
    reconnect.current = onReconnect;
  });
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const source = new EventSource("/api/inbox/stream");
    let opened = false;
    source.addEventListener("open", () => {
      if (opened) reconnect.current?.();
      opened = true;
    });
    source.addEventListener("change", (e) => {
      try {
        handler.current(JSON.parse((e as MessageEvent<string>).data) as InboxChange);
      } catch {
        // ignore a malformed event
      }
    });
    return () => source.close();
  }, []);
}
