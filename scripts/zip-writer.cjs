// A small zip writer for the offline package (scripts/package.cjs): deflate by Node's zlib (native, several times
// faster than a JavaScript deflate on the 70–100 MB Node runtime), names in UTF-8 with the language-encoding flag
// (评审助手.cmd), and Unix modes in the central directory so that `unzip` keeps the launchers and node executable.
const { Buffer } = require("buffer");
const zlib = require("zlib");
const fs = require("fs");

// Node's own CRC-32 (zlib.crc32, Node ≥ 20.15; package.json asks ≥ 20.19).
const crc32 = (buf) => zlib.crc32(buf);

function dosTime(d) {
  const time = (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2);
  const date = ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate();
  return { time, date };
}

/**
 * Writes `entries` ({ name, data?: Buffer, mode }; a name ending in "/" is a folder) to `file`, through a temporary
 * file renamed at the end (no half-written zip on failure). Level 6 is within 1 % of 9 on the Node runtime, 2.5 × faster.
 */
function writeZip(file, entries, { when = new Date(), level = 6 } = {}) {
  const { time, date } = dosTime(when);
  const parts = [];
  const central = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const dir = e.name.endsWith("/");
    const raw = dir ? Buffer.alloc(0) : e.data;
    const deflated = dir ? raw : zlib.deflateRawSync(raw, { level });
    const stored = dir || deflated.length >= raw.length;
    const body = stored ? raw : deflated;
    const crc = dir ? 0 : crc32(raw);
    const method = stored ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    parts.push(local, name, body);
    const mode = e.mode ?? (dir ? 0o40755 : 0o100644);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE((3 << 8) | 20, 4); // made by Unix: the external attributes hold the mode
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt16LE(time, 12);
    cd.writeUInt16LE(date, 14);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(raw.length, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(((mode << 16) | (dir ? 0x10 : 0)) >>> 0, 38);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += local.length + name.length + body.length;
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, "w");
  try {
    for (const b of [...parts, ...central, end]) fs.writeSync(fd, b);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

module.exports = { writeZip, crc32 };
