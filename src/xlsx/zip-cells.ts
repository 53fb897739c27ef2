// A lean .xlsx cell reader for bulk work (aggregating hundreds of returned workbooks): reads the zip directory
// itself, inflates only the parts asked for and scans their XML for cells, instead of building ExcelJS's full object
// model. It refuses files that are too large or that inflate past a sane limit (zip bombs): the sizes the directory
// states are checked before anything is inflated, and inflating stops at the stated size, so a part that lies about
// its size cannot grow past it either.
//
// No Node module is imported: the same reader runs in the task pane. Inflating uses `options.inflateRaw` when given
// (Node callers pass zlib's, the fastest), else the platform's DecompressionStream("deflate-raw") (browsers, Node
// ≥ 18), else JSZip.
import JSZip from "jszip";
import { msg, type Message } from "../core/messages";
import { colIndex, colLetter, parseCellRef } from "../workbook/a1";

/** `date`: a number shown as a date or time by its cell's number format (read only with ZipReadOptions.dates). */
export type RawCell = { value: string | number | boolean | null; formula?: string; error?: string; date?: boolean };

export interface ZipWorkbook {
  /** Sheet names in workbook order, with their visibility. */
  sheets: { name: string; state: "visible" | "hidden" | "veryHidden" }[];
  /** Workbook-scope defined names → reference text (e.g. 评分!$A$5:$A$27). */
  definedNames: Map<string, string>;
  /** Cells of the sheets that were read, by sheet name then A1 reference. */
  cells: Map<string, Map<string, RawCell>>;
  /** dcterms:modified of docProps/core.xml, if present. */
  modified: string | null;
}

/** Inflates a raw DEFLATE stream; must fail (throw or reject) rather than return more than maxBytes. */
export type InflateRaw = (data: Uint8Array, maxBytes: number) => Uint8Array | Promise<Uint8Array>;

/** The limits every reader of untrusted .xlsx bytes applies (guardZip, readZipWorkbook). */
export interface ZipLimits {
  /** Largest file accepted, bytes (default 20 MB). */
  maxFileBytes?: number;
  /** Largest total uncompressed size, bytes (default 200 MB). */
  maxUncompressedBytes?: number;
  /** Largest compression ratio of any part over 1 MB (default 200). */
  maxRatio?: number;
}

export interface ZipReadOptions extends ZipLimits {
  /** Which sheets to read (all when omitted). */
  sheets?: (name: string) => boolean;
  /** Raw DEFLATE inflater (Node: (d, max) => zlib.inflateRawSync(d, { maxOutputLength: max })). */
  inflateRaw?: InflateRaw;
  /**
   * Node: read each part as a one-byte ("binary", latin1) string, and turn only the texts taken out of it back into
   * UTF-8. The XML's markup is ASCII either way; decoding every part as UTF-8 was a third of the reading time, and
   * the scan is faster over one-byte strings. Browsers have no lossless latin1 decoder: they decode UTF-8.
   */
  binaryText?: BinaryText;
  /**
   * Mark numbers whose number format shows a date or time (RawCell.date): a count typed as "3-5" becomes a date,
   * and its serial number must not be read as a count. Reads xl/styles.xml; off for the returned workbooks (speed).
   */
  dates?: boolean;
}

/** Parts as one-byte strings (`decode`), and a text found in one back to UTF-8 (`utf8`). */
export interface BinaryText {
  decode: (bytes: Uint8Array) => string;
  utf8: (binary: string) => string;
}

/** Texts taken from a part: UTF-8 already, or one-byte strings to turn back (BinaryText.utf8). */
type Utf8 = (raw: string) => string;
const asIs: Utf8 = (raw) => raw;

export class XlsxReadError extends Error {
  readonly code: string;
  constructor(
    /** Why, in both languages (the catalogue's message: too-large, zip-bomb or not-xlsx). */
    readonly reason: Message,
  ) {
    super(reason.zh);
    this.code = reason.code;
    this.name = "XlsxReadError";
  }
}

