// Playwright drives Debian's Chromium; it is installed with apt-get when missing (never
// a Playwright-managed browser download, which needs the internet and cannot work on these machines).
import { existsSync } from "node:fs";
import { run, SetupError, step } from "./proc.mjs";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function ensureChromium() {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  step("Installing Debian's chromium for the browser tests (apt-get)");
  const asRoot = process.getuid?.() === 0;
  const apt = (args) => (asRoot ? run("apt-get", args) : run("sudo", ["apt-get", ...args]));
  try {
    await apt(["install", "-y", "--no-install-recommends", "chromium"]).catch(async () => {
      await apt(["update"]);
      await apt(["install", "-y", "--no-install-recommends", "chromium"]);
    });
  } catch {
    throw new SetupError("Installing chromium failed. Install it yourself (apt-get install chromium) or set CHROMIUM_PATH.");
  }
  if (!existsSync(CHROMIUM)) throw new SetupError(`chromium was installed but ${CHROMIUM} is missing; set CHROMIUM_PATH.`);
  return CHROMIUM;
}
