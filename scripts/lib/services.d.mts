import type { ChildProcess } from "node:child_process";
export function ensureFerretDBBinary(): Promise<string>;
export function startFerretDB(options: {
  dataDir: string;
  port: number;
  backend?: "sqlite" | "postgresql";
  postgresqlUrl?: string;
  logFile?: string;
}): Promise<{ uri: string; child: ChildProcess }>;
export function stopProcess(child: ChildProcess, graceMs?: number): Promise<void>;
export function withCustomPlans(postgresqlUrl: string): string;
export function ensureRedis(): Promise<string>;
export function removeDir(dir: string): void;