interface Entry {
  name: string;
  method: number;
  flags: number;
  /** The CRC-32 the directory states. */
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

/** The parts of the archive the reader needs: the directory and a way to get one part's text. */
interface Archive {
  entries: Entry[];
  text: (path: string) => Promise<string | null>;
  /** Inflates one part against its stated size, dropping the output (absent where JSZip reads the archive). */
  check?(entry: Entry): Promise<void>;
  /** Turns a text found in a part into a string (identity unless parts are read as one-byte strings). */
  utf8: Utf8;
}

export async function readZipWorkbook(data: Uint8Array, options: ZipReadOptions = {}): Promise<ZipWorkbook> {
  checkFileSize(data, options);
  const archive = await openArchive(data, options);
  checkEntries(archive.entries, options);

  const text = archive.text;
  const u = archive.utf8;
  const wbXml = await text("xl/workbook.xml");
  if (wbXml === null) throw notZip({ zh: "缺少 xl/workbook.xml", en: "no xl/workbook.xml" });
  const relsXml = (await text("xl/_rels/workbook.xml.rels")) ?? "";
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const id = attr(m[1], "Id");
    const raw = attr(m[1], "Target");
    const target = raw === undefined ? undefined : u(raw);
    if (id && target) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  const sheets: ZipWorkbook["sheets"] = [];
  const sheetPaths = new Map<string, string>();
  for (const m of wbXml.matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const name = xmlText(attr(m[1], "name") ?? "", u);
    const state = (attr(m[1], "state") ?? "visible") as "visible" | "hidden" | "veryHidden";
    const rid = attr(m[1], "r:id");
    sheets.push({ name, state });
    if (rid && targets.has(rid)) sheetPaths.set(name, targets.get(rid)!);
  }
  const definedNames = new Map<string, string>();
  for (const m of wbXml.matchAll(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g)) {
    if (attr(m[1], "localSheetId") !== undefined) continue;
    definedNames.set(xmlText(attr(m[1], "name") ?? "", u), xmlText(m[2], u));
  }
  const wanted = sheets.filter((s) => (options.sheets ? options.sheets(s.name) : true));
  const dateStyles = options.dates ? dateStyleIndexes((await text("xl/styles.xml")) ?? "", u) : null;
  let shared: string[] | null = null;
  const cells = new Map<string, Map<string, RawCell>>();
  for (const s of wanted) {
    const path = sheetPaths.get(s.name);
    const xml = path ? await text(path) : null;
    if (xml === null) continue;
    if (shared === null && xml.includes('t="s"')) shared = parseShared((await text("xl/sharedStrings.xml")) ?? "", u);
    cells.set(s.name, parseSheet(xml, shared ?? [], u, formulaCache(u, s.name), dateStyles));
  }
  const core = await text("docProps/core.xml");
  const modified = core ? (/<dcterms:modified\b[^>]*>([^<]*)<\/dcterms:modified>/.exec(core)?.[1] ?? null) : null;
  return { sheets, definedNames, cells, modified };
}

/** The default largest file accepted (bytes), also checked before a file is read at all where its size is known. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** A file of `size` bytes over the size limit: refused before anything is parsed (or, given its size, read). */
export function checkFileSize(size: Uint8Array | number, options: ZipLimits = {}): void {
  const n = typeof size === "number" ? size : size.byteLength;
  const maxFile = options.maxFileBytes ?? MAX_FILE_BYTES;
  if (n > maxFile) throw new XlsxReadError(msg.zipTooLarge(mb(n), mb(maxFile)));
}

/** The sizes the zip directory states, against the ratio and total limits: checked before anything is inflated. */
function checkEntries(entries: readonly Entry[], options: ZipLimits): void {
  let total = 0;
  const maxRatio = options.maxRatio ?? 200;
  for (const f of entries) {
    const u = f.uncompressedSize;
    const c = f.compressedSize;
    total += u;
    if (c > 0 && u / c > maxRatio && u > 1024 * 1024) throw new XlsxReadError(msg.zipRatio(f.name, Math.round(u / c)));
  }
  const maxTotal = options.maxUncompressedBytes ?? 200 * 1024 * 1024;
  if (total > maxTotal) throw new XlsxReadError(msg.zipBomb(mb(total), mb(maxTotal)));
}

/**
 * The one guard every reader of untrusted .xlsx bytes applies before a full parser (ExcelJS, JSZip) sees them: the
 * file size, then the directory's stated sizes (ratio and total), then every part inflated once against its stated
 * size with output capped there (a part that lies about its size is stopped at it), so that what the parser inflates
 * afterwards is known to stay within the limits. Throws XlsxReadError (too-large, zip-bomb, not-xlsx).
 */
export async function guardZip(data: Uint8Array, options: ZipLimits & { inflateRaw?: InflateRaw } = {}): Promise<void> {
  checkFileSize(data, options);
  const archive = await openArchive(data, options);
  checkEntries(archive.entries, options);
  // Inflating each part (one at a time, output dropped) proves the stated sizes; memory stays at the largest part.
  if (archive.check) for (const e of archive.entries) await archive.check(e);
}

// ---- the zip container ----

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const notZip = (why: { zh: string; en: string }) => new XlsxReadError(msg.notZip(why));

async function openArchive(data: Uint8Array, options: ZipReadOptions): Promise<Archive> {
  const inflate = options.inflateRaw ?? platformInflate();
  if (!inflate) return jszipArchive(data);
  const entries = readDirectory(data);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const utf8 = new TextDecoder("utf-8");
  const bytesOf = async (e: Entry): Promise<Uint8Array> => {
    if (e.flags & 1) throw notZip({ zh: `“${e.name}”已加密`, en: `"${e.name}" is encrypted` });
    if (e.localOffset + 30 > data.byteLength || view.getUint32(e.localOffset, true) !== LOCAL)
      throw notZip({ zh: `“${e.name}”的位置无效`, en: `"${e.name}" is at an invalid offset` });
    const start =
      e.localOffset + 30 + view.getUint16(e.localOffset + 26, true) + view.getUint16(e.localOffset + 28, true);
    const end = start + e.compressedSize;
    if (end > data.byteLength) throw notZip({ zh: `“${e.name}”的数据不完整`, en: `"${e.name}" is truncated` });
    const raw = data.subarray(start, end);
    let bytes: Uint8Array;
    if (e.method === 0) bytes = raw;
    else if (e.method === 8) {
      try {
        bytes = await inflate(raw, e.uncompressedSize);
      } catch (err) {
        // The part inflates past the size the directory states (a zip bomb in disguise), or is damaged.
        if ((err as Error)?.name === "RangeError") throw new XlsxReadError(msg.zipPartOverflow(e.name, true));
        throw notZip({
          zh: `“${e.name}”无法解压，文件已损坏`,
          en: `"${e.name}" cannot be inflated: the file is damaged`,
        });
      }
    } else
      throw notZip({
        zh: `“${e.name}”使用了不支持的压缩方式 ${e.method}`,
        en: `"${e.name}" uses an unsupported compression method ${e.method}`,
      });
    if (bytes.byteLength > e.uncompressedSize) throw new XlsxReadError(msg.zipPartOverflow(e.name, false));
    return bytes;
  };
  const toText = options.binaryText ? options.binaryText.decode : (b: Uint8Array) => utf8.decode(b);
  return {
    entries,
    utf8: options.binaryText?.utf8 ?? asIs,
    async text(path) {
      const e = byName.get(path);
      return e ? toText(await bytesOf(e)) : null;
    },
    async check(e) {
      await bytesOf(e);
    },
  };
}

/** The central directory: every part's name, method, sizes and where its data starts (ZIP64 fields understood). */
function readDirectory(data: Uint8Array): Entry[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const len = data.byteLength;
  if (len < 22 || view.getUint32(0, true) !== LOCAL)
    throw notZip({ zh: "无法作为 ZIP 打开", en: "it cannot be opened as a ZIP" });
  let eocd = -1;
  for (let i = len - 22; i >= Math.max(0, len - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notZip({ zh: "找不到 ZIP 目录，文件不完整", en: "no ZIP directory: the file is incomplete" });
  let count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if ((count === 0xffff || offset === 0xffffffff) && eocd >= 20 && view.getUint32(eocd - 20, true) === EOCD64_LOCATOR) {
    const at = Number(view.getBigUint64(eocd - 20 + 8, true));
    if (at + 56 > len || view.getUint32(at, true) !== EOCD64)
      throw notZip({ zh: "ZIP64 目录无效", en: "invalid ZIP64 directory" });
    count = Number(view.getBigUint64(at + 32, true));
    offset = Number(view.getBigUint64(at + 48, true));
  }
  const names = new TextDecoder("utf-8");
  const entries: Entry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > len || view.getUint32(p, true) !== CENTRAL)
      throw notZip({ zh: "ZIP 目录已损坏", en: "the ZIP directory is damaged" });
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const crc32 = view.getUint32(p + 16, true);
    let compressedSize = view.getUint32(p + 20, true);
    let uncompressedSize = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    let localOffset = view.getUint32(p + 42, true);
    if (p + 46 + nameLen + extraLen > len) throw notZip({ zh: "ZIP 目录已损坏", en: "the ZIP directory is damaged" });
    const name = names.decode(data.subarray(p + 46, p + 46 + nameLen));
    // ZIP64: sizes and offset that do not fit 32 bits are in the extra field 0x0001, in this order.
    if (uncompressedSize === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      let x = p + 46 + nameLen;
      const xEnd = x + extraLen;
      while (x + 4 <= xEnd) {
        const id = view.getUint16(x, true);
        const size = view.getUint16(x + 2, true);
        if (id === 1) {
          let q = x + 4;
          const next = () => {
            const v = q + 8 <= x + 4 + size ? Number(view.getBigUint64(q, true)) : NaN;
            q += 8;
            return v;
          };
          if (uncompressedSize === 0xffffffff) uncompressedSize = next();
          if (compressedSize === 0xffffffff) compressedSize = next();
          if (localOffset === 0xffffffff) localOffset = next();
          break;
        }
        x += 4 + size;
      }
      if (![uncompressedSize, compressedSize, localOffset].every(Number.isFinite))
        throw notZip({ zh: "ZIP64 目录无效", en: "invalid ZIP64 directory" });
    }
    entries.push({ name, method, flags, crc32, compressedSize, uncompressedSize, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** DecompressionStream("deflate-raw") where the platform has it, stopping once more than maxBytes came out. */
function platformInflate(): InflateRaw | null {
  const DS = (globalThis as { DecompressionStream?: new (format: string) => TransformStream<Uint8Array, Uint8Array> })
    .DecompressionStream;
  if (typeof DS !== "function") return null;
  try {
    new DS("deflate-raw");
  } catch {
    return null;
  }
  return async (data, maxBytes) => {
    const stream = new DS("deflate-raw");
    const writer = stream.writable.getWriter();
    void writer.write(data).catch(() => undefined);
    void writer.close().catch(() => undefined);
    const reader = stream.readable.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new RangeError("inflated past the stated size");
      }
      chunks.push(value);
    }
    const out = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.byteLength;
    }
    return out;
  };
}

/** Fallback where nothing inflates raw DEFLATE (old browsers, jsdom): JSZip reads the archive. */
async function jszipArchive(data: Uint8Array): Promise<Archive> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data, { checkCRC32: false });
  } catch {
    throw notZip({ zh: "无法作为 ZIP 打开", en: "it cannot be opened as a ZIP" });
  }
  interface Sized {
    _data?: { uncompressedSize?: number; compressedSize?: number };
  }
  const entries: Entry[] = Object.values(zip.files).map((f) => {
    const d = (f as unknown as Sized)._data;
    return {
      name: f.name,
      method: 8,
      flags: 0,
      crc32: 0,
      compressedSize: d?.compressedSize ?? 0,
      uncompressedSize: d?.uncompressedSize ?? 0,
      localOffset: 0,
    };
  });
  return {
    entries,
    async text(path) {
      const f = zip.file(path);
      return f ? f.async("string") : null;
    },
    utf8: asIs,
  };
}

