// The secretariat's summary workbook (汇总表) as data, built from an aggregation result (src/core/aggregate.ts):
//   汇总   one row per applicant, in one block per rule set: panel scores, bonus, public satisfaction, final score,
//          veto, rank and status, all live formulas over 专家分 and 参数 (custom mode: QA.PANEL / QA.FINAL / QA.STATUS /
//          QA.RANK; native mode: plain formulas any spreadsheet evaluates). Bonus, public satisfaction and veto are
//          inputs: changing one, a parameter or an expert's total re-ranks at once.
//   问题   every problem, one row each, with the file name.
//   参数   per rule set: stage weights, panel method, thresholds, top N, divergence limit (blank = none).
//   专家分 one row per applicant and stage, the experts' totals side by side (inputs).
//   明细   every expert's input per item, the panel statistics and the divergence flags (专家分歧, for the 合议).
//   反馈   the experts' strengths and opportunities for improvement, by applicant and item.
// The engine's values are written as the cached results, so the file shows the right numbers before any recalculation.
// Each sheet is built in a file of its own (src/summary/sheets/); this file puts the workbook together.
import {
  library as bundledLibrary,
  type AggregateOptions,
  type AggregateResult,
  type Library,
  type RuleSet,
} from "../core";
import { GENERATOR } from "../workbook/layout";
import { localDate, localYear } from "../workbook/text";
import type { FormulaMode } from "../workbook/types";
import { groupTitle } from "./groups";
import { committeeSheets, COMMITTEE_STYLES, type Assignment } from "./committee";
import { inputMirrors } from "./recalc-check";
import { feedbackSheet } from "./feedback";
import { SUMMARY_FORMAT, type SummaryLayout, type SummaryMap } from "./types";
import { detailsSheet } from "./sheets/details";
import { panelsSheet } from "./sheets/panels";
import { parametersSheet } from "./sheets/parameters";
import { problemsSheet } from "./sheets/problems";
import { rankingSheet } from "./sheets/ranking";
import type { Group } from "./sheets/shared";
import { SUMMARY_STYLES } from "./sheets/styles";

export { SUMMARY_STYLES } from "./sheets/styles";

export interface SummaryOptions {
  /** custom: the add-in's QA.* functions; native (default): plain formulas. */
  mode?: FormulaMode;
  /** The options the aggregation ran with: the parameter sheet starts from them. */
  aggregate?: AggregateOptions;
  /** ISO 8601 time of the summary. */
  createdAt?: string;
  /** How many workbooks were given (for the title line). */
  files?: number;
  /** The review round's assignments (评审专家评价表's 分配 column), when known. */
  assignments?: readonly Assignment[];
  library?: Library;
}

/** Builds the summary workbook's layout from an aggregation result. */
export function buildSummaryLayout(result: AggregateResult, options: SummaryOptions = {}): SummaryLayout {
  const lib = options.library ?? bundledLibrary();
  const mode: FormulaMode = options.mode ?? "native";
  const agg = options.aggregate ?? {};
  const createdAt = options.createdAt ?? new Date(0).toISOString();

  // Applicants by rule set, in the library's order of rule sets; within a group, in the engine's ranking order.
  const order = lib.awards.flatMap((a) => a.ruleSets.map((r) => r.id));
  const groups: Group[] = [];
  for (const a of result.applicants) {
    const bundle = lib.get(a.rubricId);
    if (!bundle) continue; // no rubric known (e.g. a roster name without workbooks): only in 问题
    const key = a.group || bundle.rules.id;
    let g = groups.find((x) => x.key === key);
    if (!g) groups.push((g = { key, title: groupTitle(lib, key).zh, rules: bundle.rules, applicants: [] }));
    g.applicants.push({ a, bundle });
  }
  const rubricOrder = lib.rubrics.map((r) => r.id);
  groups.sort(
    (x, y) =>
      order.indexOf(x.rules.id) - order.indexOf(y.rules.id) ||
      rubricOrder.indexOf(x.applicants[0].bundle.rubric.id) - rubricOrder.indexOf(y.applicants[0].bundle.rubric.id),
  );

  const awardTitle = (rules: RuleSet) =>
    (lib.awards.find((a) => a.ruleSets.some((r) => r.id === rules.id))?.title.zh ?? rules.name.zh).replace(
      /（[^）]*）$/,
      "",
    );
  const parameters = parametersSheet(groups, agg, (rules) => ({
    award: awardTitle(rules),
    year: localYear(createdAt),
  }));
  const panels = panelsSheet(groups, parameters.map, mode, result);
  const ranking = rankingSheet(groups, panels.map, parameters.map, mode, options.files, result, {
    award: awardTitle,
    year: localYear(createdAt),
    date: localDate(createdAt),
  });
  const details = detailsSheet(groups, result, parameters.map);
  const problems = problemsSheet(result);
  const feedback = feedbackSheet(groups, result);
  const committee = committeeSheets(
    {
      groups,
      result,
      ranking: ranking.map,
      panels: panels.map,
      params: parameters.map,
      assignments: options.assignments,
    },
    awardTitle,
    localYear(createdAt),
  );
  const map: SummaryMap = {
    committee: committee.map,
    ranking: ranking.map,
    parameters: parameters.map,
    panels: panels.map,
    details: details.map,
    problems: problems.map,
    feedback: feedback.map,
  };
  const sheets = [
    ranking.sheet,
    ...committee.sheets,
    problems.sheet,
    parameters.sheet,
    panels.sheet,
    details.sheet,
    feedback.sheet,
  ];
  // Every input a figure depends on mirrored in 报告数据: `report` refuses a summary whose cached values are stale.
  committee.dataSheet.cells.push(...inputMirrors(sheets));
  return {
    format: SUMMARY_FORMAT,
    mode,
    properties: {
      title: "政府质量奖评审汇总表",
      subject: `${result.applicants.length} 个申报者，${result.problems.length} 个问题`,
      creator: GENERATOR,
      created: createdAt,
      keywords: SUMMARY_FORMAT,
    },
    styles: { ...SUMMARY_STYLES, ...COMMITTEE_STYLES },
    sheets: [...sheets, committee.dataSheet],
    names: [],
    map,
  };
}
