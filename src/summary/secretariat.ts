// The secretariat's job as one pure function, for the CLI and the task pane alike: returned workbooks (as
// CellSources: files read with the zip reader, or the scoring sheets of the open workbook) → interpret() → the
// aggregation core → the summary workbook's layout. Nothing here reads files or touches Excel; problems are
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
import {
  interpret,
  interpretCache,
  interpretConsensus,
  isConsensusSource,
  toConsensusSheet,
  toReturnedSheet,
  type InterpretCache,
  type ScoreReport,
} from "../workbook";
import type { CellSource } from "../workbook/source";
import type { FormulaMode } from "../workbook/types";
import { buildSummaryLayout } from "./layout";
import { SUMMARY_SHEET, type SummaryLayout } from "./types";

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

export interface SecretariatInput extends Omit<AggregateReportsInput, "reports"> {
  /** The returned workbooks. */
  sources: readonly CellSource[];
  /** custom: the summary uses the add-in's QA.* functions; native (default): plain formulas. */
  mode?: FormulaMode;
  /** ISO 8601 time written into the summary (default: now). */
  createdAt?: string;
  cache?: InterpretCache;
}

export interface SecretariatResult {
  reports: ScoreReport[];
  result: AggregateResult;
  layout: SummaryLayout;
}

/** A summary workbook (ours) given back as input: say so rather than "not a scoring workbook". */
export function isSummaryWorkbook(sheetNames: readonly string[]): boolean {
  const names = new Set(sheetNames);
  return names.has(SUMMARY_SHEET.ranking) && names.has(SUMMARY_SHEET.panels) && names.has(SUMMARY_SHEET.parameters);
}

/** Reads every source, aggregates and builds the summary layout (what the task pane's secretariat view calls). */
export function secretariatSummary(input: SecretariatInput): SecretariatResult {
  const lib = input.library ?? bundledLibrary();
  const cache = input.cache ?? interpretCache();
  const reports: ScoreReport[] = [];
  const consensus: ConsensusSheet[] = [...(input.consensus ?? [])];
  const unreadable: SheetProblem[] = [...(input.unreadable ?? [])];
  for (const source of input.sources) {
    if (isSummaryWorkbook(source.sheetNames())) {
      unreadable.push(sheetProblem(source.name, msg.summaryAsInput()));
      continue;
    }
    if (isConsensusSource(source)) {
      consensus.push(toConsensusSheet(interpretConsensus(source, { library: lib })));
      continue;
    }
    try {
      reports.push(interpret(source, { library: lib, cache }));
    } catch (e) {
      unreadable.push(sheetProblem(source.name, msg.unreadable((e as Error).message)));
    }
  }
  const result = aggregateReports({ ...input, reports, unreadable, consensus, library: lib });
  const layout = buildSummaryLayout(result, {
    mode: input.mode,
    aggregate: input.options,
    createdAt: input.createdAt ?? new Date().toISOString(),
    files: input.sources.length + (input.unreadable?.length ?? 0),
    library: lib,
  });
  return { reports, result, layout };
}
