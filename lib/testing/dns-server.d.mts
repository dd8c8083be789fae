/** A TXT record: one string, or its character-strings (a resolver joins them). */
export type TxtRecord = string | string[];

export function startDnsServer(options?: {
  port?: number;
  host?: string;
  lookup?: (name: string) => Promise<TxtRecord[] | null>;
}): Promise<{
  /** host:port, the form DNS_SERVERS takes. */
  address: string;
  setTxt: (name: string, values: TxtRecord[]) => void;
  setFailure: (name: string, failure: "servfail" | "no-answer") => void;
  remove: (name: string) => void;
  queries: string[];
  close: () => Promise<void>;
}>;
