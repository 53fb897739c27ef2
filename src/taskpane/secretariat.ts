// The secretariat's 汇总 in the task pane: returned workbooks (files the secretariat picks, or the scoring sets of the
// open workbook) → interpret() → aggregate → the summary layout, written into the open workbook. Loaded with
// import() only (SummaryPanel.tsx), so that the zip reader, the aggregation and the summary builder are a chunk of
// their own and not part of the pane's start-up code. Files are only read (they are read-only blobs in a browser);
// every file that cannot be used becomes a problem with its name and the engine's Chinese reason, never an exception.
//
// Thin adapters over src/summary (owned elsewhere): the Node reader (src/aggregate/read.ts) imports zlib and the
// roster reader (src/aggregate/roster.ts) fs and csv-parse, so the browser versions of both live here.
import {
  msg,
  nameKey,
  parseRoster,
  shownScores,
  STATUS_TEXT,
  type RunStage,
  type AggregateOptions,
  type AggregateResult,
  type ConsensusSheet,
  type Library,
  type PanelMethod,
  sheetProblem,
  type Message,
  type SheetProblem,
} from "../core";
import { findSets, renameRefs, SetSource, suggestSuffix } from "../host/sets";
import type { WorkbookHost } from "../host/types";
import {
  composeSummary,
  groupTitle,
  openWorkbook,
  traceReport,
  problemKind,
  problemKindEn,
  SUMMARY_SHEET,
  type RosterInput,
  type SummaryLayout,
} from "../summary";
import {
  buildConsensusLayout,
  interpret,
  interpretCache,
  SHEET,
  toReturnedSheet,
  type ConsensusLayout,
  type InterpretCache,
  type ScoreReport,
} from "../workbook";
import type { FormulaMode, RenderableLayout } from "../workbook/types";
import { rosterRows } from "../summary/roster-file";

/** A file the secretariat picked: its name and bytes. */
export interface PickedFile {
  name: string;
  data: Uint8Array;
  /** The file's size when its bytes were not read (over the size limit). */
  size?: number;
  /** The file's modification time (ISO), when the browser gives it: the tie-breaker between copies. */
  modifiedAt?: string | null;
}

export interface SummaryRequest {
  method: PanelMethod;
  /** final (default) or material: the advance list after the material review. */
  stage?: RunStage;
  mode: FormulaMode;
  roster?: PickedFile | null;
  library: Library;
  now?: Date;
}

/** One applicant as the pane shows it. */
export interface RankingRow {
  applicant: string;
  rubricId: string;
  /** The ranking it is in (a rule set, or a sector) and that ranking's name. */
  group: string;
  groupTitle: { zh: string; en: string };
  /** Scores as shown (src/core shownScores: more decimals where two would cross a threshold). */
  material: string | null;
  onsite: string | null;
  final: string | null;
  status: { zh: string; en: string };
  rank: number | null;
  vetoed: boolean;
  /** The rank a vetoed applicant would have had. */
  wouldBeRank: number | null;
}

export interface PaneSummaryProblem {
  file: string;
  applicant?: string;
  kind: string;
  kindEn: string;
  /** Why, in Chinese and in English (the pane shows the UI language's). */
  reason: string;
  en: string;
}

export interface SummaryOutcome {
  /** Workbooks given (files picked, or scoring sets found). */
  inputs: number;
  /** Workbooks that went into a panel. */
  used: number;
  /** final, or material (the advance list). */
  stage: RunStage;
  ranking: RankingRow[];
  problems: PaneSummaryProblem[];
  layout: SummaryLayout;
  result: AggregateResult;
}

/**
 * Reads one picked file through the one door in (src/summary/open.ts, with the browser's DecompressionStream): a
 * scoring workbook, a group's consensus workbook (合议表), or the problem that keeps it out (a summary or a round
 * workbook named as what it is).
 */
export async function interpretPicked(
  file: PickedFile,
  lib: Library,
  cache?: InterpretCache,
): Promise<
  { report: ScoreReport; modifiedAt?: string | null } | { problem: SheetProblem } | { consensus: ConsensusSheet }
> {
  // A picked file over the limit was never read into memory (SummaryPanel checks File.size first).
  const opened = await openWorkbook(file.data, file.name, {
    size: file.size,
    library: lib,
    cache,
    modifiedAt: file.modifiedAt,
  });
  if (opened.kind === "scoring") return { report: opened.report, modifiedAt: opened.modifiedAt ?? null };
  if (opened.kind === "consensus") return { consensus: opened.consensus };
  return { problem: opened.problem };
}