// ---- the XML parts ----

/**
 * Decoded shared strings remembered across workbooks by their raw XML: the returned workbooks of one rubric share
 * most of their strings (item names, scoring points, labels), so each is decoded once (the UTF-8 conversion and the
 * entity scan were most of the shared strings' time). Cleared when large; per Utf8 (one-byte or UTF-8 parts).
 */
const sharedCache = new Map<Utf8, Map<string, string>>();

function parseShared(xml: string, u: Utf8): string[] {
  let cache = sharedCache.get(u);
  if (!cache || cache.size > 50_000) sharedCache.set(u, (cache = new Map<string, string>()));
  const out: string[] = [];
  // A plain scan for <si>…</si> (a lazy regular expression over the part was slower).
  for (let at = xml.indexOf("<si>"); at >= 0;) {
    const end = xml.indexOf("</si>", at + 4);
    if (end < 0) break;
    const raw = xml.slice(at + 4, end);
    at = xml.indexOf("<si>", end + 5);
    let text = cache.get(raw);
    if (text === undefined) {
      text = textRuns(raw, u);
      cache.set(raw, text);
    }
    out.push(text);
  }
  return out;
}

/** The text of an <si> or <is>: its <t> runs joined, phonetic runs (<rPh>) left out. */
function textRuns(xml: string, u: Utf8): string {
  // Most strings are one plain run: <t>…</t> or <t xml:space="preserve">…</t>.
  if (xml.startsWith("<t") && xml.endsWith("</t>")) {
    const open = xml.indexOf(">");
    if (open > 0 && xml[open - 1] !== "/" && xml.indexOf("<", open) === xml.length - 4)
      return xmlText(xml.slice(open + 1, -4), u);
  }
  let s = "";
  for (const m of xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "").matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>|<t\b[^>]*\/>/g))
    s += xmlText(m[1] ?? "", u);
  return s;
}

