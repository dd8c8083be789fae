export function startOidcProvider(options: {
  port?: number;
  host?: string;
  clients: { clientId: string; clientSecret: string }[];
}): Promise<{ issuer: string; close: () => Promise<void> }>;
