// A lean .xlsx cell reader for bulk work (aggregating hundreds of returned workbooks): unzips only the parts
// asked for and scans their XML for cells, instead of building ExcelJS's full object model. It also refuses
// files that are too large or that inflate past a sane limit (zip bombs) before inflating anything.
import JSZip from "jszip";

export type RawCell = { value: string | number | boolean | null; formula?: string; error?: string };

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

export interface ZipReadOptions {
  /** Which sheets to read (all when omitted). */
  sheets?: (name: string) => boolean;
  /** Largest file accepted, bytes (default 20 MB). */
  maxFileBytes?: number;
  /** Largest total uncompressed size, bytes (default 200 MB). */
  maxUncompressedBytes?: number;
  /** Largest compression ratio of any part (default 200). */
  maxRatio?: number;
}

export class XlsxReadError extends Error {
  constructor(
    public readonly code: "too-large" | "zip-bomb" | "not-xlsx",
    message: string,
  ) {
    super(message);
    this.name = "XlsxReadError";
  }
}

interface SizedEntry {
  _data?: { uncompressedSize?: number; compressedSize?: number };
}

export async function readZipWorkbook(data: Uint8Array, options: ZipReadOptions = {}): Promise<ZipWorkbook> {
  const maxFile = options.maxFileBytes ?? 20 * 1024 * 1024;
  if (data.byteLength > maxFile) throw new XlsxReadError("too-large", `文件过大（${mb(data.byteLength)}，上限 ${mb(maxFile)}）`);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data, { checkCRC32: false });
  } catch {
    throw new XlsxReadError("not-xlsx", "不是有效的 .xlsx 文件（无法作为 ZIP 打开）");
  }
  // The central directory states every part's sizes: check them before inflating anything.
  let total = 0;
  const maxRatio = options.maxRatio ?? 200;
  for (const f of Object.values(zip.files)) {
    const d = (f as unknown as SizedEntry)._data;
    const u = d?.uncompressedSize ?? 0;
    const c = d?.compressedSize ?? 0;
    total += u;
    if (c > 0 && u / c > maxRatio && u > 1024 * 1024)
      throw new XlsxReadError("zip-bomb", `文件中的“${f.name}”解压后膨胀 ${Math.round(u / c)} 倍，疑似压缩炸弹，已拒绝`);
  }
  const maxTotal = options.maxUncompressedBytes ?? 200 * 1024 * 1024;
  if (total > maxTotal) throw new XlsxReadError("zip-bomb", `文件解压后达 ${mb(total)}（上限 ${mb(maxTotal)}），疑似压缩炸弹，已拒绝`);

  const text = async (path: string) => {
    const f = zip.file(path);
    return f ? f.async("string") : null;
  };
  const wbXml = await text("xl/workbook.xml");
  if (wbXml === null) throw new XlsxReadError("not-xlsx", "不是有效的 .xlsx 文件（缺少 xl/workbook.xml）");
  const relsXml = (await text("xl/_rels/workbook.xml.rels")) ?? "";
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const id = attr(m[1], "Id");
    const target = attr(m[1], "Target");
    if (id && target) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  const sheets: ZipWorkbook["sheets"] = [];
  const sheetPaths = new Map<string, string>();
  for (const m of wbXml.matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const name = decode(attr(m[1], "name") ?? "");
    const state = (attr(m[1], "state") ?? "visible") as "visible" | "hidden" | "veryHidden";
    const rid = attr(m[1], "r:id");
    sheets.push({ name, state });
    if (rid && targets.has(rid)) sheetPaths.set(name, targets.get(rid)!);
  }
  const definedNames = new Map<string, string>();
  for (const m of wbXml.matchAll(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g)) {
    if (attr(m[1], "localSheetId") !== undefined) continue;
    definedNames.set(decode(attr(m[1], "name") ?? ""), decode(m[2]));
  }
  const wanted = sheets.filter((s) => (options.sheets ? options.sheets(s.name) : true));
  let shared: string[] | null = null;
  const cells = new Map<string, Map<string, RawCell>>();
  for (const s of wanted) {
    const path = sheetPaths.get(s.name);
    const xml = path ? await text(path) : null;
    if (xml === null) continue;
    if (shared === null && xml.includes('t="s"')) shared = parseShared((await text("xl/sharedStrings.xml")) ?? "");
    cells.set(s.name, parseSheet(xml, shared ?? []));
  }
  const core = await text("docProps/core.xml");
  const modified = core ? (/<dcterms:modified\b[^>]*>([^<]*)<\/dcterms:modified>/.exec(core)?.[1] ?? null) : null;
  return { sheets, definedNames, cells, modified };
}

function parseShared(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/<si>([\s\S]*?)<\/si>/g)) out.push(textRuns(m[1]));
  return out;
}

/** The text of an <si> or <is>: its <t> runs joined, phonetic runs (<rPh>) left out. */
function textRuns(xml: string): string {
  let s = "";
  for (const m of xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "").matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>|<t\b[^>]*\/>/g)) s += decode(m[1] ?? "");
  return s;
}

function parseSheet(xml: string, shared: string[]): Map<string, RawCell> {
  const out = new Map<string, RawCell>();
  for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const a = m[1];
    const ref = attr(a, "r");
    if (!ref) continue;
    const body = m[2] ?? "";
    const t = attr(a, "t") ?? "n";
    const f = /<f\b[^>]*>([\s\S]*?)<\/f>/.exec(body);
    const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
    const cell: RawCell = { value: null };
    if (f) cell.formula = decode(f[1]);
    if (t === "s") cell.value = v !== undefined ? (shared[Number(v)] ?? null) : null;
    else if (t === "inlineStr") cell.value = textRuns(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? "");
    else if (t === "str") cell.value = v !== undefined ? decode(v) : "";
    else if (t === "b") cell.value = v === "1";
    else if (t === "e") {
      cell.error = v !== undefined ? decode(v) : "#VALUE!";
      cell.value = null;
    } else cell.value = v !== undefined && v !== "" ? Number(v) : null;
    if (cell.value === null && cell.formula === undefined && cell.error === undefined) continue;
    out.set(ref, cell);
  }
  return out;
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name.replace(":", "\\:")}="([^"]*)"`).exec(attrs);
  return m?.[1];
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(s: string): string {
  if (!s.includes("&") && !s.includes("_x")) return s;
  return s
    .replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (all, e: string) =>
      e[0] === "#" ? String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : (ENTITIES[e] ?? all),
    )
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_all, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
