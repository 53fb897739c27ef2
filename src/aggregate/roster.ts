// Reading the secretariat's roster file (名单): a .csv (UTF-8 with or without BOM, or GB18030 as Chinese Excel
// saves "CSV") or an .xlsx (first visible sheet), into rows for parseRoster (src/core/roster.ts). The file is only read.
import { parse } from "csv-parse/sync";
import { promises as fs } from "fs";
import * as path from "path";
import { parseRoster, type RosterEntry, type RosterProblem } from "../core";
import { readZipWorkbook, XlsxReadError, type RawCell } from "../xlsx/zip-cells";
import { nodeInflate } from "./read";

/** The roster cannot be read at all (a usage error for the command line, unlike a bad row). */
export class RosterFileError extends Error {
  constructor(
    readonly file: string,
    readonly zh: string,
  ) {
    super(zh);
    this.name = "RosterFileError";
  }
}

export interface Roster {
  file: string;
  entries: RosterEntry[];
  problems: RosterProblem[];
}

/** UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), else GB18030 (GBK), which Chinese Excel writes. */
export function decodeText(data: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    return new TextDecoder("gb18030").decode(data);
  }
}

export function csvRows(text: string): string[][] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  // Excel in some locales separates with semicolons or tabs.
  const delimiter = firstLine.includes("\t") && !firstLine.includes(",") ? "\t" : firstLine.includes(";") && !firstLine.includes(",") ? ";" : ",";
  return parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, bom: true }) as string[][];
}

function cellRows(cells: Map<string, RawCell>): unknown[][] {
  const rows: unknown[][] = [];
  for (const [ref, c] of cells) {
    const m = /^([A-Z]+)(\d+)$/.exec(ref);
    if (!m) continue;
    let col = 0;
    for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
    const r = Number(m[2]) - 1;
    (rows[r] ??= [])[col - 1] = c.error ?? c.value;
  }
  // Leading blank rows (a title above the header is not supported: the header must be the first non-blank row).
  const out = Array.from(rows, (r) => Array.from(r ?? [], (v) => v ?? ""));
  while (out.length && out[0].every((v) => v === "")) out.shift();
  return out;
}

export async function readRosterFile(file: string): Promise<Roster> {
  let data: Buffer;
  try {
    data = await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new RosterFileError(file, code === "ENOENT" ? `名单文件不存在：${file}` : `无法读取名单文件 ${file}（${(e as Error).message}）`);
  }
  const ext = path.extname(file).toLowerCase();
  let rows: unknown[][];
  if (ext === ".csv" || ext === ".txt") {
    try {
      rows = csvRows(decodeText(data));
    } catch (e) {
      throw new RosterFileError(file, `名单文件 ${file} 不是有效的 CSV（${(e as Error).message}）`);
    }
  } else if (ext === ".xlsx") {
    try {
      const wb = await readZipWorkbook(data, { inflateRaw: nodeInflate });
      const sheet = wb.sheets.find((s) => s.state === "visible") ?? wb.sheets[0];
      rows = sheet ? cellRows(wb.cells.get(sheet.name) ?? new Map()) : [];
    } catch (e) {
      throw new RosterFileError(file, `名单文件 ${file} 无法读取：${e instanceof XlsxReadError ? e.message : (e as Error).message}`);
    }
  } else throw new RosterFileError(file, `名单文件应为 .csv 或 .xlsx：${file}`);
  const { entries, problems } = parseRoster(rows, file);
  return { file, entries, problems };
}