/** Built-in number formats that show a date or time (ECMA-376 18.8.30, and the CJK locales' 27–36, 50–58). */
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

/** Whether a number format code shows a date or time (quoted text, escapes and [colour] sections left out). */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .split(";")[0]
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, "");
  return /[ymdhs年月日时分秒]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** The cellXfs indexes (a cell's s attribute) whose number format shows a date or time. */
function dateStyleIndexes(xml: string, u: Utf8): Set<number> {
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\b([^>]*)\/?>/g)) {
    const id = Number(attr(m[1], "numFmtId"));
    custom.set(id, xmlText(attr(m[1], "formatCode") ?? "", u));
  }
  const out = new Set<number>();
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? "";
  let i = 0;
  for (const m of xfs.matchAll(/<xf\b([^>]*?)(?:\/>|>)/g)) {
    const id = Number(attr(m[1], "numFmtId") ?? 0);
    const code = custom.get(id);
    if (code !== undefined ? isDateFormatCode(code) : DATE_FORMAT_IDS.has(id)) out.add(i);
    i++;
  }
  return out;
}

function parseSheet(
  xml: string,
  shared: string[],
  u: Utf8,
  formulas: FormulaCells,
  dateStyles: Set<number> | null = null,
): Map<string, RawCell> {
  const out = new Map<string, RawCell>();
  // Shared formulas (Excel writes a filled-down formula once, on its first cell): masters by index, and the
  // cells that use them, expanded once every master is known.
  const masters = new Map<string, { ref: string; formula: string }>();
  const sharing: { cell: RawCell; ref: string; si: string }[] = [];
  // One pass over the cells; attributes and the <f>/<v> parts are found with indexOf (a regular expression per
  // part per cell was most of the reading time).
  for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const a = m[1];
    const ref = quickAttr(a, "r");
    if (!ref) continue;
    const body = m[2] ?? "";
    const t = quickAttr(a, "t") ?? "n";
    const cell: RawCell = { value: null };
    let v: string | undefined;
    if (body) {
      const fi = tagAt(body, "f");
      if (fi >= 0) {
        const close = body.indexOf(">", fi);
        const selfClosing = body[close - 1] === "/";
        const fAttrs = body.slice(fi + 2, selfClosing ? close - 1 : close);
        if (selfClosing) cell.formula = "";
        else {
          const raw = body.slice(close + 1, body.indexOf("</f>", close));
          const last = formulas.get(ref);
          if (last !== undefined && last.raw === raw) cell.formula = last.text;
          else {
            cell.formula = xmlText(raw, u);
            formulas.set(ref, { raw, text: cell.formula });
          }
        }
        if (quickAttr(fAttrs, "t") === "shared") {
          const si = quickAttr(fAttrs, "si") ?? "";
          if (cell.formula !== "") masters.set(si, { ref, formula: cell.formula });
          else sharing.push({ cell, ref, si });
        }
      }
      const vi = body.indexOf("<v>");
      if (vi >= 0) v = body.slice(vi + 3, body.indexOf("</v>", vi));
    }
    if (t === "s") cell.value = v !== undefined ? (shared[Number(v)] ?? null) : null;
    else if (t === "inlineStr") cell.value = textRuns(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? "", u);
    else if (t === "str") cell.value = v !== undefined ? xmlText(v, u) : "";
    else if (t === "b") cell.value = v === "1";
    else if (t === "e") {
      cell.error = v !== undefined ? xmlText(v, u) : "#VALUE!";
      cell.value = null;
    } else {
      cell.value = v !== undefined && v !== "" ? Number(v) : null;
      if (dateStyles && cell.value !== null && dateStyles.has(Number(quickAttr(a, "s") ?? 0))) cell.date = true;
    }
    if (cell.value === null && cell.formula === undefined && cell.error === undefined) continue;
    out.set(ref, cell);
  }
  // A cell whose master is missing keeps "" (a formula whose text is unknown).
  for (const s of sharing) {
    const master = masters.get(s.si);
    if (master) s.cell.formula = slideFormula(master.formula, master.ref, s.ref);
  }
  return out;
}

