// A zip writer for .xlsx files with the deflate given (Node: zlib's native deflateRawSync). ExcelJS zips with JSZip:
// every part encoded to UTF-8, its CRC-32 computed and deflated in JavaScript, through a stream of workers — for the
// summary of 1,000 workbooks (10 MB of XML) most of the time of writing it. Here ExcelJS's parts are taken as it
// renders them (src/xlsx/write.ts) and zipped natively (docs/benchmarks.md). Browser-safe: no Node import; the caller
// passes the deflate.
import { addChartParts, type PartStore } from "./chart";
import type { RenderableLayout } from "../workbook/types";

/** Raw DEFLATE (no zlib header), e.g. (d) => zlib.deflateRawSync(d, { level: 1 }). */
export type DeflateRaw = (data: Uint8Array) => Uint8Array;

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

export function crc32(data: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

export interface ZipPart {
  name: string;
  data: Uint8Array;
  /** Known already (a part taken from another zip); computed when absent. */
  crc32?: number;
}

/** The parts as one zip (deflated where that makes them smaller; UTF-8 names; no ZIP64: an .xlsx stays far below). */
export function zipParts(parts: readonly ZipPart[], deflate: DeflateRaw): Uint8Array {
  const enc = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  // 1980-01-01 00:00: a fixed time, so that the same layout gives the same bytes.
  const time = 0;
  const date = (1 << 5) | 1;
  for (const p of parts) {
    const name = enc.encode(p.name);
    const crc = p.crc32 ?? crc32(p.data);
    const packed = deflate(p.data);
    const method = packed.length < p.data.length ? 8 : 0;
    const body = method === 8 ? packed : p.data;
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x0800, true); // UTF-8 names
    lv.setUint16(8, method, true);
    lv.setUint16(10, time, true);
    lv.setUint16(12, date, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, body.length, true);
    lv.setUint32(22, p.data.length, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const dir = new Uint8Array(46 + name.length);
    const dv = new DataView(dir.buffer);
    dv.setUint32(0, 0x02014b50, true);
    dv.setUint16(4, 20, true);
    dv.setUint16(6, 20, true);
    dv.setUint16(8, 0x0800, true);
    dv.setUint16(10, method, true);
    dv.setUint16(12, time, true);
    dv.setUint16(14, date, true);
    dv.setUint32(16, crc, true);
    dv.setUint32(20, body.length, true);
    dv.setUint32(24, p.data.length, true);
    dv.setUint16(28, name.length, true);
    dv.setUint32(42, offset, true);
    dir.set(name, 46);
    chunks.push(local, body);
    central.push(dir);
    offset += local.length + body.length;
  }
  const dirSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, parts.length, true);
  ev.setUint16(10, parts.length, true);
  ev.setUint32(12, dirSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + dirSize + 22);
  let at = 0;
  for (const c of [...chunks, ...central, end]) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * The parts of an .xlsx file (ExcelJS's, src/xlsx/write.ts), charts added (src/xlsx/chart.ts), zipped with `deflate`.
 * Parts keep their order; a part the charts changed or added gets its CRC-32 computed like the others.
 */
export async function zipWithCharts(
  parts: ZipPart[],
  layout: RenderableLayout,
  deflate: DeflateRaw,
  crc?: (data: Uint8Array) => number,
): Promise<Uint8Array> {
  const byName = new Map(parts.map((p) => [p.name, p]));
  const dec = new TextDecoder();
  const enc = new TextEncoder();
  const store: PartStore = {
    names: () => parts.map((p) => p.name),
    read: (name) => {
      const p = byName.get(name);
      return Promise.resolve(p ? dec.decode(p.data) : null);
    },
    write: (name, text) => {
      const p: ZipPart = { name, data: enc.encode(text) };
      const old = byName.get(name);
      if (old) parts[parts.indexOf(old)] = p;
      else parts.push(p);
      byName.set(name, p);
    },
  };
  await addChartParts(store, layout);
  return zipParts(
    parts.map((p) => (p.crc32 === undefined && crc ? { ...p, crc32: crc(p.data) } : p)),
    deflate,
  );
}
