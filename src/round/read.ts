// Reading the round workbook's sheets into rows (row numbers kept, for messages) — from .xlsx bytes with the lean zip
// reader, or from the open workbook through the task pane's host — and a re-scored returned workbook into what the
// status rules compare. Browser-safe: no file system here.
import {
  copyContent,
  findSheet,
  msg,
  parsePanels,
  recheckPanels,
  recheckRecord,
  parseRound,
  ROUND_SHEET,
  type Assignment,
  type Library,
  type ParsedRound,
  type ReturnedFile,
  type RoundProblem,
  type Rows,
} from "../core";
import { colIndex, colLetter, parseCellRef } from "../workbook/a1";
import { toReturnedSheet, type ScoreReport } from "../workbook";
import type { OpenedWorkbook } from "../summary/open";
import type { CellSource } from "../workbook/source";
import { readZipWorkbook, type InflateRaw, type RawCell, type ZipWorkbook } from "../xlsx/zip-cells";

export type RoundSheets = Record<string, Rows>;

/** Every sheet of .xlsx bytes as rows (rows[0] is row 1). */
export async function roundSheetsFromBytes(data: Uint8Array, inflateRaw?: InflateRaw): Promise<RoundSheets> {
  return roundSheetsOf(await readZipWorkbook(data, { ...(inflateRaw ? { inflateRaw } : {}), dates: true }));
}

/** The days from 1899-12-30 (the 1900 date system's day 0) to 1970-01-01. */
const EPOCH_DAYS = 25569;

/**
 * Every sheet of a workbook read by the zip reader (the one door in gives it for a round workbook) as rows. A number
 * its cell shows as a date (RawCell.date) becomes a Date, so that 参数 can refuse it by name rather than read the
 * serial number as a count.
 */
export function roundSheetsOf(wb: ZipWorkbook): RoundSheets {
  const out: RoundSheets = {};
  for (const s of wb.sheets) {
    const rows: unknown[][] = [];
    for (const [ref, c] of wb.cells.get(s.name) ?? new Map<string, RawCell>()) {
      const { col, row } = parseCellRef(ref);
      const value =
        c.error !== undefined
          ? null
          : c.date && typeof c.value === "number"
            ? new Date(Math.round((c.value - EPOCH_DAYS) * 86_400_000))
            : c.value;
      (rows[row - 1] ??= [])[colIndex(col) - 1] = value;
    }
    out[s.name] = Array.from(rows, (r) => Array.from(r ?? [], (v) => v ?? ""));
  }
  return out;
}

/** The rows of some sheets of a CellSource (the open workbook): columns A–L, up to 20 blank rows in a row. */
export function roundSheetsFromSource(source: CellSource, sheets: readonly string[]): RoundSheets {
  const out: RoundSheets = {};
  for (const sheet of sheets) {
    const rows: unknown[][] = [];
    for (let row = 1, blank = 0; blank < 20 && row < 5000; row++) {
      const r = Array.from({ length: 12 }, (_, i) => source.value(sheet, `${colLetter(i + 1)}${row}`) ?? "");
      blank = r.every((v) => v === "") ? blank + 1 : 0;
      rows.push(r);
    }
    out[sheet] = rows;
  }
  return out;
}

export interface LoadedRound {
  parsed: ParsedRound;
  /** The 分组 sheet, when there is one. */
  assignments: Assignment[] | null;
  roundId: string;
  /** Every problem: of the sheets the draw reads and of 分组. */
  problems: RoundProblem[];
  /** Problems of the 分组 sheet only (what generate, status and aggregate --round read). */
  panelProblems: RoundProblem[];
  /**
   * Hand edits of 分组 — against 回避 or a rule, or against the draw record (抽取记录) — accepted with a reason in
   * 调整原因 (listed on every read and in the summary's problems, never silent).
   */
  adjustments: RoundProblem[];
  /** What could not be checked (a 分组 without a draw record): printed, not refused. */
  notes: RoundProblem[];
}

/** The round workbook's content: its settings and pool, and the draw (分组) when it has one. */
export function loadRound(sheets: RoundSheets, lib: Library): LoadedRound {
  const parsed = parseRound(sheets, lib);
  const problems = [...parsed.problems];
  const panels = findSheet(Object.keys(sheets), "panels");
  let assignments: Assignment[] | null = null;
  const panelProblems: RoundProblem[] = [];
  const adjustments: RoundProblem[] = [];
  const notes: RoundProblem[] = [];
  if (panels) {
    const r = parsePanels(sheets[panels], panels, lib);
    assignments = r.assignments;
    panelProblems.push(...r.problems);
    // Re-checked on every read: a hand edit of 分组 that breaks 回避 or a rule is named (or accepted with a reason).
    if (!parsed.problems.length) {
      const checked = recheckPanels(r.assignments, r.rows, parsed.input, panels);
      panelProblems.push(...checked.problems);
      adjustments.push(...checked.adjustments);
    }
    // 分组 against the draw record: what the draw wrote, and the record itself, unchanged since the draw.
    const record = findSheet(Object.keys(sheets), "audit");
    const drawn = recheckRecord(r.assignments, r.rows, record ? sheets[record] : null, parsed.input.applicants, {
      panels,
      record: record ?? ROUND_SHEET.audit,
    });
    panelProblems.push(...drawn.problems);
    adjustments.push(...drawn.adjustments);
    notes.push(...drawn.notes);
  }
  const roundId = assignments?.find((a) => a.roundId)?.roundId || parsed.input.params.roundId;
  return {
    parsed,
    assignments,
    roundId,
    problems: [...problems, ...panelProblems],
    panelProblems,
    adjustments,
    notes,
  };
}

/** The draw is needed (generate, status, aggregate --round): a problem when the workbook has none. */
export function needPanels(round: LoadedRound): RoundProblem | null {
  if (round.assignments && round.assignments.length) return null;
  return {
    code: "round-no-panels",
    zh: `评审安排中还没有“${ROUND_SHEET.panels}”：请先运行 scorebook round draw`,
    en: `the round workbook has no "${ROUND_SHEET.panels}" sheet yet: run scorebook round draw first`,
  };
}

/** A file opened by the one door in, as the status rules see it (a consensus workbook recognised as one). */
export function returnedOfOpened(opened: OpenedWorkbook): ReturnedFile {
  if (opened.kind === "scoring") return returnedOf(opened.report, opened.modifiedAt ?? null);
  if (opened.kind === "consensus")
    return {
      file: opened.consensus.file,
      consensus: { applicant: opened.consensus.applicant, stage: opened.consensus.stage },
    };
  return {
    file: opened.problem.file,
    problem: { code: opened.problem.code, zh: opened.problem.reason, en: opened.problem.en },
  };
}

/** A re-scored workbook as the status rules see it. */
export function returnedOf(report: ScoreReport, modifiedAt: string | null = null): ReturnedFile {
  if (!report.rubric || !report.applicant || !report.expert || !report.stage)
    return { file: report.file, problem: report.problems[0] ?? msg.statusNotScorebook() };
  const open = report.items.filter((i) => i.status !== "ok").length;
  const reason = report.problems.length
    ? msg.statusProblems(report.problems)
    : open
      ? msg.statusIncomplete(open)
      : undefined;
  return {
    file: report.file,
    applicant: report.applicant,
    expert: report.expert,
    stage: report.stage,
    rubricId: report.rubric,
    roundId: report.meta.roundId ?? null,
    usable: report.ok,
    reason,
    savedAt: report.savedAt,
    modifiedAt,
    content: copyContent(toReturnedSheet(report)),
  };
}