/** Where an element <name …> or <name> starts in xml, or −1 (not a longer name that starts the same). */
function tagAt(xml: string, name: string): number {
  let i = xml.indexOf(`<${name}`);
  while (i >= 0) {
    const next = xml[i + name.length + 1];
    if (next === ">" || next === " " || next === "/" || next === "\t" || next === "\n" || next === "\r") return i;
    i = xml.indexOf(`<${name}`, i + 1);
  }
  return -1;
}

/** An attribute's raw value from the attribute text of a start tag (which begins with whitespace), or undefined. */
function quickAttr(attrs: string, name: string): string | undefined {
  const key = `${name}="`;
  let i = attrs.indexOf(key);
  while (i > 0 && !/\s/.test(attrs[i - 1])) i = attrs.indexOf(key, i + 1);
  if (i < 0 || (i === 0 && !attrs.startsWith(key))) return undefined;
  const start = i + key.length;
  const end = attrs.indexOf('"', start);
  return end < 0 ? undefined : attrs.slice(start, end);
}

function cellPos(ref: string): { col: number; row: number } {
  const { col, row } = parseCellRef(ref);
  return { col: colIndex(col), row };
}

/**
 * A shared formula as it reads in another cell: relative references move by the distance from the master cell,
 * "$" parts stay. Text in quotes and quoted sheet names are left alone; a name followed by "(" is a function.
 */