/** Aggregates picked files: one bad file never stops the rest. */
export async function summaryFromFiles(files: readonly PickedFile[], req: SummaryRequest): Promise<SummaryOutcome> {
  const cache = interpretCache();
  const modified = new Map<ScoreReport, string | null>();
  const reports: ScoreReport[] = [];
  const unreadable: SheetProblem[] = [];
  const consensus: ConsensusSheet[] = [];
  for (const f of files) {
    const r = await interpretPicked(f, req.library, cache);
    if ("report" in r) reports.push(r.report);
    else if ("consensus" in r) consensus.push(r.consensus);
    else unreadable.push(r.problem);
    if ("report" in r) modified.set(r.report, r.modifiedAt ?? null);
  }
  return finish(reports, unreadable, files.length, req, consensus, modified);
}

// ---------------------------------------------------------------------------------------------------------------
// The group leader's consensus workbook (合议表) from the panel's picked workbooks, written into the open workbook.

/** A file that cannot go into the consensus, or why the picked files cannot: Chinese and English. */
export interface ConsensusPickError {
  zh: string;
  en: string;
}

/** The consensus layout of the picked workbooks, or the reasons it cannot be made (one per file). */
export async function consensusFromFiles(
  files: readonly PickedFile[],
  lib: Library,
  now = new Date(),
): Promise<{ layout: ConsensusLayout } | { errors: ConsensusPickError[] }> {
  const errors: ConsensusPickError[] = [];
  const named = (file: string, m: { zh: string; en: string }) => ({ zh: `${file}：${m.zh}`, en: `${file}: ${m.en}` });
  const reports: ScoreReport[] = [];
  for (const f of files) {
    const r = await interpretPicked(f, lib);
    if ("problem" in r) errors.push(named(f.name, { zh: r.problem.reason, en: r.problem.en }));
    else if ("consensus" in r) errors.push(named(f.name, msg.statusConsensus()));
    else if (!r.report.ok) errors.push(named(f.name, msg.consensusPickNotOk(r.report.problems[0])));
    else reports.push(r.report);
  }
  if (errors.length) return { errors };
  if (!reports.length) return { errors: [msg.consensusPickNone()] };
  const sheets = reports.map(toReturnedSheet);
  const keys = new Set(sheets.map((x) => `${nameKey(x.applicant)}\u0000${x.stage}\u0000${x.rubricId}`));
  if (keys.size > 1) return { errors: [msg.consensusPickMixed()] };
  if (new Set(sheets.map((x) => nameKey(x.expert))).size !== sheets.length)
    return { errors: [msg.consensusPickTwice()] };
  const bundle = lib.get(sheets[0].rubricId)!;
  return { layout: buildConsensusLayout(bundle, sheets, { createdAt: now.toISOString() }) };
}

/** Writes the consensus as new sheets (a free suffix when 合议 is taken); returns the sheets written. */
export async function writeConsensus(host: WorkbookHost, layout: ConsensusLayout): Promise<string[]> {
  const { names } = await host.listSheets();
  const suffix = suggestSuffix(layout, names);
  const mapping: Record<string, string> = {};
  for (const sh of layout.sheets) mapping[sh.name] = sh.name + suffix;
  const f = (formula: string) => (suffix ? renameRefs(formula, mapping) : formula);
  const target: RenderableLayout = {
    properties: layout.properties,
    styles: layout.styles,
    sheets: layout.sheets.map((sh) => ({
      ...sh,
      name: mapping[sh.name],
      cells: sh.cells.map((c) => (c.formula === undefined ? c : { ...c, formula: f(c.formula) })),
      conditionalFormats: sh.conditionalFormats.map((cf) => ({ ...cf, formula: f(cf.formula) })),
    })),
    names: layout.names.map((n) => ({ ...n, sheet: mapping[n.sheet] ?? n.sheet })),
  };
  await host.writeLayout(target, { activate: mapping[layout.map.sheet] });
  return target.sheets.filter((sh) => sh.visibility === "visible").map((sh) => sh.name);
}

/** Aggregates the scoring sets of the open workbook: listSheets + one read of every set's sheets (two round trips). */
export async function summaryFromWorkbook(host: WorkbookHost, req: SummaryRequest): Promise<SummaryOutcome> {
  const listing = await host.listSheets();
  const sets = findSets(listing.names);
  const reports: ScoreReport[] = [];
  const unreadable: SheetProblem[] = [];
  if (sets.length) {
    const wanted = sets.flatMap((set) =>
      Object.entries(set.sheets)
        .filter(([c]) => c !== SHEET.guide)
        .map(([, actual]) => actual),
    );
    const source = await host.read(wanted);
    const cache = interpretCache();
    for (const set of sets) {
      const name = set.sheets[SHEET.scoring];
      try {
        reports.push(interpret(new SetSource(source, set, name), { library: req.library, cache }));
      } catch (e) {
        unreadable.push(sheetProblem(name, msg.unreadable((e as Error).message)));
      }
    }
  }
  return finish(reports, unreadable, sets.length, req);
}

