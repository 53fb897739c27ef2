// The aggregation over what was read: sheets, consensus workbooks and problems → the aggregation core, with the
// roster's row problems. The one composition (read → aggregate → summary) that every surface calls is ./compose.ts;
// the one door in that opens workbook bytes is ./open.ts. Nothing here reads files or touches Excel; problems are
// collected, never thrown: one bad workbook never stops the rest.
import {
  aggregate,
  library as bundledLibrary,
  msg,
  sheetProblem,
  type AggregateOptions,
  type AggregateResult,
  type ConsensusSheet,
  type Library,
  type RosterEntry,
  type RosterProblem,
  type ReturnedSheet,
  type RubricInfo,
  type SheetProblem,
} from "../core";
import { toReturnedSheet, type ScoreReport } from "../workbook";
import { SUMMARY_SHEET } from "./types";

export interface RosterInput {
  entries: RosterEntry[];
  problems: RosterProblem[];
}

/** One returned workbook as read: a sheet for the aggregation, or the problem that kept it out. */
export type ReadResult = { sheet: ReturnedSheet } | { problem: SheetProblem } | { consensus: ConsensusSheet };

export interface AggregateReadInput {
  /** In the order the files were given. */
  read: readonly ReadResult[];
  roster?: RosterInput;
  options?: AggregateOptions;
  library?: Library;
}

export interface AggregateReportsInput extends Omit<AggregateReadInput, "read"> {
  /** Interpreted workbooks, in the order the files were given. */
  reports: readonly ScoreReport[];
  /** Files that could not be read at all (the caller's reader failed), reported first. */
  unreadable?: readonly SheetProblem[];
  /** Returned consensus workbooks (合议表). */
  consensus?: readonly ConsensusSheet[];
}

/** The rubric data the aggregation needs, from a library. */
export function rubricInfo(lib: Library = bundledLibrary()): (id: string) => RubricInfo | undefined {
  return (id) => {
    const b = lib.get(id);
    return b && { rules: b.rules, scale: b.scale, scoring: b.rubric.scoring, title: b.rubric.title };
  };
}

/**
 * A workbook that cannot be traced to a rubric, an applicant, an expert and a stage (not a scoring workbook, an
 * unknown rubric, metadata missing) is a problem of its own and never reaches a panel; the rest become sheets.
 */
export function traceReport(r: ScoreReport): ReadResult {
  if (r.rubric && r.applicant && r.expert && r.stage) return { sheet: toReturnedSheet(r) };
  const first = r.problems[0];
  return {
    problem: {
      file: r.file,
      applicant: r.applicant ?? undefined,
      code: first?.code ?? "not-scorebook",
      reason: first?.zh ?? "不是 Scorebook 评分表",
      en: first?.en ?? "not a Scorebook scoring workbook",
    },
  };
}

/** Aggregates what was read. Problems come in the order: the files' own, the roster's rows, then the aggregation's. */
export function aggregateRead(input: AggregateReadInput): AggregateResult {
  const lib = input.library ?? bundledLibrary();
  const problems: SheetProblem[] = [];
  const sheets: ReturnedSheet[] = [];
  const consensus: ConsensusSheet[] = [];
  for (const r of input.read) {
    if ("problem" in r) problems.push(r.problem);
    else if ("consensus" in r) consensus.push(r.consensus);
    else sheets.push(r.sheet);
  }
  for (const p of input.roster?.problems ?? [])
    problems.push(sheetProblem(p.file, msg.rosterRow(p.row, { code: p.code, zh: p.reason, en: p.en })));
  const result = aggregate(sheets, rubricInfo(lib), input.roster?.entries ?? [], input.options ?? {}, consensus);
  return { ...result, problems: [...problems, ...result.problems] };
}

/** aggregateRead over interpreted workbooks (and files that could not be read at all, reported first). */
export function aggregateReports(input: AggregateReportsInput): AggregateResult {
  const read: ReadResult[] = [
    ...(input.unreadable ?? []).map((problem) => ({ problem })),
    ...input.reports.map(traceReport),
    ...(input.consensus ?? []).map((consensus) => ({ consensus })),
  ];
  return aggregateRead({ ...input, read });
}

/** A summary workbook (ours) given back as input: say so rather than "not a scoring workbook". */
export function isSummaryWorkbook(sheetNames: readonly string[]): boolean {
  const names = new Set(sheetNames);
  return names.has(SUMMARY_SHEET.ranking) && names.has(SUMMARY_SHEET.panels) && names.has(SUMMARY_SHEET.parameters);
}
