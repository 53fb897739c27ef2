// Zip bombs built the way an attacker builds them: a real workbook with one more part whose compressed stream
// inflates far past its size, either stating its true inflated size (caught by the ratio) or lying about it (a small
// stated size: caught only when inflating stops at the stated size). The stream is deflated in chunks, so building a
// 1 GB bomb needs little memory.
import * as zlib from "zlib";

/**
 * A raw DEFLATE stream of `bytes` (a multiple of 1 MB) repeated `fill` bytes: one 1 MB block deflated up to a full
 * flush (byte-aligned, no shared dictionary) repeated, then an empty final block. Built in milliseconds.
 */
export function deflatedFill(bytes: number, fill = 0x20): Buffer {
  const mb = 1024 * 1024;
  const block = zlib.deflateRawSync(Buffer.alloc(mb, fill), { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  const n = Math.ceil(bytes / mb);
  return Buffer.concat([...Array.from({ length: n }, () => block), Buffer.from([0x03, 0x00])]);
}

/**
 * The zip with one more deflated part `name` (inserted before the central directory). `statedSize` is what the
 * directory says it inflates to (the truth, or a lie).
 */
export function addPart(zip: Buffer, name: string, raw: Buffer, statedSize: number): Buffer {
  let eocd = -1;
  for (let i = zip.length - 22; i >= 0; i--)
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new Error("not a zip");
  const count = zip.readUInt16LE(eocd + 10);
  const cdSize = zip.readUInt32LE(eocd + 12);
  const cdOffset = zip.readUInt32LE(eocd + 16);
  const nameBuf = Buffer.from(name, "utf8");
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(0, 6);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(0, 14); // crc (not checked by the readers)
  local.writeUInt32LE(raw.length, 18);
  local.writeUInt32LE(Math.min(statedSize, 0xfffffffe), 22);
  local.writeUInt16LE(nameBuf.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(raw.length, 20);
  central.writeUInt32LE(Math.min(statedSize, 0xfffffffe), 24);
  central.writeUInt16LE(nameBuf.length, 28);
  central.writeUInt32LE(cdOffset, 42);
  const head = zip.subarray(0, cdOffset);
  const cd = zip.subarray(cdOffset, cdOffset + cdSize);
  const newLocal = Buffer.concat([local, nameBuf, raw]);
  const newCd = Buffer.concat([cd, central, nameBuf]);
  const end = Buffer.from(zip.subarray(eocd, eocd + 22));
  end.writeUInt16LE(count + 1, 8);
  end.writeUInt16LE(count + 1, 10);
  end.writeUInt32LE(newCd.length, 12);
  end.writeUInt32LE(cdOffset + newLocal.length, 16);
  end.writeUInt16LE(0, 20);
  return Buffer.concat([head, newLocal, newCd, end]);
}
