// What every benchmark script parses and prints the same way: its flags (`--name value`), the
// FerretDB backend to run on, and progress lines on stderr (the report itself goes to stdout).

export type Backend = "sqlite" | "postgresql";

export const args = process.argv.slice(2);

/** The value after `--name` on the command line, or undefined when the flag is absent. */
export const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

/** `--backend` (sqlite or postgresql), else the script's default; anything else is refused. */
export function backendOption(fallback: Backend): Backend {
  const backend = (option("--backend") ?? fallback) as Backend;
  if (backend !== "sqlite" && backend !== "postgresql") throw new Error(`--backend must be sqlite or postgresql, not ${backend}`);
  return backend;
}

/** A progress line on stderr, prefixed with the bench's name and the time: `[bench:inbox 08:40:01] ...`. */
export function benchLog(name: string) {
  return (line: string) => console.error(`[bench:${name} ${new Date().toISOString().slice(11, 19)}] ${line}`);
}
