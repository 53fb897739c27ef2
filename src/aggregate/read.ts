// Reading returned workbooks from disk for the secretariat (Node only): the lean zip reader (src/xlsx/zip-cells.ts)
// with Node's zlib, into the same interpret() that `scorebook score` uses. Files are only read, never written.
// Every failure becomes a problem with the file name and a Chinese reason; nothing here throws for a bad file.
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { isSummaryWorkbook, SUMMARY_AS_INPUT, traceReport, type ReadResult } from "../summary/secretariat";
import {
  interpret,
  interpretConsensus,
  isConsensusSource,
  SHEET,
  toConsensusSheet,
  type InterpretCache,
  type ScoreReport,
} from "../workbook";
import type { CellSource } from "../workbook/source";
import {
  readZipWorkbook,
  XlsxReadError,
  type BinaryText,
  type InflateRaw,
  type ZipReadOptions,
} from "../xlsx/zip-cells";
import { zipSource } from "../xlsx/zip-source";

/** Node's zlib, stopping at the size the zip directory states (a part that lies about its size is refused). */
export const nodeInflate: InflateRaw = (data, maxBytes) =>
  zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, maxBytes) });

/** Parts as one-byte strings; a text found in one back to UTF-8 only when it has a byte above 0x7F. */
export const nodeBinaryText: BinaryText = {
  decode: (b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("latin1"),
  utf8: (s) => (NON_ASCII.test(s) ? Buffer.from(s, "latin1").toString("utf8") : s),
};
const NON_ASCII = /[\u0080-\u00ff]/;

export interface FileProblem {
  file: string;
  code: string;
  reason: string;
}

export type ReadOutcome = { ok: true; report: ScoreReport } | { ok: false; problem: FileProblem };

export interface ReadLimits {
  maxFileBytes?: number;
  maxUncompressedBytes?: number;
  maxRatio?: number;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const starts = (buf: Uint8Array, magic: number[]) => buf.length >= magic.length && magic.every((b, i) => buf[i] === b);

/** The sheets interpret() reads: all but the scoring guide (text only, no formula). */
const NEEDED = (name: string) => name !== SHEET.guide;

/** Opens workbook bytes as a CellSource, or says why not (not .xlsx, .xls or encrypted, corrupt, a summary …). */
async function openBytes(
  data: Uint8Array,
  file: string,
  limits: ReadLimits,
): Promise<{ ok: true; source: CellSource } | { ok: false; problem: FileProblem }> {
  const fail = (code: string, reason: string) => ({ ok: false as const, problem: { file, code, reason } });
  if (starts(data, OLE))
    return fail(
      "encrypted-or-ole",
      "是旧版 Excel 97–2003（.xls）文件或加密的工作簿，无法读取；请在 Excel 中取消密码后另存为 .xlsx",
    );
  if (!starts(data, ZIP)) return fail("not-xlsx", "不是 .xlsx 工作簿文件（文件内容不是 Excel 工作簿格式）");
  const options: ZipReadOptions = { ...limits, sheets: NEEDED, inflateRaw: nodeInflate, binaryText: nodeBinaryText };
  try {
    const wb = await readZipWorkbook(data, options);
    if (isSummaryWorkbook(wb.sheets.map((x) => x.name))) return fail("summary-workbook", SUMMARY_AS_INPUT);
    return { ok: true, source: zipSource(wb, file) };
  } catch (e) {
    if (e instanceof XlsxReadError) return fail(e.code, e.message);
    return fail("unreadable", `无法读取（${(e as Error).message}）`);
  }
}

/** Reads and interprets workbook bytes; `file` names the file in every message. */
export async function interpretBytes(
  data: Uint8Array,
  file: string,
  cache?: InterpretCache,
  limits: ReadLimits = {},
): Promise<ReadOutcome> {
  const opened = await openBytes(data, file, limits);
  if (!opened.ok) return opened;
  try {
    return { ok: true, report: interpret(opened.source, { cache }) };
  } catch (e) {
    return { ok: false, problem: { file, code: "unreadable", reason: `无法读取（${(e as Error).message}）` } };
  }
}

/**
 * What the aggregation takes from workbook bytes: a scoring workbook's sheet, a group's consensus workbook (合议表),
 * or the problem that keeps the file out.
 */
export async function readBytes(
  data: Uint8Array,
  file: string,
  cache?: InterpretCache,
  limits: ReadLimits = {},
): Promise<ReadResult> {
  const opened = await openBytes(data, file, limits);
  if (!opened.ok) return { problem: opened.problem };
  try {
    if (isConsensusSource(opened.source)) return { consensus: toConsensusSheet(interpretConsensus(opened.source)) };
    return traceReport(interpret(opened.source, { cache }));
  } catch (e) {
    return { problem: { file, code: "unreadable", reason: `无法读取（${(e as Error).message}）` } };
  }
}

/** readBytes over a file on disk (read only; a file over the size limit is refused before it is read). */
export async function readFileResult(
  file: string,
  cache?: InterpretCache,
  limits: ReadLimits = {},
): Promise<ReadResult> {
  const loaded = loadFile(file, limits);
  if (!loaded.ok) return { problem: loaded.problem };
  return readBytes(loaded.data, file, cache, limits);
}

/**
 * Reads one file (read only) and interprets it; a file over the size limit is refused before it is read. The file is
 * read synchronously: files are small, and on a reader thread nothing else waits (it is also the faster call).
 */
export async function interpretFile(
  file: string,
  cache?: InterpretCache,
  limits: ReadLimits = {},
): Promise<ReadOutcome> {
  const loaded = loadFile(file, limits);
  if (!loaded.ok) return loaded;
  return interpretBytes(loaded.data, file, cache, limits);
}

function loadFile(file: string, limits: ReadLimits): { ok: true; data: Buffer } | { ok: false; problem: FileProblem } {
  const fail = (code: string, reason: string) => ({ ok: false as const, problem: { file, code, reason } });
  const max = limits.maxFileBytes ?? 20 * 1024 * 1024;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return fail("not-a-file", "不是普通文件（文件夹、管道、套接字或设备），未读取");
    if (st.size > max)
      return fail(
        "too-large",
        `文件过大（${(st.size / 1048576).toFixed(1)} MB，上限 ${(max / 1048576).toFixed(1)} MB），未读取`,
      );
    return { ok: true, data: fs.readFileSync(file) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return fail("not-found", "文件不存在");
    if (code === "EACCES" || code === "EPERM") return fail("unreadable", "没有读取权限");
    return fail("unreadable", `无法读取（${(e as Error).message}）`);
  }
}

/** A file name as shown in messages: relative to the working folder when inside it. */
export function shownPath(file: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}
