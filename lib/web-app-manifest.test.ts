// The web app manifest and icons in public/, so a rep can add the workspace to a phone's home
// screen: what the manifest promises exists, and the proxy leaves those files to public/ on
// every host (a tenant host rewrote them to its pages, which answered not found).
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { config } from "@/proxy";

const root = join(__dirname, "..");
const manifest = JSON.parse(readFileSync(join(root, "public/manifest.webmanifest"), "utf8"));

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): string {
  const png = readFileSync(file);
  expect(png.subarray(1, 4).toString()).toBe("PNG");
  return `${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`;
}

describe("web app manifest", () => {
  it("names DealCycle, opens the workspace standalone, and its icons exist at the sizes it says", () => {
    expect(manifest).toMatchObject({ name: "DealCycle", start_url: "/", display: "standalone", theme_color: expect.stringMatching(/^#[0-9a-f]{6}$/i) });
    const sizes = manifest.icons.filter((i: { type: string }) => i.type === "image/png").map((i: { src: string; sizes: string }) => [i.sizes, pngSize(join(root, "public", i.src))]);
    expect(sizes.map(([declared]: string[]) => declared)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    for (const [declared, actual] of sizes) expect(actual).toBe(declared);
    for (const icon of manifest.icons) expect(existsSync(join(root, "public", icon.src))).toBe(true);
  });

  it("is served from public/ on every host: the proxy does not rewrite it or the icons", () => {
    const proxied = (path: string) => config.matcher.some((m) => new RegExp(`^${m}$`).test(path));
    for (const path of ["/manifest.webmanifest", "/favicon.svg", "/icons/icon-192.png", "/icons/apple-touch-icon.png"]) expect(proxied(path)).toBe(false);
    for (const path of ["/", "/leads", "/t/acme", "/settings/profile"]) expect(proxied(path)).toBe(true);
  });
});
