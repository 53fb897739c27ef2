// Reading returned workbooks from disk for the secretariat (Node only): the lean zip reader (src/xlsx/zip-cells.ts)
// with Node's zlib, into the same interpret() that `scorebook score` uses. Files are only read, never written.
// Every failure becomes a problem with the file name and the catalogue's reason (Chinese and English); nothing here
// throws for a bad file.
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { msg, sheetProblem, type Message, type SheetProblem } from "../core";
import { isSummaryWorkbook, traceReport, type ReadResult } from "../summary/secretariat";
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

/** A file that cannot be used, with the reason in both languages. */
export type FileProblem = SheetProblem;

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
  const fail = (m: Message) => ({ ok: false as const, problem: sheetProblem(file, m) });
  if (starts(data, OLE)) return fail(msg.oleOrEncrypted());
  if (!starts(data, ZIP)) return fail(msg.notXlsxContent());
  const options: ZipReadOptions = { ...limits, sheets: NEEDED, inflateRaw: nodeInflate, binaryText: nodeBinaryText };
  try {
    const wb = await readZipWorkbook(data, options);
    if (isSummaryWorkbook(wb.sheets.map((x) => x.name))) return fail(msg.summaryAsInput());
    return { ok: true, source: zipSource(wb, file) };
  } catch (e) {
    if (e instanceof XlsxReadError) return fail(e.reason);
    return fail(msg.unreadable((e as Error).message));
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
    return { ok: false, problem: sheetProblem(file, msg.unreadable((e as Error).message)) };
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
    return { problem: sheetProblem(file, msg.unreadable((e as Error).message)) };
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
  const fail = (m: Message) => ({ ok: false as const, problem: sheetProblem(file, m) });
  const max = limits.maxFileBytes ?? 20 * 1024 * 1024;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return fail(msg.notAFile());
    if (st.size > max)
      return fail(msg.fileTooLarge(`${(st.size / 1048576).toFixed(1)} MB`, `${(max / 1048576).toFixed(1)} MB`));
    return { ok: true, data: fs.readFileSync(file) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return fail(msg.fileNotFound());
    if (code === "EACCES" || code === "EPERM") return fail(msg.noPermission());
    return fail(msg.unreadable((e as Error).message));
  }
}

/** A file name as shown in messages: relative to the working folder when inside it. */
export function shownPath(file: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}
