import { mergeConfig } from "vitest/config";
import base from "../../../vitest.config";

export default mergeConfig(base, { test: { include: ["lib/leads/import/*.bench.ts"], testTimeout: 3_600_000 } });
