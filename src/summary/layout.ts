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
// Pure TypeScript: no ExcelJS, Office.js or file system (the task pane renders the same layout).
import {
  DIVERGENCE_LIMIT,
  formatScore,
  inRankingField,
  isVetoStatus,
  library as bundledLibrary,
  numberFormatFor,
  PANEL_METHOD_TEXT,
  PANEL_METHODS,
  placesFor,
  rankingField,
  stageWeight,
  statusBeforeLimit,
  STATUS_TEXT,
  VETO_DECISION_TEXT,
  VETO_STATUSES,
  thresholdsOf,
  toNumber,
  type AggregateOptions,
  type AggregateResult,
  type ApplicantResult,
  type Exact,
  type Library,
  type ReturnedSheet,
  type RubricBundle,
  type RuleSet,
  type StageId,
  type Status,
} from "../core";
import { colLetter, quoteSheet } from "../workbook/a1";
import { GENERATOR, STYLES } from "../workbook/layout";
import { SheetBuilder } from "../workbook/sheet-builder";
import { STAGE_NAME } from "../workbook/labels";
import { rowHeight, wrappedLines } from "../workbook/text";
import type { CellStyle, FormulaMode, PrintLayout, SheetLayout } from "../workbook/types";
import { problemKind } from "./problems";
import { groupTitle, rubricShortName } from "./groups";
import { committeeSheets, COMMITTEE_STYLES, rankingFoot, rankingHead, type Assignment } from "./committee";
import { feedbackSheet } from "./feedback";
import { lineOrNone, numberOr0, shownFormula } from "./formulas";
import {
  SUMMARY_FORMAT,
  SUMMARY_SHEET,
  type DetailsMap,
  type PanelsMap,
  type ParametersMap,
  type RankingMap,
  type SummaryLayout,
  type SummaryMap,
} from "./types";

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

const FONT = "宋体";
const C = {
  na: "EDEDED",
  good: "C6EFCE",
  goodText: "006100",
  bad: "FFC7CE",
  badText: "9C0006",
  warn: "FFEB9C",
  warnText: "9C5700",
};
const thin = { top: "thin", bottom: "thin", left: "thin", right: "thin", color: "808080" } as const;

const EXTRA_STYLES: Record<string, CellStyle> = {
  headerUser: { ...STYLES.header, numFmt: "@" },
  blockTitle: { font: { bold: true, size: 11 }, horizontal: "left", vertical: "bottom", numFmt: "@" },
  userText: {
    font: { size: 10 },
    fill: "F5F5F5",
    border: thin,
    horizontal: "left",
    vertical: "top",
    wrap: true,
    numFmt: "@",
  },
  count: { font: { size: 10 }, fill: "F5F5F5", border: thin, horizontal: "center", vertical: "top", numFmt: "0" },
  score: { font: { size: 10 }, fill: "F5F5F5", border: thin, horizontal: "center", vertical: "top", numFmt: "0.00" },
  final: {
    font: { size: 10, bold: true },
    fill: "DCE6F1",
    border: thin,
    horizontal: "center",
    vertical: "top",
    numFmt: "0.00",
  },
  rank: {
    font: { size: 11, bold: true },
    fill: "F5F5F5",
    border: thin,
    horizontal: "center",
    vertical: "top",
    numFmt: "0",
  },
  statusText: { font: { size: 10, bold: true }, fill: "F5F5F5", border: thin, horizontal: "center", vertical: "top" },
  percent: { font: { size: 10 }, fill: "F5F5F5", border: thin, horizontal: "center", vertical: "top", numFmt: "0%" },
  percent1: { font: { size: 10 }, fill: "F5F5F5", border: thin, horizontal: "center", vertical: "top", numFmt: "0.0%" },
  points: { font: { size: 10 }, fill: "F5F5F5", border: thin, horizontal: "center", vertical: "top", numFmt: "0.0" },
  spread: { font: { size: 10 }, fill: "F5F5F5", border: thin, horizontal: "center", vertical: "top", numFmt: "0.0" },
  flag: {
    font: { size: 10, bold: true, color: C.badText },
    fill: "F5F5F5",
    border: thin,
    horizontal: "center",
    vertical: "top",
  },
  na: { font: { size: 10 }, fill: C.na, border: thin, horizontal: "center", vertical: "top" },
  inputScore: { font: { size: 10, bold: true }, border: thin, horizontal: "center", vertical: "top", numFmt: "0.00" },
  inputNumber: {
    font: { size: 10, bold: true },
    border: thin,
    horizontal: "center",
    vertical: "middle",
    numFmt: "General",
  },
  inputPercent: {
    font: { size: 10, bold: true },
    border: thin,
    horizontal: "center",
    vertical: "middle",
    numFmt: "0%",
  },
  inputChoice: { font: { size: 10, bold: true }, border: thin, horizontal: "center", vertical: "top", numFmt: "@" },
  paramLabel: {
    font: { size: 10, bold: true },
    fill: "F2F2F2",
    border: thin,
    horizontal: "left",
    vertical: "middle",
    wrap: true,
  },
  paramValue: {
    font: { size: 10 },
    fill: "F5F5F5",
    border: thin,
    horizontal: "center",
    vertical: "middle",
    numFmt: "@",
  },
  paramPercent: {
    font: { size: 10 },
    fill: "F5F5F5",
    border: thin,
    horizontal: "center",
    vertical: "middle",
    numFmt: "0%",
  },
  paramNote: { font: { size: 9, color: "7F7F7F" }, border: thin, horizontal: "left", vertical: "middle", wrap: true },
  longText: { font: { size: 10 }, border: thin, horizontal: "left", vertical: "top", wrap: true, numFmt: "@" },
  paramText: { font: { size: 10 }, border: thin, horizontal: "center", vertical: "middle", wrap: true, numFmt: "@" },
  // A score printed as text by the one display rule (src/summary/formulas.ts shownFormula).
  scoreText: { font: { size: 10 }, fill: "F5F5F5", border: thin, horizontal: "center", vertical: "top" },
  finalText: { font: { size: 10, bold: true }, fill: "DCE6F1", border: thin, horizontal: "center", vertical: "top" },
};
// More decimals where two would round a score across a threshold (placesFor): score3 … score9, final3 … final9.
for (let p = 3; p <= 9; p++) {
  EXTRA_STYLES[`score${p}`] = { ...EXTRA_STYLES.score, numFmt: numberFormatFor(p) };
  EXTRA_STYLES[`final${p}`] = { ...EXTRA_STYLES.final, numFmt: numberFormatFor(p) };
}
for (const s of Object.values(EXTRA_STYLES)) s.font = { ...s.font, name: FONT };

