// Draws the add-in's icons (assets/icon-16/32/64/80/128.png): a red rounded square with a white tick over a score
// bar. Plain Node (zlib) so that no image tool is needed: `npx tsx scripts/make-icons.ts`. The PNGs are committed.
import { writeFileSync } from "fs";
import path from "path";
import { crc32, deflateSync } from "zlib";

const SIZES = [16, 32, 64, 80, 128];
const RED: [number, number, number] = [0xb7, 0x1c, 0x1c];
const WHITE: [number, number, number] = [0xff, 0xff, 0xff];

/** Distance from (px, py) to the segment (ax, ay)–(bx, by). */
function segment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** What covers the point (x, y) in a 1 × 1 drawing: null (transparent), the background or the white marks. */
function paint(x: number, y: number): [number, number, number] | null {
  const r = 0.18; // corner radius
  const qx = Math.max(Math.abs(x - 0.5) - (0.5 - r), 0);
  const qy = Math.max(Math.abs(y - 0.5) - (0.5 - r), 0);
  if (Math.hypot(qx, qy) > r) return null;
  const tick = Math.min(segment(x, y, 0.22, 0.45, 0.42, 0.64), segment(x, y, 0.42, 0.64, 0.78, 0.24)) < 0.075;
  const bar = y > 0.76 && y < 0.84 && x > 0.22 && x < 0.78;
  return tick || bar ? WHITE : RED;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** An RGBA PNG of the icon at one size, anti-aliased by 4 × 4 supersampling. */
export function icon(size: number): Buffer {
  const n = 4;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++)
        for (let sx = 0; sx < n; sx++) {
          const c = paint((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a++;
        }
      const o = py * (size * 4 + 1) + 1 + px * 4;
      raw[o] = a ? Math.round(r / a) : 0;
      raw[o + 1] = a ? Math.round(g / a) : 0;
      raw[o + 2] = a ? Math.round(b / a) : 0;
      raw[o + 3] = Math.round((255 * a) / (n * n));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

if (require.main === module) {
  const dir = path.join(__dirname, "..", "assets");
  for (const size of SIZES) {
    const file = path.join(dir, `icon-${size}.png`);
    writeFileSync(file, icon(size));
    console.log(`${path.relative(process.cwd(), file)} (${size}×${size})`);
  }
}