async function finish(
  reports: ScoreReport[],
  unreadable: SheetProblem[],
  inputs: number,
  req: SummaryRequest,
  consensus: ConsensusSheet[] = [],
  /** Each picked file's modification time: the tie-breaker between copies saved at the same time. */
  modified: ReadonlyMap<ScoreReport, string | null> = new Map(),
): Promise<SummaryOutcome> {
  const options: AggregateOptions = { method: req.method, ...(req.stage ? { stage: req.stage } : {}) };
  const roster = req.roster ? await readRoster(req.roster) : undefined;
  // The one composition (src/summary/compose.ts), as the command line and the workbench call it.
  const { result, layout } = composeSummary({
    read: [
      ...unreadable.map((problem) => ({ problem })),
      ...reports.map((r) => {
        const read = traceReport(r);
        return "sheet" in read ? { sheet: { ...read.sheet, modifiedAt: modified.get(r) ?? null } } : read;
      }),
      ...consensus.map((c) => ({ consensus: c })),
    ],
    roster,
    options,
    mode: req.mode,
    createdAt: (req.now ?? new Date()).toISOString(),
    files: inputs,
    library: req.library,
  });
  return {
    inputs,
    used: result.used.length,
    stage: result.stage,
    ranking: result.applicants.map((a) => ({
      applicant: a.applicant,
      rubricId: a.rubricId,
      group: a.group,
      groupTitle: groupTitle(req.library, a.group),
      ...shownScores(a),
      status: STATUS_TEXT[a.status],
      rank: a.rank,
      vetoed: a.vetoed,
      wouldBeRank: a.wouldBeRank,
    })),
    problems: result.problems.map((p) => ({
      file: p.file,
      applicant: p.applicant,
      kind: problemKind(p.code),
      kindEn: problemKindEn(p.code),
      reason: p.reason,
      en: p.en,
    })),
    layout,
    result,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Roster (名单): .csv (UTF-8 or GB18030) or .xlsx (first visible sheet), as src/aggregate/roster.ts reads it.

/** The roster's entries and row problems; a roster that cannot be read at all is one problem. */
export async function readRoster(file: PickedFile): Promise<RosterInput> {
  const unreadable = (m: Message): RosterInput => ({
    entries: [],
    problems: [{ file: file.name, row: 1, code: m.code, reason: m.zh, en: m.en }],
  });
  const read = await rosterRows(file.data, file.name);
  if ("error" in read) return unreadable(read.error);
  const rows = read.rows;
  return parseRoster(rows, file.name);
}

// ---------------------------------------------------------------------------------------------------------------
// Writing into the open workbook: never over an existing sheet.

/** "" when the summary's sheet names are free, else the first free " (n)" (as for a second scoring set). */
export function summarySuffix(layout: SummaryLayout, existing: readonly string[]): string {
  return suggestSuffix(layout, existing);
}

/**
 * The summary with its sheet names suffixed (formulas and conditional formats follow), in the shape
 * WorkbookHost.writeLayout takes: the hosts scope a clashing defined name to `map.scoring.sheet` (the summary has no
 * defined names; 汇总 stands in).
 */
export function summaryForHost(layout: SummaryLayout, suffix: string): RenderableLayout {
  const mapping: Record<string, string> = {};
  for (const s of layout.sheets) mapping[s.name] = s.name + suffix;
  const f = (formula: string) => (suffix ? renameRefs(formula, mapping) : formula);
  const sheets = layout.sheets.map((s) => ({
    ...s,
    name: mapping[s.name],
    cells: s.cells.map((c) => (c.formula === undefined ? c : { ...c, formula: f(c.formula) })),
    conditionalFormats: s.conditionalFormats.map((cf) => ({ ...cf, formula: f(cf.formula) })),
  }));
  return {
    properties: layout.properties,
    styles: layout.styles,
    sheets,
    names: layout.names.map((n) => ({ ...n, sheet: mapping[n.sheet] ?? n.sheet })),
  };
}

/** Writes the summary as new sheets (with a free suffix) and shows 汇总; returns the visible sheets written. */
export async function writeSummary(host: WorkbookHost, layout: SummaryLayout): Promise<string[]> {
  const { names } = await host.listSheets();
  const suffix = summarySuffix(layout, names);
  const target = summaryForHost(layout, suffix);
  await host.writeLayout(target, { activate: SUMMARY_SHEET.ranking + suffix });
  return target.sheets.filter((s) => s.visibility === "visible").map((s) => s.name);
}