export const SUMMARY_STYLES: Record<string, CellStyle> = { ...STYLES, ...EXTRA_STYLES };

const MARGINS = { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.25, footer: 0.25 };

/** A4 landscape, one page wide, page numbers; `titleRow` repeated on every page. */
function landscape(area: string, titleRow?: number): PrintLayout {
  return {
    paper: "A4",
    orientation: "landscape",
    fitToWidth: 1,
    fitToHeight: 0,
    area,
    titleRows: titleRow ? { first: titleRow, last: titleRow } : undefined,
    footer: { center: "第 &P 页，共 &N 页" },
    margins: MARGINS,
    centerHorizontally: true,
  };
}

const ref = (col: string, row: number) => `${col}${row}`;
const abs = (col: string, row: number) => `$${col}$${row}`;
const ext = (sheet: string, col: string, row: number) => `${quoteSheet(sheet)}!${abs(col, row)}`;
/** A cached number as the ROUND(…, 9) formulas give it. */
const r9 = (x: Exact | null | undefined): number | "" =>
  x === null || x === undefined ? "" : Number(toNumber(x).toFixed(9));
const text = (v: string) => `"${v.replace(/"/g, '""')}"`;
const ST = (s: Status) => STATUS_TEXT[s].zh;
const CONFIRMED = VETO_DECISION_TEXT.confirmed.zh;
const CLEARED = VETO_DECISION_TEXT.cleared.zh;
/** A score's style: two decimals, or as many as placesFor needs near the thresholds. */
const scoreStyle = (base: "score" | "final", x: Exact | null, thresholds: (Exact | null)[]) => {
  const p = x === null ? 2 : placesFor(x, thresholds);
  return p > 2 ? `${base}${p}` : base;
};