export function slideFormula(formula: string, from: string, to: string): string {
  const a = cellPos(from);
  const b = cellPos(to);
  const dc = b.col - a.col;
  const dr = b.row - a.row;
  if (dc === 0 && dr === 0) return formula;
  return formula.replace(
    /("(?:[^"]|"")*")|('(?:[^']|'')*'!)|(\d+(?:\.\d*)?(?:[Ee][+-]?\d+)?)|(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![\w(.!])|([A-Za-z_\\][\w.]*)/g,
    (
      all,
      str?: string,
      sheet?: string,
      number?: string,
      cd?: string,
      col?: string,
      rd?: string,
      row?: string,
      word?: string,
    ) => {
      if (str !== undefined || sheet !== undefined || number !== undefined || word !== undefined || col === undefined)
        return all;
      const c = cellPos(`${col.toUpperCase()}${row}`);
      if (c.col > 16384) return all;
      const nc = cd ? c.col : c.col + dc;
      const nr = rd ? c.row : c.row + dr;
      if (nc < 1 || nr < 1) return all;
      return `${cd}${colLetter(nc)}${rd}${nr}`;
    },
  );
}

const ATTR = new Map<string, RegExp>();

function attr(attrs: string, name: string): string | undefined {
  let re = ATTR.get(name);
  if (!re) ATTR.set(name, (re = new RegExp(`(?:^|\\s)${name.replace(":", "\\:")}="([^"]*)"`)));
  return re.exec(attrs)?.[1];
}

