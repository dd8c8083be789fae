import { withTenant } from "@/lib/core/api/with-tenant";
import { discardMyUpload } from "@/lib/storage/uploads";

export const runtime = "nodejs";

/** Discards an upload not taken in (the person changed their mind); only they can. */
export const DELETE = withTenant<{ id: string }>(
  async (_request, ctx, { id }) => {
    await discardMyUpload(ctx, id);
    return new Response(null, { status: 204 });
  },
  { write: true },
);
