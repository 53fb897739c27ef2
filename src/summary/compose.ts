// The one composition of the secretariat's job: what was read (the one door in, ./open.ts) → the aggregation core →
// the summary workbook's layout. The command line (`aggregate`, `report` from workbooks: src/aggregate/run.ts), the
// task pane (src/taskpane/secretariat.ts) and the workbench call this one function, so that the same files give the
// same result, problems and summary on every surface. Pure: no file system, no Excel; problems are collected, never
// thrown.
import {
  library as bundledLibrary,
  msg,
  sheetProblem,
  type AggregateOptions,
  type AggregateResult,
  type ConsensusSheet,
  type Library,
  type SheetProblem,
} from "../core";
import {
  interpret,
  interpretCache,
  interpretConsensus,
  isConsensusSource,
  toConsensusSheet,
  type InterpretCache,
  type ScoreReport,
} from "../workbook";
import type { CellSource } from "../workbook/source";
import type { FormulaMode } from "../workbook/types";
import { buildSummaryLayout } from "./layout";
import type { OpenedWorkbook } from "./open";
import {
  aggregateRead,
  isSummaryWorkbook,
  traceReport,
  type AggregateReportsInput,
  type ReadResult,
  type RosterInput,
} from "./secretariat";
import type { SummaryLayout } from "./types";

/** What a file opened by the door in gives the aggregation: a sheet, a consensus, or the problem that keeps it out. */
export function readResultOf(opened: OpenedWorkbook): ReadResult {
  switch (opened.kind) {
    case "scoring": {
      const r = traceReport(opened.report);
      return "sheet" in r ? { sheet: { ...r.sheet, modifiedAt: opened.modifiedAt ?? null } } : r;
    }
    case "consensus":
      return { consensus: opened.consensus };
    default:
      return { problem: opened.problem };
  }
}

/** Checks of a review round around the aggregation (`aggregate --round`: src/round/aggregate.ts). */
export interface RoundCheck {
  /** Sheets not on the draw become problems (the rest pass unchanged). */
  screen(read: ReadResult[]): ReadResult[];
  /** Problems found once the panels are known (missing returns, panels below size). */
  review(result: AggregateResult): SheetProblem[];
  /** The draw, for the summary's 评审专家评价表 (workbooks assigned per expert). */
  assignments?: readonly { expert: string; applicant: string; stage: "material" | "onsite"; roundId?: string }[];
}

export interface ComposeInput {
  /** Every file as read, in the order given (files that could not be read at all included, as problems). */
  read: readonly ReadResult[];
  roster?: RosterInput;
  options?: AggregateOptions;
  /** native (default): plain formulas; custom: the add-in's QA.* functions. */
  mode?: FormulaMode;
  /** ISO 8601 time written into the summary (default: now). */
  createdAt?: string;
  /** How many files were given (the summary's header); default: read.length. */
  files?: number;
  library?: Library;
  round?: RoundCheck;
  /** Filled with the milliseconds each step took (aggregate, layout): the benchmark's breakdown. */
  timings?: Record<string, number>;
}

export interface Composed {
  result: AggregateResult;
  layout: SummaryLayout;
}

/** read → aggregate → summary: the one composition every surface calls. */
export function composeSummary(input: ComposeInput): Composed {
  const t0 = performance.now();
  const read = input.round ? input.round.screen([...input.read]) : input.read;
  const result = aggregateRead({ read, roster: input.roster, options: input.options, library: input.library });
  if (input.round) result.problems.push(...input.round.review(result));
  const t1 = performance.now();
  const layout = buildSummaryLayout(result, {
    mode: input.mode,
    aggregate: input.options,
    createdAt: input.createdAt ?? new Date().toISOString(),
    files: input.files ?? input.read.length,
    library: input.library,
    assignments: input.round?.assignments?.map((a) => ({
      expert: a.expert,
      applicant: a.applicant,
      stage: a.stage,
      round: a.roundId,
    })),
  });
  if (input.timings) {
    input.timings.aggregate = t1 - t0;
    input.timings.layout = performance.now() - t1;
  }
  return { result, layout };
}

// Over CellSources already open (the scoring sheets of the open workbook, or sources a test builds).

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
  const { result, layout } = composeSummary({
    read: [
      ...unreadable.map((problem) => ({ problem })),
      ...reports.map(traceReport),
      ...consensus.map((c) => ({ consensus: c })),
    ],
    roster: input.roster,
    options: input.options,
    mode: input.mode,
    createdAt: input.createdAt,
    files: input.sources.length + (input.unreadable?.length ?? 0),
    library: lib,
  });
  return { reports, result, layout };
}
