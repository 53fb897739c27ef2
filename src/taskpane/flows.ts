// The reviewer's actions, over any WorkbookHost: generate a scoring set, check it, finish it. No React here, so the
// same flows run in the component tests, the Office.js adapter tests (counting round trips) and the preview.
import type { Library, StageId } from "../core";
import { nameKey } from "../core/names";
import { interpret, interpretCache, readMeta, type InterpretCache } from "../workbook/interpret";
import { buildLayout, type PrintStyle } from "../workbook/layout";
import { scoringFileName } from "../workbook/file-names";
import { SHEET } from "../workbook/labels";
import type { FormulaMode, WorkbookLayout } from "../workbook/types";
import { finishRequests } from "../host/initial";
import { findSets, renameLayout, SetSource, setOfSheet, suffixProblem, type ScoringSet } from "../host/sets";
import type { WorkbookHost } from "../host/types";
import { reviewReport, type Review } from "./review";

export interface GenerateRequest {
  rubricId: string;
  applicant: string;
  expert: string;
  stage: StageId;
  mode: FormulaMode;
  /** current: new sheets in this workbook; new: a new workbook (.xlsx built with ExcelJS, loaded on demand). */
  target: "current" | "new";
  /** Sheet name suffix for the current workbook ("" or " (2)" …). */
  suffix: string;
  /** How 评分 prints: full (default) or compact (item names only; the scoring points in 评分指南's appendix). */
  print?: PrintStyle;
  now?: Date;
}

export interface GenerateResult {
  layout: WorkbookLayout;
  target: "current" | "new";
  /** The sheets written (current workbook) or the file name (new workbook). */
  sheets: string[];
  fileName: string | null;
}

/** A file name from the applicant, stage and expert: the one file-name rule, the name `scorebook generate` gives. */
export function workbookFileName(layout: WorkbookLayout): string {
  return scoringFileName(layout.meta.applicant, layout.meta.stage, layout.meta.expert) ?? "评分表.xlsx";
}

/** Builds the layout (throws LayoutError for empty names) and writes it where the reviewer chose. */
export async function generateWorkbook(
  host: WorkbookHost,
  lib: Library,
  req: GenerateRequest,
): Promise<GenerateResult> {
  const bundle = lib.get(req.rubricId);
  if (!bundle) throw new Error(`unknown rubric ${req.rubricId}`);
  const layout = buildLayout(
    bundle,
    {
      applicant: req.applicant,
      expert: req.expert,
      stage: req.stage,
      mode: req.mode,
      createdAt: (req.now ?? new Date()).toISOString(),
    },
    {},
    { print: req.print ?? "full" },
  );
  if (req.target === "new") {
    // ExcelJS is only loaded here: it is not part of the pane's start-up code.
    const { layoutToBase64 } = await import(/* webpackChunkName: "xlsx" */ "./xlsx-file");
    const fileName = workbookFileName(layout);
    await host.openWorkbook(await layoutToBase64(layout), fileName);
    return { layout, target: "new", sheets: layout.sheets.map((s) => s.name), fileName };
  }
  const renamed = renameLayout(layout, req.suffix);
  await host.writeLayout(renamed);
  return { layout: renamed, target: "current", sheets: renamed.sheets.map((s) => s.name), fileName: null };
}

export { suffixProblem };

/** A scoring set already in the workbook for the same applicant, expert and stage as a generate request. */
export interface SameSet {
  suffix: string;
  /** Its 评分 sheet ("评分 (2)"). */
  sheet: string;
}

/**
 * The workbook's scoring sets for the same applicant and expert (names compared as the engine compares them,
 * nameKey) and the same stage, read from their metadata sheets in one host call. The form asks before adding
 * another set for them: a second copy is seldom what a reviewer means, and the first may hold their scores.
 */
export async function sameScoringSets(
  host: WorkbookHost,
  req: Pick<GenerateRequest, "applicant" | "expert" | "stage">,
): Promise<SameSet[]> {
  const sets = findSets((await host.listSheets()).names).filter((x) => x.sheets[SHEET.meta]);
  if (!sets.length) return [];
  const source = await host.read(sets.map((x) => x.sheets[SHEET.meta]));
  return sets
    .filter((set) => {
      const meta = readMeta(new SetSource(source, set));
      return (
        meta !== null &&
        meta.stage === req.stage &&
        nameKey(meta.applicant ?? "") === nameKey(req.applicant) &&
        nameKey(meta.expert ?? "") === nameKey(req.expert)
      );
    })
    .map((set) => ({ suffix: set.suffix, sheet: set.sheets[SHEET.scoring] }));
}

/** `sheets`: every sheet name of the workbook (the generate form checks its names against them). */
export type CheckOutcome =
  { kind: "none"; sheets: string[] } | { kind: "checked"; sheets: string[]; sets: ScoringSet[]; review: Review };

/**
 * Checks one scoring set with the engine: the set the reviewer chose (by suffix), else the one of the active sheet,
 * else the first. Two host calls: listSheets and read (two round trips to Excel).
 */
export async function checkWorkbook(
  host: WorkbookHost,
  lib: Library,
  preferred?: string | null,
): Promise<CheckOutcome> {
  const listing = await host.listSheets();
  const sets = findSets(listing.names);
  if (!sets.length) return { kind: "none", sheets: listing.names };
  const set = sets.find((s) => s.suffix === preferred) ?? setOfSheet(sets, listing.active) ?? sets[0];
  // The guide sheet holds only text the engine does not read: it is left out of the round trip.
  const source = await host.read(
    Object.entries(set.sheets)
      .filter(([canonical]) => canonical !== SHEET.guide)
      .map(([, actual]) => actual),
  );
  const report = interpret(new SetSource(source, set), { library: lib, cache: cacheFor(lib) });
  return { kind: "checked", sheets: listing.names, sets, review: reviewReport(report, set) };
}

/**
 * One interpret cache per library: the live check runs after every edit (usePane), and the reference layout of a
 * rubric, stage and mode is the same each time, so it is built once, not per keystroke.
 */
const caches = new WeakMap<Library, InterpretCache>();
function cacheFor(lib: Library): InterpretCache {
  let c = caches.get(lib);
  if (!c) caches.set(lib, (c = interpretCache()));
  return c;
}

/**
 * Locks every input cell of the set and protects its sheets (one host call). `password`: the one the sheets are
 * protected with now, asked in the pane after the host refused with SheetPasswordError.
 */
export async function finishWorkbook(host: WorkbookHost, review: Review, password?: string): Promise<string[]> {
  if (!review.layout) throw new Error("not a scoring workbook");
  const requests = finishRequests(renameLayout(review.layout, review.set.suffix))
    .filter((r) => Object.values(review.set.sheets).includes(r.sheet))
    .map((r) => (password ? { ...r, currentPassword: password } : r));
  await host.protect(requests);
  return requests.map((r) => r.sheet);
}
