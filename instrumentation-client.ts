// Runs in the browser before the app's own code (Next.js's client instrumentation hook).
import { z } from "zod";

// Zod probes `Function("")` once to decide whether to compile fast object parsers. The CSP allows
// no eval (lib/security/content-security-policy.ts), so in the browser the probe only ever fails,
// and each failure is reported as a CSP violation: skip the probe and the compiled parsers here.
// The server has no CSP and keeps them (lead imports parse many rows).
z.config({ jitless: true });
