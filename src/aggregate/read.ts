// Reading returned workbooks from disk for the secretariat (Node only): the lean zip reader (src/xlsx/zip-cells.ts)
// with Node's zlib, into the same interpret() that `scorebook score` uses. Files are only read, never written.
// Every failure becomes a problem with the file name and the catalogue's reason (Chinese and English); nothing here
// throws for a bad file.
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { msg, sheetProblem, type Message, type SheetProblem } from "../core";
import { readResultOf } from "../summary/compose";
import { openWorkbook, type OpenedWorkbook } from "../summary/open";
import type { ReadResult } from "../summary/secretariat";
import type { InterpretCache, ScoreReport } from "../workbook";
import type { BinaryText, InflateRaw } from "../xlsx/zip-cells";
import type { DeflateRaw } from "../xlsx/zip-write";

/** Node's zlib, stopping at the size the zip directory states (a part that lies about its size is refused). */
export const nodeInflate: InflateRaw = (data, maxBytes) =>
  zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, maxBytes) });

/**
 * Node's zlib deflate at level 1, for writing large .xlsx files (the summary): native, where ExcelJS's own deflate is
 * JavaScript (src/xlsx/zip-write.ts).
 */
export const nodeDeflate: DeflateRaw = (data) => zlib.deflateRawSync(data, { level: 1 });

/** Node's native CRC-32 (zlib.crc32, Node 20.15 and later), or undefined (computed in JavaScript then). */
export const nodeCrc32 = (zlib as unknown as { crc32?: (data: Uint8Array) => number }).crc32;

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

/** Opens workbook bytes through the one door in (src/summary/open.ts) with Node's zlib. */
export function openBytes(
  data: Uint8Array,
  file: string,
  cache?: InterpretCache,
  limits: ReadLimits = {},
  modifiedAt: string | null = null,
): Promise<OpenedWorkbook> {
  return openWorkbook(data, file, { inflateRaw: nodeInflate, binaryText: nodeBinaryText, limits, cache, modifiedAt });
}

/** Where a scoring workbook is expected: a consensus workbook, a summary or a round workbook is named as what it is. */
export function asScoring(opened: OpenedWorkbook): ReadOutcome {
  switch (opened.kind) {
    case "scoring":
      return { ok: true, report: opened.report };
    case "consensus":
      return { ok: false, problem: sheetProblem(opened.consensus.file, msg.statusConsensus()) };
    default:
      return { ok: false, problem: opened.problem };
  }
}

/** Reads and interprets workbook bytes as a scoring workbook; `file` names the file in every message. */
export async function interpretBytes(
  data: Uint8Array,
  file: string,
  cache?: InterpretCache,
  limits: ReadLimits = {},
): Promise<ReadOutcome> {
  return asScoring(await openBytes(data, file, cache, limits));
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
  return readResultOf(await openBytes(data, file, cache, limits));
}

/** A file on disk through the one door in (read only; a file over the size limit is refused before it is read). */
export async function openFile(file: string, cache?: InterpretCache, limits: ReadLimits = {}): Promise<OpenedWorkbook> {
  const loaded = loadFile(file, limits);
  if (!loaded.ok) return { kind: "unreadable", problem: loaded.problem };
  return openBytes(loaded.data, file, cache, limits, loaded.modifiedAt);
}

/** readBytes over a file on disk (read only; a file over the size limit is refused before it is read). */
export async function readFileResult(
  file: string,
  cache?: InterpretCache,
  limits: ReadLimits = {},
): Promise<ReadResult> {
  return readResultOf(await openFile(file, cache, limits));
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
  return asScoring(await openFile(file, cache, limits));
}

function loadFile(
  file: string,
  limits: ReadLimits,
): { ok: true; data: Buffer; modifiedAt: string } | { ok: false; problem: FileProblem } {
  const fail = (m: Message) => ({ ok: false as const, problem: sheetProblem(file, m) });
  const max = limits.maxFileBytes ?? 20 * 1024 * 1024;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return fail(msg.notAFile());
    if (st.size > max)
      return fail(msg.fileTooLarge(`${(st.size / 1048576).toFixed(1)} MB`, `${(max / 1048576).toFixed(1)} MB`));
    return { ok: true, data: fs.readFileSync(file), modifiedAt: st.mtime.toISOString() };
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