const ESCAPED = /_x[0-9A-Fa-f]{4}_/;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/**
 * The formulas last read, per way of turning raw text into UTF-8, sheet name and cell: workbooks of one rubric
 * carry the same formulas in the same cells — the scoring sheet's check and state formulas run to 3,000 characters,
 * with Chinese words and 300 &quot; each — so a formula whose raw XML equals the one read before in that cell is not
 * turned into a string again. Comparing two equal strings is a memory compare; hashing them for a Map was slower.
 */
type FormulaCells = Map<string, { raw: string; text: string }>;
const FORMULAS = new WeakMap<Utf8, Map<string, FormulaCells>>();

function formulaCache(u: Utf8, sheet: string): FormulaCells {
  let bySheet = FORMULAS.get(u);
  if (!bySheet) FORMULAS.set(u, (bySheet = new Map<string, FormulaCells>()));
  let cells = bySheet.get(sheet);
  if (!cells) {
    if (bySheet.size >= 64) bySheet.clear(); // workbooks with ever new sheet names: keep it bounded
    bySheet.set(sheet, (cells = new Map<string, { raw: string; text: string }>()));
  }
  return cells;
}

/** The string an XML text stands for: UTF-8 (`u`), then entities and escapes (`decode`). */
function xmlText(raw: string, u: Utf8): string {
  return decode(u(raw));
}

/** XML text to a string: the five entities, character references, and Excel's _xHHHH_ escapes. */
function decode(s: string): string {
  let out = s;
  let amp = out.indexOf("&");
  const entities = amp >= 0;
  if (entities) {
    // A plain scan: formulas are full of &quot;, and a regular expression with a callback is several times slower.
    let res = "";
    let from = 0;
    while (amp >= 0) {
      const semi = out.indexOf(";", amp);
      if (semi < 0) break;
      const name = out.slice(amp + 1, semi);
      let ch: string | undefined = ENTITIES[name];
      if (ch === undefined && name[0] === "#") {
        const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        if (Number.isFinite(code) && code >= 0 && code <= 0x10ffff) ch = String.fromCodePoint(code);
      }
      if (ch !== undefined) {
        res += out.slice(from, amp) + ch;
        from = semi + 1;
      }
      amp = out.indexOf("&", ch !== undefined ? semi + 1 : amp + 1);
    }
    out = res + out.slice(from);
  }
  if (out.includes("_x") && ESCAPED.test(out))
    out = out.replace(/_x([0-9A-Fa-f]{4})_/g, (_all, h: string) => String.fromCharCode(parseInt(h, 16)));
  return out;
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
