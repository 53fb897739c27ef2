// What the secretariat hands the committee, as sheets of the summary workbook (all layout data, rendered by the same
// writers as the rest of the summary):
//   得分图            the final scores against the nomination line, per rule set (the chart's data; the CLI adds a
//                     drawing to the file with src/xlsx/chart.ts, the task pane an Office.js chart)
//   合议清单          the divergent items by applicant and stage, on one page
//   公示名单（现场评审） the applicants advancing after the material review (四、（四）5: 公示期不少于 5 个工作日)
//   授奖候选名单        the candidate list for the committee (四、（六）3), in ranking order; not publicised
//   授奖建议名单        after the vote (四、（七）2, （八）1): the candidates the 表决记录表 passes, live, with the 公示 line
//   表决记录表        members, present, quorum, per candidate yes / no / abstain and the result under the rule set's
//                     vote rule (四、（七）: 出席不少于三分之二；出席委员三分之二及以上赞成), by live formulas
//   评审专家评价表     per expert: workbooks assigned (when the round's assignments are given) and counted, mean
//                     deviation from the panel and z-score (a diagnostic), divergent items, the group leader's rating
//   报告数据 (very hidden) what `scorebook report` reads back: stage scores, final and status as live references,
//                     the category and item breakdown as the engine computed it.
// Pure TypeScript.
import {
  committeeVote,
  expertStats,
  nameKey,
  onAdvanceList,
  secretariatSettingsText,
  shownScores,
  stageBreakdown,
  STATUS_TEXT,
  toNumber,
  type AggregateResult,
  type ApplicantResult,
  type Exact,
  type RubricBundle,
  type RuleSet,
  type StageId,
} from "../core";
import { colLetter, quoteSheet } from "../workbook/a1";
import { STAGE_NAME } from "../workbook/labels";
import { SheetBuilder } from "../workbook/sheet-builder";
import { rowHeight, wrappedLines } from "../workbook/text";
import type { CellStyle, ChartLayout, PrintLayout, SheetLayout } from "../workbook/types";
import { numberOr0 } from "./formulas";
import type { PanelsMap, ParametersMap, RankingMap } from "./types";

export const COMMITTEE_SHEET = {
  chart: "得分图",
  consensusList: "合议清单",
  advanceList: "公示名单（现场评审）",
  candidateList: "授奖候选名单",
  awardList: "授奖建议名单",
  vote: "表决记录表",
  expertReview: "评审专家评价表",
  reportData: "报告数据",
} as const;

/** An expert's assignment in a review round (src/round, when it is given): feeds 评审专家评价表's 分配 column. */
export interface Assignment {
  expert: string;
  applicant: string;
  stage: StageId;
  round?: string;
  /** ISO date the workbook was due. */
  due?: string;
}

export interface CommitteeGroup {
  rules: RuleSet;
  applicants: { a: ApplicantResult; bundle: RubricBundle }[];
}

export interface CommitteeInput {
  groups: CommitteeGroup[];
  result: AggregateResult;
  ranking: RankingMap;
  panels: PanelsMap;
  params: ParametersMap;
  assignments?: readonly Assignment[];
}

/** Where the chart's data is: one series block per rule set (A1 ranges on the 得分图 sheet). */
export interface ChartMap {
  sheet: string;
  series: { ruleSet: string; title: string; names: string; finals: string; line: string; count: number }[];
}

export interface VoteMap {
  sheet: string;
  blocks: {
    ruleSet: string;
    members: string;
    present: string;
    quorum: string;
    rows: { applicant: string; row: number }[];
    columns: { yes: string; no: string; abstain: string; result: string };
  }[];
}

export interface ReportDataMap {
  sheet: string;
}

export interface CommitteeMap {
  chart: ChartMap;
  vote: VoteMap;
  reportData: ReportDataMap;
  consensusList: { sheet: string; rows: number };
  advanceList: { sheet: string; rows: number };
  candidateList: { sheet: string; rows: number };
  /** 授奖建议名单: per rule set with a vote, the rows that list the passed candidates (live from 表决记录表). */
  awardList: {
    sheet: string;
    blocks: { ruleSet: string; rows: number[]; columns: { applicant: string; score: string } }[];
  };
  expertReview: { sheet: string; rows: { expert: string; row: number }[] };
}

/** The publicity period the rules set for a list they publicise (河北 四（三）2, 四（四）5, 四（八）1). */
const PUBLICITY_LINE = [
  `公示期：${"\u3000".repeat(4)}年${"\u3000".repeat(2)}月${"\u3000".repeat(2)}日至${"\u3000".repeat(4)}年${"\u3000".repeat(2)}月${"\u3000".repeat(2)}日`,
  "（公示期不少于 5 个工作日）",
];
/** Applicants tied on the last place inside the limit (rules.ts decide: the tool does not break ties). */
const TIE_NOTE = "末位并列，超出名额，由评审委员会决定";

