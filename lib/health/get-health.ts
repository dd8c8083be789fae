import "server-only";
import mongoose from "mongoose";
import { connectDb } from "@/lib/core/db/connect";
import { appVersion } from "@/lib/core/env";
import { getRedis } from "@/lib/core/redis";

export type Health = {
  status: "ok" | "degraded";
  version: string;
  database: { ok: boolean; server?: "FerretDB" | "MongoDB"; version?: string; roundTripMs?: number; error?: string };
  redis: { ok: boolean; roundTripMs?: number; error?: string };
};

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<T>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const round = (ms: number) => Math.round(ms * 100) / 100;

async function checkDatabase(): Promise<Health["database"]> {
  try {
    await withTimeout(connectDb(), 3000, "database");
    const admin = mongoose.connection.db!.admin();
    const started = performance.now();
    await withTimeout(admin.command({ ping: 1 }), 3000, "database");
    const roundTripMs = round(performance.now() - started);
    const info = await admin.command({ buildInfo: 1 });
    const ferret = typeof info.ferretdbVersion === "string";
    return {
      ok: true,
      server: ferret ? "FerretDB" : "MongoDB",
      version: ferret ? String(info.ferretdbVersion) : String(info.version),
      roundTripMs,
    };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

async function checkRedis(): Promise<Health["redis"]> {
  try {
    const started = performance.now();
    const pong = await withTimeout(getRedis().ping(), 2000, "Redis");
    return { ok: pong === "PONG", roundTripMs: round(performance.now() - started) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

/** App version, database server and round trip, and whether Redis answers. */
export async function getHealth(): Promise<Health> {
  const [database, redis] = await Promise.all([checkDatabase(), checkRedis()]);
  return { status: database.ok && redis.ok ? "ok" : "degraded", version: appVersion(), database, redis };
}
