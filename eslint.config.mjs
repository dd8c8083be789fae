import next from "eslint-config-next";

// Shared machinery (lib/core) is imported by features, never the reverse. It may import itself,
// the registries its loaders read (lib/subscribers, lib/processors, lib/read-models,
// lib/maintenance, lib/migrations) and, in tests, the shared test helpers (lib/testing).
const coreMayImport = ["!@/lib/core", "!@/lib/core/**", "!@/lib/subscribers", "!@/lib/processors", "!@/lib/read-models", "!@/lib/maintenance", "!@/lib/migrations", "!@/lib/migrations/**"];
const coreMessage = "lib/core is imported by features, never the reverse: move the generic piece into lib/core, or let the feature register it (lib/subscribers.ts, lib/processors.ts, lib/read-models.ts, lib/maintenance.ts).";
const coreRule = (extra) => ["error", { patterns: [{ group: ["@/lib/*", ...coreMayImport, ...extra], message: coreMessage }, { group: ["@/app/*", "@/components/*"], message: coreMessage }] }];

// "use server" lives only in app/ (STYLE.md 17): lib/ decides, app/ exposes actions.
const useServerInApp = {
  meta: { type: "problem", messages: { outside: '"use server" belongs in app/ (next to the page that uses the action); lib/ holds the operations it calls.' } },
  create: (context) => ({ "ExpressionStatement[directive='use server']": (node) => context.report({ node, messageId: "outside" }) }),
};

const config = [
  ...next,
  { ignores: [".next/**", ".cache/**", ".data/**", "node_modules/**", "test-results/**", "playwright-report/**"] },
  { files: ["lib/core/**"], ignores: ["**/*.test.ts", "**/*.test.tsx"], rules: { "no-restricted-imports": coreRule([]) } },
  { files: ["lib/core/**/*.test.ts", "lib/core/**/*.test.tsx"], rules: { "no-restricted-imports": coreRule(["!@/lib/testing", "!@/lib/testing/**"]) } },
  {
    files: ["**/*.ts", "**/*.tsx", "**/*.js", "**/*.mjs"],
    ignores: ["app/**"],
    plugins: { dealcycle: { rules: { "use-server-in-app": useServerInApp } } },
    rules: { "dealcycle/use-server-in-app": "error" },
  },
];

export default config;
