// CPU time used by the database processes, read from /proc. Wall-clock latency on a shared,
// loaded machine mostly measures the other tenants of the CPU; CPU seconds per query do not.
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function cpuMsOf(pid: number): number {
  try {
    // Fields after the command name (which may contain spaces): utime is the 14th, stime the 15th.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0; // the process ended
  }
}

/** PostgreSQL backends serving one database: their process title names it. */
function postgresBackends(database: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (cmd.startsWith("postgres:") && cmd.includes(` ${database} `)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** A sampler of the CPU milliseconds used so far by FerretDB (and, for PostgreSQL, its backends). */
export function cpuSampler(ferretdbPid: number, postgresDatabase?: string): () => number {
  const seen = new Map<number, number>();
  return () => {
    const pids = [ferretdbPid, ...(postgresDatabase ? postgresBackends(postgresDatabase) : [])];
    // A backend that exits takes its CPU time with it: keep the last value read.
    for (const pid of pids) seen.set(pid, Math.max(seen.get(pid) ?? 0, cpuMsOf(pid)));
    return [...seen.values()].reduce((a, b) => a + b, 0);
  };
}