interface Group {
  /** The ranking (src/core rankingGroup): a rule set, or a rule set and rubric. */
  key: string;
  title: string;
  rules: RuleSet;
  applicants: { a: ApplicantResult; bundle: RubricBundle }[];
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
    year: new Date(createdAt).getUTCFullYear(),
  }));
  const panels = panelsSheet(groups, parameters.map, mode);
  const ranking = rankingSheet(groups, panels.map, parameters.map, mode, options.files, result, {
    award: awardTitle,
    year: new Date(createdAt).getUTCFullYear(),
    date: createdAt.slice(0, 10),
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
    new Date(createdAt).getUTCFullYear(),
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
    sheets: [
      ranking.sheet,
      ...committee.sheets,
      problems.sheet,
      parameters.sheet,
      panels.sheet,
      details.sheet,
      feedback.sheet,
      committee.dataSheet,
    ],
    names: [],
    map,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 参数

// The panel methods as the cell offers them: Chinese names (QA.PANEL and the native formula read them).
const METHODS = PANEL_METHODS.map((m) => PANEL_METHOD_TEXT[m].zh);

function parametersSheet(
  allGroups: Group[],
  agg: AggregateOptions,
  titles: (rules: RuleSet) => { award: string; year: number },
): { sheet: SheetLayout; map: ParametersMap } {
  const s = new SheetBuilder("parameters", SUMMARY_SHEET.parameters);
  // One column per rule set (several rankings of one rule set, e.g. 江门's sectors, share its parameters).
  const groups = allGroups.filter((g, i) => allGroups.findIndex((x) => x.rules.id === g.rules.id) === i);
  // The rule set id (QA.STATUS reads it) sits below the print area: a printed page shows names, not ids.
  const rows = {
    materialWeight: 5,
    onsiteWeight: 6,
    method: 7,
    advance: 8,
    final: 9,
    topN: 10,
    divergence: 11,
    awardName: 12,
    year: 13,
    batch: 14,
    ruleSet: 16,
  };
  const columns: Record<string, string> = {};
  groups.forEach((g, i) => (columns[g.rules.id] = colLetter(i + 2)));
  const noteCol = colLetter(groups.length + 2);
  s.columns = [
    { col: "A", width: 24 },
    ...groups.map((_, i) => ({ col: colLetter(i + 2), width: 22 })),
    { col: noteCol, width: 64 },
  ];
  s.text("A1", "评审参数", "title");
  s.height(1, 26);
  const how =
    "修改白底单元格，“汇总”工作表立即重新计算专家组得分、综合得分、结论和名次。分数线、名额留空表示不设。每种奖项（规则）一列，分别排名。";
  s.text("A2", how, "note");
  s.merges.push(`A2:${noteCol}2`);
  s.height(2, 28);
  s.text("A4", "参数", "header");
  groups.forEach((g) => s.text(ref(columns[g.rules.id], 4), g.rules.name.zh, "header"));
  s.text(ref(noteCol, 4), "说明", "header");
  s.height(4, 30);
  const label = (row: number, l: string, note: string) => {
    s.text(ref("A", row), l, "paramLabel");
    s.text(ref(noteCol, row), note, "paramNote");
    s.height(row, rowHeight(wrappedLines(note, 64, 9), 9));
  };
  label(rows.ruleSet, "规则编号（供函数使用）", "加载项函数按它取奖项规则的默认值，请勿修改；不打印。");
  label(
    rows.materialWeight,
    "材料评审权重",
    "综合得分 = 材料评审得分 × 材料评审权重 + 现场评审得分 × 现场评审权重 + 加分（+ 公众满意度）。0 至 1，如 30%。",
  );
  label(rows.onsiteWeight, "现场评审权重", "= 1 − 材料评审权重（自动计算）。");
  label(
    rows.method,
    "专家组合成方法",
    "平均分；去掉最高分和最低分后的平均分（去掉一个最高分和一个最低分，不足 3 人时取平均分）；中位数。",
  );
  label(rows.advance, "进入现场评审分数线", "材料评审得分达到此分数（含）方可进入现场评审；留空表示不设。");
  label(rows.final, "提名分数线", "综合得分达到此分数（含）方可列入候选；留空表示不设。");
  label(
    rows.topN,
    "候选名额（前 N 名）",
    "达到提名分数线者按综合得分由高到低，不超过 N 名列入候选，其余为“超出名额”；并列者同名次；留空表示不限。",
  );
  label(
    rows.divergence,
    "专家分歧阈值（百分点）",
    "同一评价项目各专家成熟度的极差超过此值（或成熟度相差两档及以上），在“明细”中标为分歧，提交合议。",
  );
  label(rows.awardName, "奖项名称（打印标题）", "评审委员会材料（候选名单、表决记录表等）标题中的奖项名称。");
  label(rows.year, "年度（打印标题）", "如 2025；留空则标题不写年度。");
  label(rows.batch, "批次（打印标题）", "如“第一批”；留空则标题不写批次。");
  for (const g of groups) {
    const col = columns[g.rules.id];
    const t = titles(g.rules);
    s.input(ref(col, rows.awardName), t.award, "paramText");
    s.input(ref(col, rows.year), t.year, "inputNumber");
    s.input(ref(col, rows.batch), null, "paramText");
  }
  for (const g of groups) {
    const col = columns[g.rules.id];
    const r = g.rules;
    const t = thresholdsOf(r, agg.thresholds);
    const w = agg.materialWeight ?? stageWeight(r, "material");
    s.text(ref(col, rows.ruleSet), r.id, "paramValue");
    s.input(ref(col, rows.materialWeight), toNumber(w), "inputPercent");
    s.formula(
      ref(col, rows.onsiteWeight),
      `1-${ref(col, rows.materialWeight)}`,
      Number((1 - toNumber(w)).toFixed(9)),
      "paramPercent",
    );
    s.input(ref(col, rows.method), PANEL_METHOD_TEXT[agg.method ?? r.panelMethod].zh, "inputChoice");
    s.input(ref(col, rows.advance), t.advance === null ? null : toNumber(t.advance), "inputNumber");
    s.input(ref(col, rows.final), t.final === null ? null : toNumber(t.final), "inputNumber");
    s.input(ref(col, rows.topN), t.topN, "inputNumber");
    s.input(ref(col, rows.divergence), agg.divergence ?? DIVERGENCE_LIMIT, "inputNumber");
  }
  if (groups.length) {
    const last = colLetter(groups.length + 1);
    const span = (row: number) => `B${row}:${last}${row}`;
    s.validations.push(
      {
        ref: span(rows.materialWeight),
        type: "decimal",
        min: 0,
        max: 1,
        allowBlank: false,
        error: { title: "权重无效", message: "材料评审权重应在 0 与 1 之间，如 30%。" },
      },
      {
        ref: span(rows.method),
        type: "list",
        list: METHODS,
        allowBlank: false,
        error: { title: "方法无效", message: `请选择：${METHODS.join("、")}。` },
      },
      {
        ref: span(rows.advance),
        type: "decimal",
        min: 0,
        max: 100000,
        allowBlank: true,
        error: { title: "分数线无效", message: "请填写非负数，或留空表示不设。" },
      },
      {
        ref: span(rows.final),
        type: "decimal",
        min: 0,
        max: 100000,
        allowBlank: true,
        error: { title: "分数线无效", message: "请填写非负数，或留空表示不设。" },
      },
      {
        ref: span(rows.topN),
        type: "whole",
        min: 1,
        max: 100000,
        allowBlank: true,
        error: { title: "名额无效", message: "请填写正整数，或留空表示不限。" },
      },
      {
        ref: span(rows.divergence),
        type: "decimal",
        min: 0,
        max: 100,
        allowBlank: false,
        error: { title: "阈值无效", message: "请填写 0 至 100 的百分点数，如 20。" },
      },
    );
  }
  return {
    sheet: s.build({ tabColor: "7F7F7F", print: landscape(`A1:${noteCol}${rows.batch}`), protect: true }),
    // (rows.ruleSet is below the print area on purpose)
    map: { sheet: s.name, columns, rows },
  };
}

const param = (p: ParametersMap, ruleSet: string, key: keyof ParametersMap["rows"]) =>
  ext(p.sheet, p.columns[ruleSet], p.rows[key]);

// ---------------------------------------------------------------------------------------------------------------
// 专家分

function panelsSheet(
  groups: Group[],
  params: ParametersMap,
  mode: FormulaMode,
): { sheet: SheetLayout; map: PanelsMap } {
  const s = new SheetBuilder("panels", SUMMARY_SHEET.panels);
  const k = Math.max(
    1,
    ...groups.flatMap((g) => g.applicants.flatMap(({ a }) => [a.material.totals.length, a.onsite.totals.length])),
  );
  const totals = Array.from({ length: k }, (_, i) => colLetter(6 + i));
  const experts = Array.from({ length: k }, (_, i) => colLetter(6 + k + i));
  const columns = { applicant: "A", ruleSet: "B", stage: "C", count: "D", score: "E", totals, experts };
  s.columns = [
    { col: "A", width: 26 },
    { col: "B", width: 20 },
    { col: "C", width: 10 },
    { col: "D", width: 8 },
    { col: "E", width: 11 },
    ...totals.map((col) => ({ col, width: 10 })),
    ...experts.map((col) => ({ col, width: 10 })),
  ];
  const lastCol = experts[k - 1];
  s.text("A1", "各专家总分与专家组得分", "title");
  s.height(1, 26);
  const how =
    "每行为一个申报者的一个评审阶段：各专家的总分（由评分引擎按评分表重新计算）并排列出，专家组得分按“参数”中的合成方法计算。修改某位专家的总分（白底单元格），汇总表立即重新计算。已回避、未填写完整、无效或重复的评分表不在此列，见“问题”。";
  s.text("A2", how, "note");
  s.merges.push(`A2:${lastCol}2`);
  s.height(2, rowHeight(wrappedLines(how, 100, 9), 9));
  const header = 4;
  ["申报者", "奖项（规则）", "评审阶段", "专家人数", "专家组得分"].forEach((h, i) =>
    s.text(ref(colLetter(i + 1), header), h, "header"),
  );
  totals.forEach((col, i) => s.text(ref(col, header), `专家${i + 1}总分`, "header"));
  experts.forEach((col, i) => s.text(ref(col, header), `专家${i + 1}`, "header"));
  s.height(header, 30);
  const rows: PanelsMap["rows"] = [];
  let row = header + 1;
  for (const g of groups) {
    const method = param(params, g.rules.id, "method");
    for (const { a } of g.applicants) {
      for (const stage of ["material", "onsite"] as const) {
        const st = a[stage];
        const n = Math.max(1, st.totals.length);
        const range = `${totals[0]}${row}:${totals[n - 1]}${row}`;
        s.text(ref("A", row), a.applicant, "userText");
        s.text(ref("B", row), g.rules.name.zh, "text");
        s.text(ref("C", row), st.method === "consensus" ? `${STAGE_NAME[stage]}（合议）` : STAGE_NAME[stage], "text");
        const count = ref("D", row);
        s.formula(count, `COUNT(${range})`, st.totals.length, "count");
        const combine =
          mode === "custom"
            ? `QA.PANEL(${range},${method},COUNT(${range}))` // COUNT: the same answer on every host (functions.ts)
            : `IF(${method}=${text(PANEL_METHOD_TEXT.median.zh)},MEDIAN(${range}),IF(AND(${method}=${text(PANEL_METHOD_TEXT.trimmed.zh)},${count}>=3),(SUM(${range})-MAX(${range})-MIN(${range}))/(${count}-2),AVERAGE(${range})))`;
        const near = stage === "material" ? [a.thresholds.advance] : [];
        // A stage scored by consensus: the group's agreed total (合议表), an input like the experts' totals.
        if (st.method === "consensus") s.input(ref("E", row), r9(st.score), "inputScore");
        else
          s.formula(
            ref("E", row),
            `IF(${count}=0,"",ROUND(${combine},9))`,
            r9(st.score),
            scoreStyle("final", st.score, near),
          );
        st.totals.forEach((t, i) => {
          s.input(ref(totals[i], row), r9(t), "inputScore");
          s.text(ref(experts[i], row), st.experts[i], "userText");
        });
        if (st.totals.length === 0) s.input(ref(totals[0], row), null, "inputScore");
        rows.push({ applicant: a.applicant, stage, row });
        row++;
      }
    }
  }
  if (rows.length === 0) s.text(ref("A", row), "（没有可计入的评分表）", "note");
  return {
    sheet: s.build({
      tabColor: "548235",
      freeze: { rows: header, columns: 1 },
      print: landscape(`A1:${lastCol}${Math.max(row, header + 1)}`, header),
      protect: true,
    }),
    map: { sheet: s.name, columns, rows },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 汇总

function rankingSheet(
  groups: Group[],
  panels: PanelsMap,
  params: ParametersMap,
  mode: FormulaMode,
  files: number | undefined,
  result: AggregateResult,
  head: { award: (rules: RuleSet) => string; year: number; date: string },
): { sheet: SheetLayout; map: RankingMap } {
  const s = new SheetBuilder("ranking", SUMMARY_SHEET.ranking);
  const materialRun = result.stage === "material";
  const spec: [keyof RankingMap["columns"], string, number, boolean?][] = [
    ["applicant", "申报者", 26],
    ["rubric", "评分标准", 18],
    ["materialExperts", "材料评审\n专家数", 8],
    ["materialShown", "材料评审\n得分", 10],
    ["onsiteExperts", "现场评审\n专家数", 8],
    ["onsiteShown", "现场评审\n得分", 10],
    ["bonus", "加分", 7],
    ["public", "公众\n满意度", 8],
    ["finalShown", materialRun ? "排序得分\n（材料评审）" : "综合得分", 10],
    ["veto", "否决核实\n（质评办）", 10],
    ["rank", "名次", 6],
    ["status", "结论", 12],
    ["rankNote", "名次说明", 16],
    ["vetoReason", "否决标记（专家、事项、依据）", 36],
    ["notes", "备注", 30],
    ["preStatus", "初步结论", 12, true],
    ["excluded", "不参加排名", 8, true],
    ["flagged", "专家否决标记", 8, true],
    // The numbers every formula reads; the visible columns above print them under the one display rule.
    ["material", "材料评审得分（数值）", 10, true],
    ["onsite", "现场评审得分（数值）", 10, true],
    ["final", "综合得分（数值）", 10, true],
  ];
  const cols = {} as RankingMap["columns"];
  spec.forEach(([key], i) => (cols[key] = colLetter(i + 1)));
  s.columns = spec.map(([, , width, hidden], i) => ({ col: colLetter(i + 1), width, hidden }));
  const lastVisible = cols.notes;
  s.text("A1", materialRun ? "政府质量奖材料评审汇总（进入现场评审名单）" : "政府质量奖评审汇总", "title");
  s.merges.push(`A1:${lastVisible}1`);
  s.height(1, 26);
  const used = result.used.length;
  const info = `共 ${result.applicants.length} 个申报者；${files !== undefined ? `收到 ${files} 份文件，` : ""}计入 ${used} 份评分表；问题 ${result.problems.length} 个（见“问题”）。公式：${
    mode === "custom" ? "Scorebook 加载项的函数（需安装加载项）" : "普通 Excel 公式"
  }。`;
  s.text("A2", info, "note");
  s.merges.push(`A2:${lastVisible}2`);
  const how = [
    materialRun
      ? "本表只汇总材料评审：按材料评审得分由高到低排序；达到“参数”中进入现场评审分数线（含本数）的为“进入现场评审”。"
      : "综合得分 = 材料评审得分 × 材料评审权重 + 现场评审得分 × 现场评审权重 + 加分 + 公众满意度（权重、合成方法、分数线和名额见“参数”）。",
    "计分规则：全程按精确分数计算和比较，不先四舍五入；达到分数线即符合（含本数）。分数一般显示两位小数，两位小数会与结论矛盾时（接近分数线）显示更多位，如 549.995 显示为 549.995 而不是 550.00。",
    `否决：专家标记的否决事项为“${ST("veto-flagged")}”，不列入候选，待质评办在“否决核实”列填写“${CONFIRMED}”或“${CLEARED}”；否决的申报者不参加排名，“名次”列为其假定名次。`,
    "白底单元格（加分、公众满意度、否决核实）可以修改，修改后立即重新计算结论和名次；专家总分在“专家分”中修改。",
  ].join("\n");
  s.text("A3", how, "note");
  s.merges.push(`A3:${lastVisible}3`);
  s.height(3, rowHeight(wrappedLines(how, 150, 9) + 3, 9));

  const panelRow = new Map(panels.rows.map((r) => [`${r.applicant}\u0000${r.stage}`, r.row]));
  const groupsMap: RankingMap["groups"] = [];
  const vetoedTexts = VETO_STATUSES.map(ST);
  const breaks: number[] = [];
  let row = 5;
  for (const g of groups) {
    const rs = g.rules.id;
    const titleRow = row;
    // Each rule set prints on a page of its own: title, rule, the block, the secretariat's signatures.
    if (groupsMap.length) breaks.push(titleRow);
    const headerRow = rankingHead(s, titleRow, g.rules, params, lastVisible, {
      ...head,
      award: head.award(g.rules),
      group: g.title,
    });
    spec.forEach(([, h], i) => s.text(ref(colLetter(i + 1), headerRow), h, "header"));
    s.height(headerRow, 30);
    const first = headerRow + 1;
    const last = first + g.applicants.length - 1;
    const rows: { applicant: string; row: number }[] = [];
    const P = (key: keyof ParametersMap["rows"]) => param(params, rs, key);
    const needsPublic = !!g.rules.publicSatisfaction;
    g.applicants.forEach(({ a, bundle }, i) => {
      const r = first + i;
      rows.push({ applicant: a.applicant, row: r });
      const at = (key: keyof RankingMap["columns"]) => ref(cols[key], r);
      const span = (key: keyof RankingMap["columns"]) => `${abs(cols[key], first)}:${abs(cols[key], last)}`;
      const mRow = panelRow.get(`${a.applicant}\u0000material`)!;
      const oRow = panelRow.get(`${a.applicant}\u0000onsite`)!;
      s.text(at("applicant"), a.applicant, "userText");
      s.text(at("rubric"), rubricShortName(bundle.rubric.title.zh), "text");
      s.formula(at("materialExperts"), ext(panels.sheet, "D", mRow), a.material.totals.length, "count");
      s.formula(
        at("material"),
        ext(panels.sheet, "E", mRow),
        r9(a.material.score),
        scoreStyle("score", a.material.score, [a.thresholds.advance]),
      );
      s.formula(at("onsiteExperts"), ext(panels.sheet, "D", oRow), a.onsite.totals.length, "count");
      s.formula(at("onsite"), ext(panels.sheet, "E", oRow), r9(a.onsite.score), "score");
      s.input(at("bonus"), r9(a.bonus), "inputScore");
      if (needsPublic) s.input(at("public"), a.public === null ? null : r9(a.public), "inputScore");
      else s.value(at("public"), null, "na");
      const [D, F, G, H, I, J, K, L, Pc, Q, X] = (
        [
          "material",
          "onsite",
          "bonus",
          "public",
          "final",
          "veto",
          "rank",
          "status",
          "preStatus",
          "excluded",
          "flagged",
        ] as const
      ).map(at);
      const shownFinal = materialRun ? a.material.score : a.final;
      // Individuals: no final score without the public satisfaction score (缺少公众满意度测评得分).
      // No final below the advance line (the stage gate: the on-site review does not count for it).
      const gate = `AND(ISNUMBER(${P("advance")}),${D}<${P("advance")})`;
      const blanks =
        needsPublic && !materialRun ? `OR(${D}="",${F}="",${H}="",${gate})` : `OR(${D}="",${F}="",${gate})`;
      const finalF = materialRun
        ? `IF(${D}="","",${D})`
        : mode === "custom"
          ? `IF(${blanks},"",ROUND(QA.FINAL(${D},${F},${blankSafe(G)},${blankSafe(H)},${P("materialWeight")}),9))`
          : `IF(${blanks},"",ROUND(${D}*${P("materialWeight")}+${F}*${P("onsiteWeight")}+${numberOr0(G)}+${numberOr0(H)},9))`;
      s.formula(
        I,
        finalF,
        r9(shownFinal),
        scoreStyle("final", shownFinal, [materialRun ? a.thresholds.advance : a.thresholds.final]),
      );
      // What is printed: each score as text under the one display rule, following the live number beside it.
      const shown = (key: "materialShown" | "onsiteShown" | "finalShown", x: string, v: Exact | null, t: string[]) =>
        s.formula(
          at(key),
          shownFormula(x, t),
          v === null ? "" : formatScore(v, [key === "onsiteShown" ? null : line(key)]),
          key === "finalShown" ? "finalText" : "scoreText",
        );
      const line = (key: "materialShown" | "finalShown") =>
        key === "materialShown" || materialRun ? a.thresholds.advance : a.thresholds.final;
      shown("materialShown", D, a.material.score, [P("advance")]);
      shown("onsiteShown", F, a.onsite.score, []);
      shown("finalShown", I, shownFinal, [materialRun ? P("advance") : P("final")]);
      // The secretariat's decision on an expert's flag: 确认否决 / 不予否决, blank while pending.
      const decision = a.veto === "confirmed" ? CONFIRMED : a.veto === "cleared" ? CLEARED : null;
      s.input(J, decision, "inputChoice");
      s.value(X, a.vetoFlags.length > 0, "text");
      const pending = `AND(${X}=TRUE,${J}<>${text(CONFIRMED)},${J}<>${text(CLEARED)})`;
      const confirmed = `${J}=${text(CONFIRMED)}`;
      const pre: Status = statusBeforeLimit(a.status);
      const thresholdsF = `IF(AND(${P("advance")}<>"",${D}<${P("advance")}),${text(ST("not-advanced"))},`;
      let preF: string;
      if (materialRun)
        preF = `IF(${confirmed},${text(ST("vetoed"))},IF(${pending},${text(ST("veto-flagged"))},IF(${D}="",${text(ST("incomplete"))},${thresholdsF}${text(ST("advances"))}))))`;
      else if (mode === "custom") {
        // "zh": this sheet's own formulas compare the verdict with its Chinese text, whatever Office's language.
        const status = `QA.STATUS(${I},${D},${confirmed},${P("ruleSet")},${lineOrNone(P("advance"))},${lineOrNone(P("final"))},"zh")`;
        preF = needsPublic
          ? `IF(${pending},${text(ST("veto-flagged"))},IF(AND(${H}="",${F}<>"",${status}=${text(ST("no-onsite"))}),${text(ST("no-public"))},${status}))`
          : `IF(${pending},${text(ST("veto-flagged"))},${status})`;
      } else {
        const publicF = needsPublic ? `IF(${H}="",${text(ST("no-public"))},` : "";
        preF = `IF(${confirmed},${text(ST("vetoed"))},IF(${pending},${text(ST("veto-flagged"))},IF(${D}="",${text(ST("incomplete"))},${thresholdsF}IF(${F}="",${text(ST("no-onsite"))},${publicF}IF(NOT(ISNUMBER(${P("final")})),${text(ST("ranked"))},IF(${I}<${P("final")},${text(ST("below-threshold"))},${text(ST("candidate"))}))${needsPublic ? ")" : ""})))))`;
      }
      s.formula(Pc, preF, ST(pre), "text");
      const rankedTexts = rankingField(result.stage).map(ST);
      const excluded = !inRankingField(pre, result.stage);
      s.formula(Q, `NOT(OR(${rankedTexts.map((t) => `${Pc}=${text(t)}`).join(",")}))`, excluded, "text");
      const rankOf =
        mode === "custom"
          ? `QA.RANK(${I},${span("final")},${span("excluded")})`
          : `SUMPRODUCT((${span("excluded")}=FALSE)*(${span("final")}>${I}))+1`;
      const shownRank = a.rank ?? a.wouldBeRank;
      const isVetoedF = `OR(${vetoedTexts.map((t) => `${Pc}=${text(t)}`).join(",")})`;
      s.formula(K, `IF(OR(${I}="",AND(${Q},NOT(${isVetoedF}))),"",${rankOf})`, shownRank ?? "", "rank");
      s.formula(
        L,
        materialRun
          ? Pc
          : `IF(AND(${Pc}=${text(ST("candidate"))},${P("topN")}<>"",${K}<>""),IF(${K}>${P("topN")},${text(ST("over-limit"))},${Pc}),${Pc})`,
        ST(a.status),
        "statusText",
      );
      s.formula(
        at("rankNote"),
        `IF(AND(${isVetoedF},${K}<>""),"假定名次：否决或待核实，不占名次","")`,
        isVetoStatus(a.status) && shownRank !== null ? "假定名次：否决或待核实，不占名次" : "",
        "smallText",
      );
      const reason = a.vetoFlags
        .map((v) => `${v.expert}（${STAGE_NAME[v.stage]}）：${v.text}${v.note ? `——${v.note}` : ""}`)
        .join("\n");
      s.text(at("vetoReason"), reason, "userText");
      const notes = a.notes.map((n) => n.zh).join("；");
      s.text(at("notes"), notes, "smallText");
      s.height(
        r,
        Math.max(
          20,
          rowHeight(
            Math.max(
              wrappedLines(reason || " ", 36, 10),
              wrappedLines(notes || " ", 30, 9),
              wrappedLines(bundle.rubric.title.zh, 18, 9),
            ),
            10,
          ),
        ),
      );
    });
    const statusRange = `${cols.status}${first}:${cols.status}${last}`;
    s.conditionalFormats.push(
      {
        ref: statusRange,
        formula: `${cols.status}${first}=${text(ST("vetoed"))}`,
        fill: C.bad,
        fontColor: C.badText,
        bold: true,
        priority: 1,
      },
      {
        ref: statusRange,
        formula: `OR(${cols.status}${first}=${text(ST("candidate"))},${cols.status}${first}=${text(ST("advances"))})`,
        fill: C.good,
        fontColor: C.goodText,
        bold: true,
        priority: 2,
      },
      {
        ref: statusRange,
        formula: `${cols.status}${first}=${text(ST("veto-flagged"))}`,
        fill: C.warn,
        fontColor: C.warnText,
        bold: true,
        priority: 3,
      },
      {
        ref: `${cols.veto}${first}:${cols.veto}${last}`,
        formula: `${cols.veto}${first}=${text(CONFIRMED)}`,
        fill: C.bad,
        fontColor: C.badText,
        bold: true,
        priority: 4,
      },
      {
        ref: `${cols.veto}${first}:${cols.veto}${last}`,
        formula: `AND(${cols.flagged}${first}=TRUE,LEN(${cols.veto}${first})=0)`,
        fill: C.warn,
        priority: 5,
      },
    );
    s.validations.push(
      {
        ref: `${cols.veto}${first}:${cols.veto}${last}`,
        type: "list",
        list: [CONFIRMED, CLEARED],
        allowBlank: true,
        error: { title: "否决核实", message: `请选择“${CONFIRMED}”或“${CLEARED}”，或留空（待核实）。` },
        prompt: {
          title: "否决核实",
          message: `${CONFIRMED}：取消评奖资格；${CLEARED}：专家标记的否决事项经核实不成立；留空：待核实。`,
        },
      },
      {
        ref: `${cols.bonus}${first}:${cols.bonus}${last}`,
        type: "decimal",
        min: 0,
        max: 1000,
        allowBlank: true,
        error: { title: "加分无效", message: "请填写非负数。" },
      },
    );
    if (g.rules.publicSatisfaction)
      s.validations.push({
        ref: `${cols.public}${first}:${cols.public}${last}`,
        type: "decimal",
        min: 0,
        max: g.rules.publicSatisfaction.max,
        allowBlank: true,
        error: { title: "公众满意度无效", message: `请填写 0 至 ${g.rules.publicSatisfaction.max} 分。` },
      });
    groupsMap.push({ ruleSet: rs, group: g.key, titleRow, headerRow, firstRow: first, lastRow: last, rows });
    row = rankingFoot(s, last + 2, lastVisible);
  }
  if (groups.length === 0) s.text("A5", "（没有可排名的申报者，见“问题”）", "note");
  const print: PrintLayout = {
    paper: "A4",
    orientation: "landscape",
    fitToWidth: 1,
    fitToHeight: 0,
    // From the first block: the notes above it are for the screen.
    area: `A${groups.length ? 5 : 1}:${lastVisible}${Math.max(5, row - 2)}`,
    footer: { center: "第 &P 页，共 &N 页" },
    margins: MARGINS,
    centerHorizontally: true,
  };
  return {
    sheet: s.build({
      tabColor: "1F4E78",
      freeze: { rows: 0, columns: 1 },
      print,
      pageBreaks: breaks,
      protect: true,
    }),
    map: { sheet: s.name, columns: cols, groups: groupsMap },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 明细

function sheetsOf(result: AggregateResult, files: readonly string[]): ReturnedSheet[] {
  return files.map((f) => result.used.find((u) => u.file === f)).filter((x): x is ReturnedSheet => !!x);
}

function detailsSheet(
  groups: Group[],
  result: AggregateResult,
  params: ParametersMap,
): { sheet: SheetLayout; map: DetailsMap } {
  const s = new SheetBuilder("details", SUMMARY_SHEET.details);
  const k = Math.max(
    1,
    ...groups.flatMap((g) => g.applicants.flatMap(({ a }) => [a.material.totals.length, a.onsite.totals.length])),
  );
  s.columns = [
    { col: "A", width: 7 },
    { col: "B", width: 20 },
    { col: "C", width: 6 },
    ...Array.from({ length: k + 6 }, (_, i) => ({ col: colLetter(4 + i), width: 10 })),
  ];
  const lastCol = colLetter(3 + k + 6);
  s.text("A1", "评分明细与专家分歧", "title");
  s.height(1, 26);
  const how =
    "各专家对每个评价项目的输入（成熟度或得分）并排列出，右侧为专家组统计。极差以百分点计（按分值计分的项目折算为占分值的百分比）；成熟度相差两档及以上，或极差超过“参数”中的分歧阈值，标为“分歧”（黄色），提交专家组合议。";
  s.text("A2", how, "note");
  s.merges.push(`A2:${lastCol}2`);
  s.height(2, rowHeight(wrappedLines(how, 100, 9), 9));
  const blocks: DetailsMap["blocks"] = [];
  let row = 4;
  for (const g of groups) {
    const limit = param(params, g.rules.id, "divergence");
    for (const { a, bundle } of g.applicants) {
      const maturity = bundle.rubric.scoring === "maturity";
      for (const stage of ["material", "onsite"] as StageId[]) {
        const used = sheetsOf(result, a[stage].files);
        if (used.length === 0) continue;
        const n = used.length;
        const titleRow = row;
        s.text(
          ref("A", titleRow),
          `${a.applicant} · ${STAGE_NAME[stage]}（${rubricShortName(bundle.rubric.title.zh)}，${n} 位专家）`,
          "blockTitle",
        );
        s.height(titleRow, 22);
        const headerRow = titleRow + 1;
        const inputs = Array.from({ length: n }, (_, i) => colLetter(4 + i));
        const [mean, min, max, spread, bands, divergent] = Array.from({ length: 6 }, (_, i) => colLetter(4 + n + i));
        ["编号", "评价项目", "分值"].forEach((h, i) => s.text(ref(colLetter(i + 1), headerRow), h, "header"));
        used.forEach((u, i) => s.text(ref(inputs[i], headerRow), u.expert, "headerUser"));
        [maturity ? "平均" : "平均分", "最低", "最高", "极差\n(百分点)", "跨档", "分歧"].forEach((h, i) =>
          s.text(ref(colLetter(4 + n + i), headerRow), h, "header"),
        );
        s.height(headerRow, 30);
        const first = headerRow + 1;
        const items: { code: string; row: number }[] = [];
        const divs = result.divergences.filter((d) => d.applicant === a.applicant && d.stage === stage);
        bundle.rubric.items.forEach((item, i) => {
          const r = first + i;
          items.push({ code: item.code, row: r });
          s.text(ref("A", r), item.code, "code");
          s.text(ref("B", r), item.name, "text");
          s.value(ref("C", r), item.points, "count");
          const values: number[] = [];
          used.forEach((u, j) => {
            const v = u.items.find((x) => x.code === item.code)?.value ?? null;
            if (v !== null) values.push(v);
            s.value(
              ref(inputs[j], r),
              v === null ? null : maturity ? Number((v / 100).toFixed(9)) : v,
              maturity ? "percent" : "points",
            );
          });
          const range = `${inputs[0]}${r}:${inputs[n - 1]}${r}`;
          const style = maturity ? "percent" : "score";
          const asFraction = (x: number) => (maturity ? Number((x / 100).toFixed(9)) : x);
          const avg = values.length ? values.reduce((p, x) => p + x, 0) / values.length : null;
          s.formula(
            ref(mean, r),
            `IF(COUNT(${range})=0,"",AVERAGE(${range}))`,
            avg === null ? "" : asFraction(avg),
            maturity ? "percent1" : style,
          );
          s.formula(
            ref(min, r),
            `IF(COUNT(${range})=0,"",MIN(${range}))`,
            values.length ? asFraction(Math.min(...values)) : "",
            style,
          );
          s.formula(
            ref(max, r),
            `IF(COUNT(${range})=0,"",MAX(${range}))`,
            values.length ? asFraction(Math.max(...values)) : "",
            style,
          );
          const pct = values.map((v) => (maturity ? v : (v / item.points) * 100));
          const spreadValue = values.length >= 2 ? Number((Math.max(...pct) - Math.min(...pct)).toFixed(9)) : "";
          const spreadF = maturity
            ? `IF(COUNT(${range})<2,"",ROUND((MAX(${range})-MIN(${range}))*100,9))`
            : `IF(COUNT(${range})<2,"",ROUND((MAX(${range})-MIN(${range}))/${ref("C", r)}*100,9))`;
          s.formula(ref(spread, r), spreadF, spreadValue, "spread");
          const d = divs.find((x) => x.code === item.code);
          // Shown where the bands are DIVERGENCE_BANDS or more apart (the flag below reads this cell).
          const bandText = d && d.reason !== "spread" ? `第 ${d.bands.join("、")} 档` : "";
          s.text(ref(bands, r), bandText, "smallText");
          const isDivergent = !!d;
          s.formula(
            ref(divergent, r),
            `IF(OR(${ref(bands, r)}<>"",IF(${ref(spread, r)}="",FALSE,${ref(spread, r)}>${limit})),"分歧","")`,
            isDivergent ? "分歧" : "",
            "flag",
          );
        });
        const last = first + bundle.rubric.items.length - 1;
        const totalRow = last + 1;
        s.text(ref("B", totalRow), "总分", "sumLabel");
        s.value(ref("C", totalRow), bundle.rubric.totalPoints, "count");
        used.forEach((u, j) => s.value(ref(inputs[j], totalRow), r9(u.total), "score"));
        s.conditionalFormats.push({
          ref: `A${first}:${divergent}${last}`,
          formula: `$${divergent}${first}="分歧"`,
          fill: C.warn,
          priority: blocks.length + 1,
        });
        blocks.push({
          applicant: a.applicant,
          stage: stage,
          titleRow,
          headerRow,
          firstRow: first,
          lastRow: last,
          items,
          columns: { code: "A", inputs, mean, min, max, spread, bands, divergent },
        });
        row = totalRow + 2;
      }
    }
  }
  if (blocks.length === 0) s.text(ref("A", row), "（没有可计入的评分表）", "note");
  return {
    // Each applicant and stage starts a page, so that its header row heads every page of it.
    sheet: s.build({
      tabColor: "BF8F00",
      print: landscape(`A1:${lastCol}${row}`),
      pageBreaks: blocks.slice(1).map((b) => b.titleRow),
      protect: true,
    }),
    map: { sheet: s.name, blocks },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 问题

function problemsSheet(result: AggregateResult): { sheet: SheetLayout; map: SummaryMap["problems"] } {
  const s = new SheetBuilder("problems", SUMMARY_SHEET.problems);
  s.columns = [
    { col: "A", width: 5 },
    { col: "B", width: 40 },
    { col: "C", width: 20 },
    { col: "D", width: 12 },
    { col: "E", width: 80 },
    { col: "F", width: 16 },
  ];
  s.text("A1", `问题清单（${result.problems.length} 个）`, "title");
  s.height(1, 26);
  const how =
    "每个问题一行。未计入的评分表不影响其他评分表；处理后（如补齐、重新提交）再次汇总即可。源文件从不被修改。";
  s.text("A2", how, "note");
  s.merges.push("A2:F2");
  const header = 3;
  ["序号", "文件", "申报者", "类别", "说明", "代码"].forEach((h, i) =>
    s.text(ref(colLetter(i + 1), header), h, "header"),
  );
  s.height(header, 22);
  const first = header + 1;
  result.problems.forEach((p, i) => {
    const r = first + i;
    s.value(ref("A", r), i + 1, "count");
    s.text(ref("B", r), p.file, "userText");
    s.text(ref("C", r), p.applicant ?? "", "userText");
    s.text(ref("D", r), problemKind(p.code), "text");
    s.text(ref("E", r), p.reason, "userText");
    s.text(ref("F", r), p.code, "idText");
    s.height(r, rowHeight(Math.max(wrappedLines(p.reason, 80, 10), wrappedLines(p.file, 40, 10)), 10));
  });
  if (result.problems.length === 0) s.text(ref("B", first), "未发现问题：全部评分表均已计入。", "text");
  const last = Math.max(first, first + result.problems.length - 1);
  return {
    sheet: s.build({
      tabColor: result.problems.length ? "C00000" : "548235",
      freeze: { rows: header, columns: 0 },
      // The code column (F) is for machines: outside the print area.
      print: landscape(`A1:E${last}`, header),
      protect: false,
    }),
    map: { sheet: s.name, headerRow: header, firstRow: first, lastRow: result.problems.length ? last : first - 1 },
  };
}

/**
 * An input cell as a QA.* argument that reads the same on every host: desktop Excel passes an empty cell to a custom
 * function as 0, the web as blank; IF(ISBLANK(…),"",…) passes "" on both (src/functions/functions.ts).
 */
function blankSafe(cell: string): string {
  return `IF(ISBLANK(${cell}),"",${cell})`;
}
