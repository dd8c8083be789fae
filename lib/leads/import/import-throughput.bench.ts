// Import throughput on the real stack (FerretDB + the import pipeline), not part of `npm test`:
//   npx vitest run --config lib/leads/import/bench.config.ts
import { it } from "vitest";
import { createWorkspace } from "../write/test-helpers";
import { analyzeImport, createImport, getImportOrThrow, startImport, storeImportChunk } from "./imports";
import { processLeadImport } from "./process-import";
import { closeLeadImportQueue } from "./queue";

const ROWS = Number(process.env.BENCH_ROWS ?? 50_000);

it(`imports ${ROWS} PropStream-style rows`, async () => {
  process.env.BULLMQ_PREFIX = "bench";
  const ws = await createWorkspace({ maxLeads: ROWS + 10 });
  const header = "Address,City,State,Zip,Owner 1 First Name,Owner 1 Last Name,Mailing Address,Phone 1,Phone 1 Type,Email 1,Est. Value,Bedrooms,Total Bathrooms,Building Sqft,Lot Size Sqft,Year Built,Property Type";
  const lines = [header];
  for (let i = 0; i < ROWS; i++) {
    lines.push(`${i} Main St,Dallas,TX,75${String(i % 1000).padStart(3, "0")},Owner,Number${i},PO Box ${i},${2 + (i % 8)}14${String(5000000 + i).padStart(7, "0")},Mobile,o${i}@example.com,"$${100000 + i}",3,2,1500,7000,1970,Single Family`);
  }
  const bytes = Buffer.from(lines.join("\n"));
  const t0 = performance.now();
  const { id, chunkSize } = await createImport(ws.admin, { file_name: "bench.csv", file_size: bytes.length });
  let seq = 0;
  for (let at = 0; at < bytes.length; at += chunkSize) await storeImportChunk(ws.admin, id, seq++, bytes.subarray(at, at + chunkSize));
  const preview = await analyzeImport(ws.admin, id, seq);
  const t1 = performance.now();
  await startImport(ws.admin, { import_id: id, mapping: preview.import.mapping, dedupe: "skip", tags: ["bench"] });
  await processLeadImport(ws.admin.tenantId, id);
  const t2 = performance.now();
  const view = await getImportOrThrow(ws.admin, id);
  console.log(JSON.stringify({ rows: ROWS, mb: +(bytes.length / 1048576).toFixed(1), uploadAndAnalyzeMs: Math.round(t1 - t0), importMs: Math.round(t2 - t1), rowsPerSecond: Math.round(ROWS / ((t2 - t1) / 1000)), progress: view.progress }));
  await closeLeadImportQueue();
}, 3_600_000);
