import { mergeConfig } from "vitest/config";
import base from "../../../vitest.config";

// mergeConfig would append to the suite's `include`; the benchmark runs alone.
const config = mergeConfig(base, { test: { testTimeout: 3_600_000 } });
config.test!.include = ["lib/leads/import/*.bench.ts"];
export default config;
