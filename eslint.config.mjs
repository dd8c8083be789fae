import next from "eslint-config-next";

const config = [
  ...next,
  { ignores: [".next/**", ".cache/**", ".data/**", "node_modules/**", "test-results/**", "playwright-report/**"] },
];

export default config;