const thin = { top: "thin", bottom: "thin", left: "thin", right: "thin", color: "808080" } as const;
export const COMMITTEE_STYLES: Record<string, CellStyle> = {
  bigTitle: { font: { name: "宋体", bold: true, size: 16 }, horizontal: "center", vertical: "middle" },
  subTitle: { font: { name: "宋体", size: 11 }, horizontal: "center", vertical: "middle", numFmt: "@" },
  decimal: {
    font: { name: "宋体", size: 10 },
    fill: "F5F5F5",
    border: thin,
    horizontal: "center",
    vertical: "top",
    numFmt: "0.00",
  },
  inputCount: {
    font: { name: "宋体", size: 11, bold: true },
    border: thin,
    horizontal: "center",
    vertical: "middle",
    numFmt: "0",
  },
  result: {
    font: { name: "宋体", size: 11, bold: true },
    fill: "F5F5F5",
    border: thin,
    horizontal: "center",
    vertical: "middle",
  },
  dataKey: { font: { name: "宋体", size: 9 }, numFmt: "@" },
};

const MARGINS = { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.25, footer: 0.25 };
const ref = (col: string, row: number) => `${col}${row}`;
const abs = (col: string, row: number) => `$${col}$${row}`;
const ext = (sheet: string, col: string, row: number) => `${quoteSheet(sheet)}!${abs(col, row)}`;
const r9 = (x: Exact | null | undefined): number | "" =>
  x === null || x === undefined ? "" : Number(toNumber(x).toFixed(9));
const q = (v: string) => `"${v.replace(/"/g, '""')}"`;

function page(area: string, orientation: "portrait" | "landscape", opts: Partial<PrintLayout> = {}): PrintLayout {
  return {
    paper: "A4",
    orientation,
    fitToWidth: 1,
    fitToHeight: 0,
    area,
    footer: { center: "第 &P 页，共 &N 页" },
    margins: MARGINS,
    centerHorizontally: true,
    ...opts,
  };
}

/** The printed title of the committee pack: award, year and batch from 参数, live. */
export function titleFormula(p: ParametersMap, ruleSet: string, what: string): string {
  const col = p.columns[ruleSet];
  const cell = (k: "awardName" | "year" | "batch") => ext(p.sheet, col, p.rows[k]);
  return `${cell("awardName")}&IF(${cell("year")}="",""," "&${cell("year")}&"年度")&IF(${cell("batch")}="",""," "&${cell("batch")})&${q(` ${what}`)}`;
}

export function titleResult(awardTitle: string, year: number | string, what: string): string {
  return `${awardTitle}${year === "" ? "" : ` ${year}年度`} ${what}`;
}

function signatures(s: SheetBuilder, row: number, labels: string[], from: string, to: string): number {
  for (const l of labels) {
    s.text(ref(from, row), l, "signLabel");
    s.text(ref(to, row), "", "signLine");
    s.height(row, 28);
    row++;
  }
  return row;
}

