// Draws the app icons (public/icons/*.png) from the same shapes as public/favicon.svg: a brand
// blue rounded square with a white cycle arrow. No image library: each pixel is 4×4 supersampled
// and written as an RGBA PNG with node:zlib. Run `node scripts/make-icons.mjs` after changing it.
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const BRAND = [0x1f, 0x57, 0xd6];
const WHITE = [0xff, 0xff, 0xff];

/** Coverage of the shapes at (x, y) in a 0..1 square: background (rounded) and the white mark. */
function shade(x, y, { padding }) {
  // Maskable icons keep the mark inside the middle 80% and fill the whole square.
  const inset = padding ? 0 : 0.0;
  const r = padding ? 0 : 0.2;
  const inside = roundedRect(x, y, inset, r);
  if (!inside) return null;
  const scale = padding ? 0.72 : 1;
  const mx = (x - 0.5) / scale + 0.5;
  const my = (y - 0.5) / scale + 0.5;
  return mark(mx, my) ? WHITE : BRAND;
}

function roundedRect(x, y, inset, r) {
  if (x < inset || y < inset || x > 1 - inset || y > 1 - inset) return false;
  const cx = Math.min(Math.max(x, inset + r), 1 - inset - r);
  const cy = Math.min(Math.max(y, inset + r), 1 - inset - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** A ring open at the upper right, with an arrowhead at its end: one turn of the deal cycle. */
function mark(x, y) {
  const dx = x - 0.5;
  const dy = y - 0.5;
  const d = Math.hypot(dx, dy);
  const angle = (Math.atan2(dy, dx) * 180) / Math.PI; // 0° = right, 90° = down
  const ring = d >= 0.19 && d <= 0.29 && !(angle > -75 && angle < -15);
  // Arrowhead at -15°, pointing along the ring (clockwise, downwards-right).
  const tip = triangle(x, y, [0.765, 0.36], [0.635, 0.395], [0.745, 0.53]);
  return ring || tip;
}

function triangle(x, y, a, b, c) {
  const s = (p, q) => (x - q[0]) * (p[1] - q[1]) - (p[0] - q[0]) * (y - q[1]);
  const d1 = s(a, b);
  const d2 = s(b, c);
  const d3 = s(c, a);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}

function render(size, options) {
  const rows = [];
  const n = 4;
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++)
        for (let sx = 0; sx < n; sx++) {
          const c = shade((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size, options);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      const o = 1 + px * 4;
      row[o] = a ? Math.round(r / a) : 0;
      row[o + 1] = a ? Math.round(g / a) : 0;
      row[o + 2] = a ? Math.round(b / a) : 0;
      row[o + 3] = Math.round((a / (n * n)) * 255);
    }
    rows.push(row);
  }
  return png(size, Buffer.concat(rows));
}

function png(size, raw) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", deflateSync(raw, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const out = new URL("../public/icons/", import.meta.url);
for (const [name, size, options] of [
  ["icon-192.png", 192, { padding: false }],
  ["icon-512.png", 512, { padding: false }],
  ["maskable-512.png", 512, { padding: true }],
  ["apple-touch-icon.png", 180, { padding: true }],
]) {
  writeFileSync(new URL(name, out), render(size, options));
}
