export function databaseProblem(uri: string, timeoutMs: number): Promise<string | null>;
export type CheckResult = "ok" | "failing" | "restarted" | "restart-failed";
export function createWatchdog(options: {
  probe: () => Promise<string | null>;
  restart: () => Promise<void>;
  failuresBeforeRestart?: number;
  intervalMs?: number;
  log?: (message: string) => void;
}): { check: () => Promise<CheckResult> };
export function watchEmbeddedDatabase(options: {
  uri: string;
  restart: () => Promise<void>;
  intervalMs?: number;
  timeoutMs?: number;
  failuresBeforeRestart?: number;
}): () => void;
