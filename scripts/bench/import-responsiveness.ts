// Does a big CSV import hold up the server? The probe of issue 13 item 1: a 4 MB file of one
// million tiny rows, and a 50 MB file (429,000 rows), uploaded, checked (analyze) and previewed in
// this process as the web server does, while every 500 ms another company's request does a
// trivial database read and a Redis round trip. Prints each step's time and outcome, the slowest
// probe, the event loop's longest stall and the peak RSS. See docs/benchmarks.md, "CSV import".
//
//   node --expose-gc --conditions=react-server --import tsx scripts/bench/import-responsiveness.ts [--backend sqlite|postgresql]
//   (--expose-gc lets the script drop the files it generated before measuring RSS)
//   (PostgreSQL, the default: a fresh database on 127.0.0.1:5432, user postgres, trust auth;
//    Redis at REDIS_URL or 127.0.0.1:6379)
import { mkdtempSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import mongoose from "mongoose";
import { runMigrations } from "@/lib/migrations/run-migrations";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { analyzeImport, createImport, previewImport, storeImportChunk } from "@/lib/leads/import/imports";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { getRedis } from "@/lib/core/redis";
import { Lead } from "@/models";
import { freePort } from "../lib/proc.mjs";
import { removeDir, startFerretDB } from "../lib/services.mjs";
import { ms } from "./lib/measure";
import { createFreshDatabase, dropDatabase, postgresUrl } from "./lib/postgres";

const args = process.argv.slice(2);
const backend = (args.includes("--backend") ? args[args.indexOf("--backend") + 1] : "postgresql") as "sqlite" | "postgresql";
const DB = "dealcycle_bench_import";

function log(line: string) {
  console.error(`[bench:import ${new Date().toISOString().slice(11, 19)}] ${line}`);
}

/** The probe's files: one million rows of 4 bytes, and 50 MB of 117-byte PropStream-like rows. */
function millionRows(): Buffer {
  return Buffer.from(`N,P\n${"a,1\n".repeat(999_999)}`);
}
function fiftyMegabytes(): Buffer {
  const parts = ["Name,Phone,Street,City,State,Zip,Notes\n"];
  let size = parts[0].length;
  for (let i = 0; size < 50 * 1024 * 1024 - 200; i++) {
    const row = `Seller ${i},214${String(5550000 + (i % 10_000_000)).padStart(7, "0")},${i} Main Street,Dallas,TX,75201,Called twice about the roof and the back taxes\n`;
    parts.push(row);
    size += row.length;
  }
  return Buffer.from(parts.join(""));
}

type Step = { what: string; ms: number; outcome: string; probeMaxMs: number; probes: number; loopMaxMs: number; peakRssMb: number };

/** Runs `fn` while another company's request is made every 500 ms; measures what those requests waited. */
async function underProbe(what: string, other: TenantContext, fn: () => Promise<string>): Promise<Step> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let peakRss = process.memoryUsage().rss;
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const waits: number[] = [];
  let running = true;
  const probe = (async () => {
    while (running) {
      const asked = performance.now();
      await Promise.all([scoped(other, Lead).findOne({}, { _id: 1 }).lean(), getRedis().ping()]);
      waits.push(performance.now() - asked);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  })();
  const started = performance.now();
  let outcome: string;
  try {
    outcome = await fn();
  } catch (err) {
    outcome = `refused: ${(err as Error).message}`;
  }
  const took = performance.now() - started;
  running = false;
  await probe;
  clearInterval(rssTimer);
  loop.disable();
  return { what, ms: took, outcome, probeMaxMs: Math.max(0, ...waits), probes: waits.length, loopMaxMs: loop.max / 1e6, peakRssMb: peakRss / 1048576 };
}

async function upload(ctx: TenantContext, bytes: Buffer, name: string): Promise<string> {
  const { id, chunkSize } = await createImport(ctx, { file_name: name, file_size: bytes.length });
  for (let seq = 0; seq * chunkSize < bytes.length; seq++) await storeImportChunk(ctx, id, seq, bytes.subarray(seq * chunkSize, (seq + 1) * chunkSize));
  return id;
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), `dealcycle-bench-import-${backend}-`));
  const pgDatabase = `${DB}_${process.pid}`;
  if (backend === "postgresql") await createFreshDatabase(pgDatabase);
  const { uri, child } = await startFerretDB({ dataDir, port: await freePort(), backend, postgresqlUrl: postgresUrl(pgDatabase), logFile: join(dataDir, "ferretdb.log") });
  const stop = async () => {
    await mongoose.disconnect().catch(() => {});
    getRedis().disconnect();
    child.kill("SIGTERM");
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve)));
    removeDir(dataDir);
    if (backend === "postgresql") await dropDatabase(pgDatabase);
  };
  process.once("SIGINT", () => void stop().finally(() => process.exit(130)));
  try {
    await mongoose.connect(`${uri}/${DB}`, { serverSelectionTimeoutMS: 10_000, maxPoolSize: 20 });
    await runMigrations();
    const acme = await createWorkspace();
    const globex = await createWorkspace();
    await scoped(globex.admin, Lead).create({ name: "Probe Lead", phone: "+12145550100", status: "new", address: {}, property_details: {} });
    const steps: Step[] = [];
    log(`baseline RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`);

    for (const [name, make] of [["million-rows.csv", millionRows], ["fifty-mb.csv", fiftyMegabytes]] as const) {
      let bytes: Buffer | null = make();
      let lines = -1;
      for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) lines += 1;
      log(`${name}: ${(bytes.length / 1048576).toFixed(1)} MB, ${lines.toLocaleString("en-US")} rows; uploading`);
      const id = await upload(acme.admin, bytes, name);
      bytes = null;
      (globalThis as { gc?: () => void }).gc?.();
      const analyzed = await underProbe(`${name}: analyze`, globex.admin, async () => {
        const p = await analyzeImport(acme.admin, id);
        return `${p.import.rowCount.toLocaleString("en-US")} rows, ${p.valid.toLocaleString("en-US")} ready`;
      });
      steps.push(analyzed);
      log(`${analyzed.what}: ${ms(analyzed.ms)}, ${analyzed.outcome}`);
      if (!analyzed.outcome.startsWith("refused")) {
        const preview = await underProbe(`${name}: preview`, globex.admin, async () => {
          const p = await previewImport(acme.admin, { import_id: id, mapping: [], dedupe: "skip", tags: [] });
          return `${p.valid.toLocaleString("en-US")} ready`;
        });
        steps.push(preview);
      }
    }
    // The biggest file an import takes: just under the row cap, previewed in full.
    const cap = Buffer.from(`Name,Phone\n${Array.from({ length: 249_999 }, (_, i) => `Seller ${i},214${String(5550000 + i).padStart(7, "0")}\n`).join("")}`);
    const capId = await upload(acme.admin, cap, "at-the-cap.csv");
    (globalThis as { gc?: () => void }).gc?.();
    steps.push(await underProbe("at-the-cap.csv (249,999 rows, 6.6 MB): analyze + preview", globex.admin, async () => {
      const p = await analyzeImport(acme.admin, capId);
      return `${p.import.rowCount.toLocaleString("en-US")} rows, ${p.valid.toLocaleString("en-US")} ready`;
    }));
    steps.push(await underProbe("at-the-cap.csv: preview again", globex.admin, async () => {
      const p = await previewImport(acme.admin, { import_id: capId, mapping: [{ column: 0, target: "name" }, { column: 1, target: "phone" }], dedupe: "skip", tags: [] });
      return `${p.valid.toLocaleString("en-US")} ready`;
    }));

    console.log(`\nCSV import responsiveness (${backend}, ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(1)).join(" ")}), ${new Date().toISOString().slice(0, 10)}\n`);
    console.log("| Step | Took | Outcome | Slowest other-company request (probes) | Longest event-loop stall | Peak RSS |");
    console.log("| --- | ---: | --- | ---: | ---: | ---: |");
    for (const s of steps) console.log(`| ${s.what} | ${ms(s.ms)} | ${s.outcome.slice(0, 120)} | ${ms(s.probeMaxMs)} (${s.probes}) | ${ms(s.loopMaxMs)} | ${s.peakRssMb.toFixed(0)} MB |`);
  } finally {
    await stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
