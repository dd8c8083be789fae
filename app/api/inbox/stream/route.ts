import { withTenant } from "@/lib/core/api/with-tenant";
import { listenToInbox } from "@/lib/communications/conversations/inbox-channel";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 15_000;

/**
 * Server-sent events for an open inbox or thread: one `change` event per conversation that
 * changed (contact type and id only; the page reads the rows again through its permission-checked
 * actions). Fed by Redis pub/sub from the conversations read model, so an inbound text written by
 * the worker reaches the page within milliseconds, with no polling. A comment every 15 s keeps
 * proxies from closing the idle stream; the browser's EventSource reconnects by itself.
 */
export const GET = withTenant(
  async (request, ctx) => {
    const encoder = new TextEncoder();
    let stop: (() => Promise<void>) | null = null;
    let heartbeat: ReturnType<typeof setInterval> | null = null;
    const close = () => {
      if (heartbeat) clearInterval(heartbeat);
      heartbeat = null;
      void stop?.();
      stop = null;
    };
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (chunk: string) => {
          try {
            controller.enqueue(encoder.encode(chunk));
          } catch {
            close();
          }
        };
        send("retry: 1000\n: connected\n\n");
        stop = await listenToInbox(ctx.tenantId, (news) => send(`event: change\ndata: ${JSON.stringify({ contactType: news.contactType, contactId: news.contactId })}\n\n`));
        heartbeat = setInterval(() => send(": ping\n\n"), HEARTBEAT_MS);
        request.signal.addEventListener("abort", () => {
          close();
          try {
            controller.close();
          } catch {
            // already closed
          }
        });
      },
      cancel() {
        close();
      },
    });
    return new Response(stream, {
      headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache, no-transform", Connection: "keep-alive", "X-Accel-Buffering": "no" },
    });
  },
  { permission: "communications.read", write: false },
);