export function committeeSheets(input: CommitteeInput, awardTitle: (rules: RuleSet) => string, year: number) {
  const { groups, result, ranking, panels, params } = input;
  const rankRow = new Map<string, { group: RankingMap["groups"][number]; row: number }>();
  for (const g of ranking.groups) for (const r of g.rows) rankRow.set(r.applicant, { group: g, row: r.row });
  const panelRow = new Map(panels.rows.map((r) => [`${r.applicant}\u0000${r.stage}`, r.row]));
  const finalRef = (applicant: string) => ext(ranking.sheet, ranking.columns.final, rankRow.get(applicant)!.row);
  const shownRef = (applicant: string, key: "finalShown" | "materialShown") =>
    ext(ranking.sheet, ranking.columns[key], rankRow.get(applicant)!.row);
  const shownScore = (a: ApplicantResult, key: "final" | "material") => shownScores(a)[key] ?? "";
  const statusRef = (applicant: string) => ext(ranking.sheet, ranking.columns.status, rankRow.get(applicant)!.row);
  const rankRef = (applicant: string) => ext(ranking.sheet, ranking.columns.rank, rankRow.get(applicant)!.row);
  const stageRef = (applicant: string, stage: StageId) =>
    ext(panels.sheet, panels.columns.score, panelRow.get(`${applicant}\u0000${stage}`)!);
  const title = (s: SheetBuilder, row: number, g: CommitteeGroup, what: string, lastCol: string) => {
    s.formula(
      ref("A", row),
      titleFormula(params, g.rules.id, what),
      titleResult(awardTitle(g.rules), year, what),
      "bigTitle",
    );
    s.merges.push(`A${row}:${lastCol}${row}`);
    s.height(row, 30);
    s.text(ref("A", row + 1), `（${g.rules.name.zh}）`, "subTitle");
    s.merges.push(`A${row + 1}:${lastCol}${row + 1}`);
    s.height(row + 1, 20);
    return row + 2;
  };

  // ---------------------------------------------------------------------------------------------------------------
  // 得分图: per rule set the applicants with a final score, their finals and the nomination line.
  const chart = new SheetBuilder("chart", COMMITTEE_SHEET.chart);
  // B and C hold the numbers the chart plots (hidden: a fixed number format would print 549.995 as 550.00); A
  // prints each applicant with its status and its final under the display rule, as the chart's categories do.
  chart.columns = [
    { col: "A", width: 30 },
    { col: "B", width: 12, hidden: true },
    { col: "C", width: 12, hidden: true },
  ];
  chart.text("A1", "综合得分与提名分数线", "title");
  chart.text("A2", "各奖项类别申报者的综合得分（柱）与提名分数线（线），数据随“汇总”“参数”变化。", "note");
  chart.merges.push("A2:N2");
  const series: ChartMap["series"] = [];
  const charts: ChartLayout[] = [];
  const chartBreaks: number[] = [];
  let crow = 4;
  for (const g of groups) {
    const withFinal = g.applicants.filter(({ a }) => a.final !== null);
    if (!withFinal.length) continue;
    const blockStart = crow;
    if (charts.length) chartBreaks.push(crow); // each ranking's chart on a page of its own
    chart.text(ref("A", crow), g.rules.name.zh, "section");
    crow++;
    const header = crow;
    ["申报者、结论、综合得分", "综合得分", "提名分数线"].forEach((h, i) =>
      chart.text(ref(colLetter(i + 1), crow), h, "header"),
    );
    crow++;
    const first = crow;
    const line = ext(params.sheet, params.columns[g.rules.id], params.rows.final);
    for (const { a } of withFinal) {
      // The category: the applicant, its status and its final as the display rule prints it (live), so that a bar
      // is never read without its verdict (a vetoed or non-advanced applicant is marked).
      chart.formula(
        ref("A", crow),
        `${q(a.applicant)}&CHAR(10)&${statusRef(a.applicant)}&"  "&${shownRef(a.applicant, "finalShown")}`,
        `${a.applicant}\n${STATUS_TEXT[a.status].zh}  ${shownScore(a, "final")}`,
        "userText",
      );
      chart.height(crow, 28);
      chart.formula(ref("B", crow), numberOr0(finalRef(a.applicant)), r9(a.final), "score");
      const t = g.rules.finalThreshold;
      chart.formula(ref("C", crow), `IF(${line}="",NA(),${line})`, t ?? "#N/A", "score");
      crow++;
    }
    const last = crow - 1;
    const title = `${g.rules.name.zh}：综合得分与提名分数线`;
    series.push({
      ruleSet: g.rules.id,
      title,
      names: `A${first}:A${last}`,
      finals: `B${first}:B${last}`,
      line: `C${first}:C${last}`,
      count: last - first + 1,
    });
    const bottom = blockStart + Math.max(18, last - blockStart + 2);
    charts.push({ title, data: `A${header}:C${last}`, from: `E${blockStart}`, to: `N${bottom}` });
    crow = bottom + 2;
  }
  const chartSheet = chart.build({
    tabColor: "1F4E78",
    print: page(`A1:N${Math.max(crow - 2, 20)}`, "landscape"),
    pageBreaks: chartBreaks,
    protect: true,
  });
  if (charts.length) chartSheet.charts = charts;

  // ---------------------------------------------------------------------------------------------------------------
  // 合议清单: divergent items by applicant, one page.
  const cl = new SheetBuilder("consensusList", COMMITTEE_SHEET.consensusList);
  cl.columns = [
    { col: "A", width: 24 },
    { col: "B", width: 9 },
    { col: "C", width: 6 },
    { col: "D", width: 16 },
    { col: "E", width: 40 },
    { col: "F", width: 8 },
    { col: "G", width: 10 },
    { col: "H", width: 12 },
  ];
  cl.text("A1", "合议清单（专家分歧项目）", "bigTitle");
  cl.merges.push("A1:H1");
  cl.height(1, 30);
  cl.text(
    "A2",
    "各专家成熟度相差两档及以上，或极差超过分歧阈值的评价项目，由评审专家组合议；“合议结果”为交回的合议表中的合议成熟度。",
    "note",
  );
  cl.merges.push("A2:H2");
  ["申报者", "评审阶段", "编号", "评价项目", "各专家评分", "极差", "跨档", "合议结果"].forEach((h, i) =>
    cl.text(ref(colLetter(i + 1), 3), h, "header"),
  );
  let lrow = 4;
  const bundleOf = new Map(groups.flatMap((g) => g.applicants.map(({ a, bundle }) => [a.applicant, { a, bundle }])));
  for (const d of result.divergences) {
    const entry = bundleOf.get(d.applicant);
    const item = entry?.bundle.rubric.items.find((i) => i.code === d.code);
    const maturity = entry?.bundle.rubric.scoring !== "points";
    const c = entry?.a[d.stage].consensus;
    const agreed = c?.items.find((i) => i.code === d.code)?.value;
    cl.text(ref("A", lrow), d.applicant, "userText");
    cl.text(ref("B", lrow), STAGE_NAME[d.stage], "text");
    cl.text(ref("C", lrow), d.code, "code");
    cl.text(ref("D", lrow), item?.name ?? "", "text");
    const vals = d.values.map((v) => `${v.expert} ${v.value}${maturity ? "%" : "分"}`).join("、");
    cl.text(ref("E", lrow), vals, "userText");
    cl.value(ref("F", lrow), Number(d.spread.toFixed(1)), "spread");
    cl.text(ref("G", lrow), d.bands.length > 1 ? d.bands.join("、") + " 档" : "", "text");
    cl.text(
      ref("H", lrow),
      agreed === undefined || agreed === null ? "（未合议）" : `${agreed}${maturity ? "%" : "分"}`,
      "text",
    );
    cl.height(lrow, rowHeight(Math.max(1, wrappedLines(vals, 40, 10)), 10));
    lrow++;
  }
  if (!result.divergences.length) {
    cl.text("A4", "没有分歧项目。", "text");
    lrow = 5;
  }
  const clSheet = cl.build({
    tabColor: "BF8F00",
    print: page(`A1:H${lrow - 1}`, "landscape", { fitToHeight: 1, titleRows: { first: 3, last: 3 } }),
    protect: true,
  });

  // ---------------------------------------------------------------------------------------------------------------
  // 公示名单: the advance list after the material stage, and the candidate list.
  const listSheet = (
    key: "advanceList" | "candidateList",
    name: string,
    what: string,
    pick: (a: ApplicantResult, g: CommitteeGroup) => boolean,
    columns: { header: string; width: number; put: (s: SheetBuilder, cell: string, a: ApplicantResult) => void }[],
    note: (g: CommitteeGroup) => string,
    // Only the lists the rules publicise carry a 公示 line, and only the approval each names (审批).
    footer: (g: CommitteeGroup) => { publicity: boolean; approval: string[] },
  ) => {
    const s = new SheetBuilder(key, name);
    const lastCol = colLetter(columns.length + 1);
    s.columns = [{ col: "A", width: 6 }, ...columns.map((c, i) => ({ col: colLetter(i + 2), width: c.width }))];
    let row = 1;
    const breaks: number[] = [];
    let count = 0;
    for (const g of groups) {
      if (row > 1) breaks.push(row);
      row = title(s, row, g, what, lastCol);
      s.text(ref("A", row), note(g), "note");
      s.merges.push(`A${row}:${lastCol}${row}`);
      // Wrapped to the printed width of the list (its columns), so that no line of the note is cut off.
      s.height(row, rowHeight(wrappedLines(note(g), 6 + columns.reduce((t, c) => t + c.width, 0), 9), 9));
      row++;
      s.text(ref("A", row), "序号", "header");
      columns.forEach((c, i) => s.text(ref(colLetter(i + 2), row), c.header, "header"));
      row++;
      const list = g.applicants.filter(({ a }) => pick(a, g));
      list.forEach(({ a }, k) => {
        s.value(ref("A", row), k + 1, "count");
        columns.forEach((c, i) => c.put(s, ref(colLetter(i + 2), row), a));
        row++;
        count++;
      });
      if (!list.length) {
        s.text(ref("B", row), "（无）", "text");
        row++;
      }
      row++;
      const f = footer(g);
      if (f.publicity) {
        for (const line of PUBLICITY_LINE) {
          s.text(ref("A", row), line, "userLine");
          s.merges.push(`A${row}:${lastCol}${row}`);
          row++;
        }
      }
      row =
        signatures(
          s,
          row + 1,
          [...f.approval, "质评办（盖章）：", "日期："],
          colLetter(columns.length),
          colLetter(columns.length + 1),
        ) + 1;
    }
    return {
      sheet: s.build({
        tabColor: "548235",
        print: page(`A1:${lastCol}${Math.max(1, row - 1)}`, "portrait"),
        pageBreaks: breaks,
        protect: true,
      }),
      count,
    };
  };
  const advance = listSheet(
    "advanceList",
    COMMITTEE_SHEET.advanceList,
    "进入现场评审名单（公示）",
    (a) => onAdvanceList(a),
    [
      {
        header: "申报者",
        width: 40,
        put: (s, cell, a) => s.text(cell, a.applicant, "userText"),
      },
      {
        header: "材料评审得分",
        width: 14,
        put: (s, cell, a) =>
          s.formula(cell, shownRef(a.applicant, "materialShown"), shownScore(a, "material"), "scoreText"),
      },
    ],
    (g) => `${g.rules.advance?.note ?? "材料评审后进入现场评审的申报者。"}名单按汇总时的结果列出；得分随“专家分”变化。`,
    // 河北 四（四）4–5: the list is approved by the committee's chair, then publicised (no fewer than 5 working days);
    // a rule set without an advance line has neither step in its text.
    (g) => ({ publicity: !!g.rules.advance, approval: g.rules.advance ? ["评审委员会主任（审批）："] : [] }),
  );
  const candidates = listSheet(
    "candidateList",
    COMMITTEE_SHEET.candidateList,
    "授奖候选名单",
    (a) => a.status === "candidate",
    [
      { header: "名次", width: 8, put: (s, cell, a) => s.formula(cell, rankRef(a.applicant), a.rank ?? "", "rank") },
      { header: "申报者", width: 40, put: (s, cell, a) => s.text(cell, a.applicant, "userText") },
      {
        header: "综合得分",
        width: 12,
        put: (s, cell, a) => s.formula(cell, shownRef(a.applicant, "finalShown"), shownScore(a, "final"), "finalText"),
      },
      {
        header: "结论",
        width: 10,
        put: (s, cell, a) => s.formula(cell, statusRef(a.applicant), STATUS_TEXT[a.status].zh, "statusText"),
      },
      {
        // Ties on the last place inside the limit: all are listed, and the committee decides (the tool does not).
        header: "备注",
        width: 24,
        put: (s, cell, a) => s.text(cell, a.notes.some((n) => n.code === "tie-at-limit") ? TIE_NOTE : "", "smallText"),
      },
    ],
    (g) =>
      `${g.rules.notes?.find((n) => n.includes("候选")) ?? "综合得分达到提名分数线者，按得分由高到低列入授奖候选名单。"}提请评审委员会审议表决，不公示。名单按汇总时的结果列出（快照）；“结论”随“汇总”变化，与名单不一致时请重新生成汇总表。${
        g.applicants.some(({ a }) => a.notes.some((n) => n.code === "tie-at-limit")) ? `末位并列：${TIE_NOTE}。` : ""
      }`,
    () => ({ publicity: false, approval: [] }),
  );

  // ---------------------------------------------------------------------------------------------------------------
  // 表决记录表: one block per rule set with a vote rule.
  const v = new SheetBuilder("vote", COMMITTEE_SHEET.vote);
  v.columns = [
    { col: "A", width: 6 },
    { col: "B", width: 34 },
    { col: "C", width: 11 },
    { col: "D", width: 8 },
    { col: "E", width: 8 },
    { col: "F", width: 8 },
    { col: "G", width: 20 },
    { col: "H", width: 6, hidden: true },
  ];
  const voteBlocks: VoteMap["blocks"] = [];
  const vBreaks: number[] = [];
  let vrow = 1;
  for (const g of groups) {
    const rule = g.rules.vote;
    if (!rule) continue;
    if (vrow > 1) vBreaks.push(vrow);
    vrow = title(v, vrow, g, "评审委员会表决记录表", "G");
    v.text(ref("A", vrow), `表决规则：${rule.text}`, "note");
    v.merges.push(`A${vrow}:G${vrow}`);
    v.height(vrow, 28);
    vrow += 2;
    const qn = rule.quorum.numerator;
    const qd = rule.quorum.denominator;
    const an = rule.approval.numerator;
    const ad = rule.approval.denominator;
    v.text(ref("B", vrow), "委员总数", "paramLabel");
    const members = ref("C", vrow);
    v.input(members, null, "inputCount");
    vrow++;
    v.text(ref("B", vrow), "出席人数", "paramLabel");
    const present = ref("C", vrow);
    v.input(present, null, "inputCount");
    vrow++;
    v.text(ref("B", vrow), "出席人数核查", "paramLabel");
    const quorum = ref("C", vrow);
    const M = abs("C", vrow - 2);
    const P = abs("C", vrow - 1);
    const quorumOk = `AND(${M}>0,${P}<=${M},${P}*${qd}>=${M}*${qn})`;
    v.formula(
      quorum,
      `IF(OR(${M}="",${P}=""),"",IF(${P}>${M},"出席人数多于委员总数，请核对",IF(${quorumOk},"符合（不少于 ${qn}/${qd}）","不足 ${qn}/${qd}，会议无效")))`,
      "",
      "result",
    );
    v.merges.push(`C${vrow}:G${vrow}`);
    for (const r of [vrow - 2, vrow - 1])
      v.validations.push({
        ref: ref("C", r),
        type: "whole",
        min: 0,
        max: 1000,
        allowBlank: true,
        error: { title: "人数无效", message: "请填写非负整数。" },
      });
    vrow += 2;
    ["序号", "候选者", "综合得分", "赞成", "反对", "弃权", "表决结果"].forEach((h, i) =>
      v.text(ref(colLetter(i + 1), vrow), h, "header"),
    );
    vrow++;
    const rows: { applicant: string; row: number }[] = [];
    const list = g.applicants.filter(({ a }) => a.status === "candidate");
    const first = vrow;
    list.forEach(({ a }, k) => {
      v.value(ref("A", vrow), k + 1, "count");
      v.text(ref("B", vrow), a.applicant, "userText");
      v.formula(ref("C", vrow), shownRef(a.applicant, "finalShown"), shownScore(a, "final"), "scoreText");
      for (const col of ["D", "E", "F"]) v.input(ref(col, vrow), null, "inputCount");
      const Y = ref("D", vrow);
      const N = ref("E", vrow);
      const A = ref("F", vrow);
      const approved = `AND(${P}>0,${Y}<=${P},${Y}*${ad}>=${P}*${an})`;
      v.formula(
        ref("G", vrow),
        `IF(OR(${M}="",${P}="",${Y}=""),"",IF(${P}>${M},"人数有误",IF(NOT(${quorumOk}),"会议无效",IF(${Y}+${numberOr0(N)}+${numberOr0(A)}>${P},"票数多于出席人数",IF(${approved},"通过","未通过")))))`,
        "",
        "result",
      );
      // Hidden: the passed candidate's place in the 授奖建议名单 (1, 2, … in the order of this record).
      v.formula(ref("H", vrow), `IF(G${vrow}="通过",COUNTIF($G$${first}:G${vrow},"通过"),"")`, "", "text");
      rows.push({ applicant: a.applicant, row: vrow });
      vrow++;
    });
    if (list.length) {
      v.validations.push({
        ref: `D${first}:F${vrow - 1}`,
        type: "whole",
        min: 0,
        max: 1000,
        allowBlank: true,
        error: { title: "票数无效", message: "请填写非负整数。" },
      });
      v.conditionalFormats.push(
        {
          ref: `G${first}:G${vrow - 1}`,
          formula: `G${first}="通过"`,
          fill: "C6EFCE",
          fontColor: "006100",
          priority: 1,
        },
        {
          ref: `G${first}:G${vrow - 1}`,
          formula: `G${first}="未通过"`,
          fill: "FFC7CE",
          fontColor: "9C0006",
          priority: 2,
        },
      );
    } else {
      v.text(ref("B", vrow), "（没有候选者）", "text");
      vrow++;
    }
    vrow++;
    vrow = signatures(v, vrow, ["主持人（评审委员会主任）：", "监票人：", "计票人：", "日期："], "B", "C") + 1;
    voteBlocks.push({
      ruleSet: g.rules.id,
      members,
      present,
      quorum,
      rows,
      columns: { yes: "D", no: "E", abstain: "F", result: "G" },
    });
  }
  if (!voteBlocks.length) v.text("A1", "（没有设定表决规则的奖项）", "note");
  const voteSheet = v.build({
    tabColor: "C00000",
    print: page(`A1:G${Math.max(1, vrow - 1)}`, "portrait"),
    pageBreaks: vBreaks,
    protect: true,
  });

  // ---------------------------------------------------------------------------------------------------------------
  // 授奖建议名单: after the vote (四、（七）2), the candidates the 表决记录表 passes, live from its result cells, with
  // the publicity period of 四、（八）1. Only for a rule set whose award defines a vote.
  const w = new SheetBuilder("awardList", COMMITTEE_SHEET.awardList);
  w.columns = [
    { col: "A", width: 6 },
    { col: "B", width: 40 },
    { col: "C", width: 14 },
  ];
  const awardBlocks: CommitteeMap["awardList"]["blocks"] = [];
  const wBreaks: number[] = [];
  let wrow = 1;
  for (const block of voteBlocks) {
    const g = groups.find((x) => x.rules.id === block.ruleSet)!;
    if (wrow > 1) wBreaks.push(wrow);
    wrow = title(w, wrow, g, "授奖建议名单", "C");
    const vs = quoteSheet(voteSheet.name);
    const span = (col: string) =>
      block.rows.length
        ? `${vs}!$${col}$${block.rows[0].row}:$${col}$${block.rows[block.rows.length - 1].row}`
        : `${vs}!$${col}$1:$${col}$1`;
    const note = `经评审委员会表决（${g.rules.vote!.text}）通过的授奖建议名单，按“表决记录表”的表决结果自动列出；表决结果填写或修改后随之变化。`;
    w.text(ref("A", wrow), note, "note");
    w.merges.push(`A${wrow}:C${wrow}`);
    w.height(wrow, rowHeight(wrappedLines(note, 60, 9), 9));
    wrow++;
    w.formula(ref("A", wrow), `"表决通过："&COUNTIF(${span("G")},"通过")&" 名"`, "表决通过：0 名", "userLine");
    w.merges.push(`A${wrow}:C${wrow}`);
    wrow++;
    ["序号", "申报者", "综合得分"].forEach((h, i) => w.text(ref(colLetter(i + 1), wrow), h, "header"));
    wrow++;
    const rows: number[] = [];
    for (let k = 1; k <= Math.max(1, block.rows.length); k++) {
      const at = `MATCH(${k},${span("H")},0)`;
      w.formula(ref("A", wrow), `IF(ISNUMBER(${at}),${k},"")`, "", "count");
      w.formula(ref("B", wrow), `IFERROR(INDEX(${span("B")},${at}),"")`, "", "userText");
      w.formula(ref("C", wrow), `IFERROR(INDEX(${span("C")},${at}),"")`, "", "scoreText");
      rows.push(wrow);
      wrow++;
    }
    wrow++;
    for (const line of PUBLICITY_LINE) {
      w.text(ref("A", wrow), line, "userLine");
      w.merges.push(`A${wrow}:C${wrow}`);
      wrow++;
    }
    wrow = signatures(w, wrow + 1, ["质评办（盖章）：", "日期："], "B", "C") + 1;
    awardBlocks.push({ ruleSet: block.ruleSet, rows, columns: { applicant: "B", score: "C" } });
  }
  if (!awardBlocks.length) w.text("A1", "（没有设定表决规则的奖项）", "note");
  const awardSheet = w.build({
    tabColor: "C00000",
    print: page(`A1:C${Math.max(1, wrow - 1)}`, "portrait"),
    pageBreaks: wBreaks,
    protect: true,
  });

  // ---------------------------------------------------------------------------------------------------------------
  // 评审专家评价表
  const e = new SheetBuilder("expertReview", COMMITTEE_SHEET.expertReview);
  e.columns = [
    { col: "A", width: 6 },
    { col: "B", width: 14 },
    { col: "C", width: 9 },
    { col: "D", width: 9 },
    { col: "E", width: 9 },
    { col: "F", width: 12 },
    { col: "G", width: 10 },
    { col: "H", width: 10 },
    { col: "I", width: 12 },
    { col: "J", width: 26 },
  ];
  e.text("A1", "评审专家评价表", "bigTitle");
  e.merges.push("A1:J1");
  e.height(1, 30);
  const enote =
    "平均偏差：专家总分与所在专家组平均分之差的平均（分）；z 值：在各专家组内的标准分的平均，仅作诊断参考（专家组得分按奖项规则合成）。分歧项目：该专家的评分为分歧项目中的最高或最低。分配数来自评审轮次的分配表（未提供时为“—”）。组长评价由评审专家组组长填写。";
  e.text("A2", enote, "note");
  e.merges.push("A2:J2");
  e.height(2, rowHeight(wrappedLines(enote, 110, 9), 9));
  [
    "序号",
    "评审专家",
    "分配",
    "交回计入",
    "专家组数",
    "平均偏差（分）",
    "z 值",
    "分歧项目",
    "组长评价",
    "说明",
  ].forEach((h, i) => e.text(ref(colLetter(i + 1), 3), h, "header"));
  e.height(3, 30);
  const stats = expertStats(result.used, result.divergences, nameKey);
  const assigned = new Map<string, number>();
  for (const a of input.assignments ?? []) assigned.set(nameKey(a.expert), (assigned.get(nameKey(a.expert)) ?? 0) + 1);
  const erows: { expert: string; row: number }[] = [];
  stats.forEach((st, k) => {
    const row = 4 + k;
    erows.push({ expert: st.expert, row });
    e.value(ref("A", row), k + 1, "count");
    e.text(ref("B", row), st.expert, "userText");
    const n = assigned.get(nameKey(st.expert));
    if (input.assignments) e.value(ref("C", row), n ?? 0, "count");
    else e.text(ref("C", row), "—", "text");
    e.value(ref("D", row), st.returned, "count");
    e.value(ref("E", row), st.panels, "count");
    e.value(ref("F", row), st.meanDeviation === null ? null : Number(st.meanDeviation.toFixed(2)), "decimal");
    e.value(ref("G", row), st.meanZ === null ? null : Number(st.meanZ.toFixed(2)), "decimal");
    e.value(ref("H", row), st.divergentItems, "count");
    e.input(ref("I", row), null, "inputChoice");
    e.input(ref("J", row), null, "longText");
  });
  const elast = 3 + Math.max(1, stats.length);
  if (stats.length)
    e.validations.push({
      ref: `I4:I${elast}`,
      type: "list",
      list: ["优秀", "良好", "合格", "不合格"],
      allowBlank: true,
      error: { title: "评价无效", message: "请选择优秀、良好、合格或不合格。" },
    });
  else e.text("B4", "（没有计入的评分表）", "text");
  const erow = signatures(e, elast + 2, ["评审专家组组长签名：", "日期："], "B", "D");
  const expertSheet = e.build({
    tabColor: "7030A0",
    print: page(`A1:J${erow - 1}`, "landscape", { titleRows: { first: 3, last: 3 } }),
    protect: true,
  });

  // ---------------------------------------------------------------------------------------------------------------
  // 报告数据 (very hidden): one row per fact, read back by `scorebook report`.
  const d = new SheetBuilder("reportData", COMMITTEE_SHEET.reportData);
  d.columns = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"].map((col) => ({ col, width: 16 }));
  // line: the threshold the value is compared with (live from 参数; blank: none), for the display rule.
  ["kind", "applicant", "stage", "code", "name", "value", "max", "extra", "more", "line"].forEach((h, i) =>
    d.text(ref(colLetter(i + 1), 1), h, "dataKey"),
  );
  let drow = 2;
  const put = (cells: (string | number | null | { f: string; r: string | number })[]) => {
    cells.forEach((c, i) => {
      const at = ref(colLetter(i + 1), drow);
      if (c !== null && typeof c === "object") d.formula(at, c.f, c.r, "dataKey");
      else if (c !== null) d.set(at, { value: c, style: typeof c === "string" ? "dataKey" : undefined });
    });
    drow++;
  };
  for (const g of groups) {
    const lineCell = (key: "final" | "advance", t: Exact | null) => {
      const at = ext(params.sheet, params.columns[g.rules.id], params.rows[key]);
      return { f: `IF(ISNUMBER(${at}),${at},"")`, r: t === null ? "" : r9(t) };
    };
    for (const { a, bundle } of g.applicants) {
      const r = bundle.rubric;
      put([
        "applicant",
        a.applicant,
        null,
        r.id,
        r.title.zh,
        { f: finalRef(a.applicant), r: r9(a.final) },
        { f: statusRef(a.applicant), r: STATUS_TEXT[a.status].zh },
        awardTitle(g.rules),
        g.rules.name.zh,
        lineCell("final", a.thresholds.final),
      ]);
      for (const stage of ["material", "onsite"] as StageId[]) {
        const st = a[stage];
        const bd = stageBreakdown(r, bundle.scale, st, result.used);
        if (!bd || st.score === null) continue;
        const method =
          st.method === "consensus"
            ? "合议"
            : st.method === "trimmed"
              ? "去掉最高分和最低分后平均"
              : st.method === "median"
                ? "中位数"
                : "平均分";
        put([
          "stage",
          a.applicant,
          stage,
          null,
          STAGE_NAME[stage],
          { f: stageRef(a.applicant, stage), r: r9(st.score) },
          r.totalPoints,
          method,
          st.experts.length,
          stage === "material" ? lineCell("advance", a.thresholds.advance) : null,
        ]);
        for (const c of bd.categories) put(["category", a.applicant, stage, c.code, c.name, r9(c.score), c.points]);
        for (const i of bd.items)
          put([
            "item",
            a.applicant,
            stage,
            i.code,
            i.name,
            i.band,
            i.points,
            i.score === null ? null : r9(i.score),
            i.value,
          ]);
      }
    }
  }
  const dataSheet = d.build({ visibility: "veryHidden", showGridLines: true, protect: true });

  const sheets: SheetLayout[] = [
    chartSheet,
    clSheet,
    advance.sheet,
    candidates.sheet,
    voteSheet,
    awardSheet,
    expertSheet,
  ];
  const map: CommitteeMap = {
    chart: { sheet: chartSheet.name, series },
    vote: { sheet: voteSheet.name, blocks: voteBlocks },
    reportData: { sheet: dataSheet.name },
    consensusList: { sheet: clSheet.name, rows: result.divergences.length },
    advanceList: { sheet: advance.sheet.name, rows: advance.count },
    candidateList: { sheet: candidates.sheet.name, rows: candidates.count },
    awardList: { sheet: awardSheet.name, blocks: awardBlocks },
    expertReview: { sheet: expertSheet.name, rows: erows },
  };
  return { sheets, dataSheet, map };
}

