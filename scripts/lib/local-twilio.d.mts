export function twilioSignature(token: string, url: string, params: Record<string, string>): string;
export function startLocalTwilio(options?: {
  port?: number;
  host?: string;
  accounts?: { sid?: string; token?: string; numbers?: string[] }[];
  open?: boolean;
  webhookBase?: string | null;
  log?: (line: string) => void;
}): Promise<{ url: string; addAccount: (a: { sid?: string; token?: string; numbers?: string[] }) => { sid: string; token: string }; state: unknown; close: () => Promise<void> }>;
