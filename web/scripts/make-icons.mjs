// Draws the app's icons (the favicon's design: three linked tasks on a dark rounded square) as PNG files for the
// web app manifest, with no dependency beyond Node: shapes are sampled 4×4 per pixel and written with zlib.
// Run: node scripts/make-icons.mjs   (writes public/icons/icon-192.png, icon-512.png, maskable-512.png)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');

const hex = (value) => [1, 3, 5].map((i) => parseInt(value.slice(i, i + 2), 16));
const colors = { background: hex('#1f2937'), white: hex('#f9fafb'), blue: hex('#60a5fa'), green: hex('#34d399') };

// The design in the favicon's 32-unit space, front to back.
const circles = [
  { x: 9, y: 16, r: 3.2, color: colors.white },
  { x: 23, y: 9, r: 3.2, color: colors.blue },
  { x: 23, y: 23, r: 3.2, color: colors.green },
];
const lines = [
  { x1: 12, y1: 15, x2: 20, y2: 10, width: 1.8, color: colors.white },
  { x1: 12, y1: 17, x2: 20, y2: 22, width: 1.8, color: colors.white },
];

function distanceToSegment(px, py, { x1, y1, x2, y2 }) {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
}

function insideRoundedSquare(x, y, size, radius) {
  const cx = Math.max(radius, Math.min(size - radius, x));
  const cy = Math.max(radius, Math.min(size - radius, y));
  return Math.hypot(x - cx, y - cy) <= radius;
}

/** The colour at a point of the 32-unit design, or null outside the rounded square (transparent). */
function sample(x, y, maskable) {
  // A maskable icon fills its whole square (the platform cuts its own shape) and keeps the design in the safe zone.
  if (!maskable && !insideRoundedSquare(x, y, 32, 8)) return null;
  const [ux, uy] = maskable ? [16 + (x - 16) / 0.8, 16 + (y - 16) / 0.8] : [x, y];
  for (const c of circles) if (Math.hypot(ux - c.x, uy - c.y) <= c.r) return c.color;
  for (const l of lines) if (distanceToSegment(ux, uy, l) <= l.width / 2) return l.color;
  return colors.background;
}

function draw(size, maskable) {
  const samples = 4;
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const color = sample(((px + (sx + 0.5) / samples) * 32) / size, ((py + (sy + 0.5) / samples) * 32) / size, maskable);
          if (!color) continue;
          r += color[0];
          g += color[1];
          b += color[2];
          a += 1;
        }
      }
      const offset = 1 + px * 4;
      if (a > 0) {
        row[offset] = Math.round(r / a);
        row[offset + 1] = Math.round(g / a);
        row[offset + 2] = Math.round(b / a);
      }
      row[offset + 3] = Math.round((a / (samples * samples)) * 255);
    }
    rows.push(row);
  }
  return png(size, Buffer.concat(rows));
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size, filteredRows) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(filteredRows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(out, { recursive: true });
for (const [name, size, maskable] of [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['maskable-512.png', 512, true],
]) {
  writeFileSync(join(out, name), draw(size, maskable));
  console.log(`wrote public/icons/${name} (${size}×${size})`);
}