/** The engine's verdict for a vote block's row (tests compare the recalculated formulas with it). */
export function voteVerdict(
  rules: RuleSet,
  yes: number,
  no: number,
  abstain: number,
  present: number,
  members: number,
) {
  const v = committeeVote(rules, yes, present, members);
  if (!v) return "本奖项未规定表决规则";
  // An impossible count is named as such, not taken for a failed quorum.
  if (present > members) return "人数有误";
  if (!v.quorum) return "会议无效";
  if (yes + no + abstain > present) return "票数多于出席人数";
  return v.approved ? "通过" : "未通过";
}

/**
 * The printed head of one rule set's block on 汇总 (each block prints on a page of its own): the title with the award,
 * year and batch from 参数 (live), the rule set and the date, and the rule stated. Returns the block's header row.
 */
export function rankingHead(
  s: SheetBuilder,
  row: number,
  rules: RuleSet,
  params: ParametersMap,
  lastCol: string,
  head: { award: string; year: number; date: string; group?: string },
): number {
  const what = "评审结果汇总";
  s.formula(`A${row}`, titleFormula(params, rules.id, what), titleResult(head.award, head.year, what), "bigTitle");
  s.merges.push(`A${row}:${lastCol}${row}`);
  s.height(row, 30);
  s.text(`A${row + 1}`, `（${head.group ?? rules.name.zh}）\u3000\u3000汇总日期：${head.date}`, "subTitle");
  s.merges.push(`A${row + 1}:${lastCol}${row + 1}`);
  s.height(row + 1, 20);
  const rule = [
    rules.notes?.find((n) => n.includes("得分 =")) ?? "",
    rules.advance?.note ?? "",
    rules.vote ? `评审委员会表决：${rules.vote.text}` : "",
    // Every default the tool applies where the award's text is silent, printed as the secretariat's setting.
    secretariatSettingsText(rules) ?? "",
  ]
    .filter(Boolean)
    .join("");
  s.text(`A${row + 2}`, `规则：${rule || "综合得分按“参数”中的权重、分数线和名额计算。"}`, "note");
  s.merges.push(`A${row + 2}:${lastCol}${row + 2}`);
  s.height(row + 2, rowHeight(wrappedLines(rule, 150, 9), 9));
  return row + 3;
}

/** The secretariat's signature lines under a rule set's block on 汇总; returns the next free row. */
export function rankingFoot(s: SheetBuilder, row: number, lastCol: string): number {
  void lastCol;
  const labels: [string, string][] = [
    ["A", "质评办（盖章）："],
    ["E", "经办人："],
    ["I", "审核人："],
    ["L", "日期："],
  ];
  for (const [col, label] of labels) {
    s.text(`${col}${row}`, label, "signLabel");
    const next = String.fromCharCode(col.charCodeAt(0) + 1);
    s.text(`${next}${row}`, "", "signLine");
  }
  s.height(row, 30);
  return row + 2;
}
