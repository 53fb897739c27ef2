// The one door in: every surface that opens workbook bytes someone gave it — `aggregate`, `score`-like readers,
// `consensus`, `round status`, `report`, the task pane's picked files and the workbench — opens them here. It decides
// what the bytes are (a scoring workbook, a group's consensus workbook, a summary, a round workbook, or something it
// cannot use), applies the size and zip-bomb limits before anything is inflated, and never throws for bad bytes: the
// answer carries a catalogue message (code, Chinese, English) naming the file. Browser-safe: Node callers pass zlib's
// inflate, the pane uses the platform's DecompressionStream.
import { findSheet, library as bundledLibrary, msg, sheetProblem, type Library, type Message } from "../core";
import type { ConsensusSheet, SheetProblem } from "../core";
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
  checkFileSize,
  readZipWorkbook,
  XlsxReadError,
  type BinaryText,
  type InflateRaw,
  type ZipReadOptions,
  type ZipWorkbook,
} from "../xlsx/zip-cells";
import { zipSource } from "../xlsx/zip-source";
import { isSummaryWorkbook } from "./secretariat";

/** What a file turned out to be. Each kind that cannot be used as a scoring workbook carries the reason. */
export type OpenedWorkbook =
  | { kind: "scoring"; report: ScoreReport; modifiedAt?: string | null }
  | { kind: "consensus"; consensus: ConsensusSheet }
  | { kind: "summary"; problem: SheetProblem }
  /** A round workbook: every sheet, numbers shown as dates marked (RawCell.date), for the round's readers. */
  | { kind: "round"; problem: SheetProblem; workbook: ZipWorkbook }
  | { kind: "unreadable"; problem: SheetProblem };

export interface OpenLimits {
  maxFileBytes?: number;
  maxUncompressedBytes?: number;
  maxRatio?: number;
}

export interface OpenOptions {
  /** zlib's inflate on Node (fastest); the platform's DecompressionStream when absent. */
  inflateRaw?: InflateRaw;
  binaryText?: BinaryText;
  limits?: OpenLimits;
  /** The file's size when its bytes were not read (a picked file over the limit). */
  size?: number;
  library?: Library;
  cache?: InterpretCache;
  /** The file's modification time (ISO): the tie-breaker between copies saved at the same time. */
  modifiedAt?: string | null;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const starts = (buf: Uint8Array, magic: number[]) => buf.length >= magic.length && magic.every((b, i) => buf[i] === b);

/** The sheets a scoring or consensus workbook is read from: all but the scoring guide (text only). */
const NEEDED = (name: string) => name !== SHEET.guide;

/** A round workbook (评审安排): its expert pool and applicants, or its draw, by sheet name. */
export function isRoundWorkbook(sheetNames: readonly string[]): boolean {
  return (
    (!!findSheet(sheetNames, "experts") && !!findSheet(sheetNames, "applicants")) || !!findSheet(sheetNames, "panels")
  );
}

/** Opens workbook bytes: what they are, read once, or why they cannot be used. */
export async function openWorkbook(data: Uint8Array, file: string, opts: OpenOptions = {}): Promise<OpenedWorkbook> {
  const fail = (m: Message): OpenedWorkbook => ({ kind: "unreadable", problem: sheetProblem(file, m) });
  try {
    checkFileSize(opts.size ?? data, opts.limits);
  } catch (e) {
    if (e instanceof XlsxReadError) return fail(e.reason);
    throw e;
  }
  if (starts(data, OLE)) return fail(msg.oleOrEncrypted());
  if (!starts(data, ZIP)) return fail(msg.notXlsxContent());
  const options: ZipReadOptions = {
    ...opts.limits,
    sheets: NEEDED,
    ...(opts.inflateRaw ? { inflateRaw: opts.inflateRaw } : {}),
    ...(opts.binaryText ? { binaryText: opts.binaryText } : {}),
  };
  let source: CellSource;
  try {
    const wb = await readZipWorkbook(data, options);
    const names = wb.sheets.map((x) => x.name);
    if (isSummaryWorkbook(names)) return { kind: "summary", problem: sheetProblem(file, msg.summaryAsInput()) };
    if (isRoundWorkbook(names))
      return {
        kind: "round",
        problem: sheetProblem(file, msg.roundAsInput()),
        // Read again, whole and with the number formats' dates: a small file, and rare where returns are read.
        workbook: await readZipWorkbook(data, { ...options, sheets: undefined, dates: true }),
      };
    source = zipSource(wb, file);
  } catch (e) {
    if (e instanceof XlsxReadError) return fail(e.reason);
    return fail(msg.unreadable((e as Error).message));
  }
  const lib = opts.library ?? bundledLibrary();
  try {
    const modifiedAt = opts.modifiedAt ?? null;
    if (isConsensusSource(source))
      return {
        kind: "consensus",
        consensus: { ...toConsensusSheet(interpretConsensus(source, { library: lib })), modifiedAt },
      };
    return { kind: "scoring", report: interpret(source, { library: lib, cache: opts.cache }), modifiedAt };
  } catch (e) {
    return fail(msg.unreadable((e as Error).message));
  }
}
