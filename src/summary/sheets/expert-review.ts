// 评审专家评价表: per expert, workbooks assigned (when the round's assignments are given) and counted, mean deviation
// from the panel and z-score (a diagnostic), divergent items, the group leader's rating; then per panel (applicant and
// stage) the diagnostics beside its score (src/core/panel-stats.ts): mean, trimmed mean, median and the experts'
// z-scores as live formulas over 专家分 (a what-if there moves them), and the agreement over the items (Kendall's W,
// computed from the returned workbooks).
import {
  expertStats,
  formatScore,
  formatStat,
  nameKey,
  type ApplicantResult,
  type Exact,
  type StageId,
} from "../../core";
import { STAGE_NAME } from "../../workbook/labels";
import { shownFormula } from "../formulas";
import { colLetter } from "../../workbook/a1";
import { SheetBuilder } from "../../workbook/sheet-builder";
import { rowHeight, wrappedLines } from "../../workbook/text";
import type { SheetLayout } from "../../workbook/types";
import { COMMITTEE_SHEET } from "../types";
import { ext, Pager, page, param, r9, ref, signatures } from "./shared";
import type { CommitteeContext } from "./context";

const HEADERS = [
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
];
const PANEL_HEADERS = [
  "序号",
  "申报者",
  "评审阶段",
  "专家人数",
  "专家组得分",
  "平均分",
  "去最高最低平均",
  "中位数",
  "一致性 W",
  "各专家 z 值",
];
/** Column widths: 110 units, which LibreOffice too prints at full size on A4 landscape (text stays at 10 pt). */
const WIDTHS = [6, 18, 9, 8, 9, 11, 9, 9, 11, 20];

export function expertReviewSheet(ctx: CommitteeContext): {
  sheet: SheetLayout;
  rows: { expert: string; row: number }[];
} {
  const { input, result } = ctx;
  const e = new SheetBuilder("expertReview", COMMITTEE_SHEET.expertReview);
  e.columns = [
    ...WIDTHS.map((width, i) => ({ col: colLetter(i + 1), width })),
    ...Object.values(HELPER).map((col) => ({ col, width: 10, hidden: true })),
  ];
  const pager = new Pager();
  const put = (row: number, height: number) => {
    e.height(row, height);
    pager.add(height);
  };
  e.text("A1", "评审专家评价表", "bigTitle");
  e.merges.push("A1:J1");
  put(1, 30);
  const enote =
    "平均偏差：专家总分与所在专家组平均分之差的平均（分）；z 值：在各专家组内的标准分（（总分 − 组内平均分）÷ 组内标准差）的平均，不足 3 人的专家组不计，仅作诊断参考（专家组得分按奖项规则合成）。分歧项目：该专家的评分为分歧项目中的最高或最低。分配数来自评审轮次的分配表（未提供时为“—”）。组长评价由评审专家组组长填写。";
  e.text("A2", enote, "note");
  e.merges.push("A2:J2");
  put(2, rowHeight(wrappedLines(enote, 108, 9), 9));
  const header = (row: number, texts: string[]) => {
    texts.forEach((h, i) => e.text(ref(colLetter(i + 1), row), h, "header"));
    put(row, 30);
  };
  header(3, HEADERS);
  const stats = expertStats(result.used, result.divergences, nameKey);
  const assigned = new Map<string, number>();
  for (const a of input.assignments ?? []) assigned.set(nameKey(a.expert), (assigned.get(nameKey(a.expert)) ?? 0) + 1);
  const erows: { expert: string; row: number }[] = [];
  let row = 4;
  stats.forEach((st, k) => {
    const h = rowHeight(wrappedLines(st.expert, WIDTHS[1], 10), 10);
    // The header row again at the top of every page of the table (the sheet holds two tables: no print titles).
    if (pager.full(h)) {
      pager.breakAt(row);
      header(row++, HEADERS);
    }
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
    put(row, h);
    row++;
  });
  for (const seg of segments(erows.map((r) => r.row)))
    e.validations.push({
      ref: `I${seg[0]}:I${seg[1]}`,
      type: "list",
      list: ["优秀", "良好", "合格", "不合格"],
      allowBlank: true,
      error: { title: "评价无效", message: "请选择优秀、良好、合格或不合格。" },
    });
  if (!stats.length) {
    e.text("B4", "（没有计入的评分表）", "text");
    put(4, 20);
    row = 5;
  }
  // The group leader signs the ratings, under them; then the panels' diagnostics.
  if (pager.full(20 + 2 * 28)) pager.breakAt(row + 1);
  else pager.add(20);
  const srow = signatures(e, row + 1, ["评审专家组组长签名：", "日期："], "B", "D");
  pager.add(2 * 28);
  const prow = panelBlock(ctx, e, srow + 1, pager, (r) => header(r, PANEL_HEADERS), put);
  const expertSheet = e.build({
    tabColor: "7030A0",
    print: page(`A1:J${prow - 1}`, "landscape"),
    pageBreaks: pager.breaks,
    protect: true,
  });
  return { sheet: expertSheet, rows: erows };
}

/** Runs of consecutive rows ([first, last]), for one validation per run. */
function segments(rows: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last && last[1] === r - 1) last[1] = r;
    else out.push([r, r]);
  }
  return out;
}

/** Hidden helper columns (outside the print area) holding the live numbers the shown texts of F–H format. */
const HELPER = { mean: "L", trimmed: "M", median: "N" } as const;
const TOO_FEW = "不足 3 人";
/** The minus sign of a z-score (U+2212, as printed). */
const MINUS = "\u2212";

/**
 * 专家组评分诊断: one row per panel counted, from `row`; returns the row after the block. Columns: 序号 | 申报者 |
 * 评审阶段 | 专家人数 | 专家组得分 | 平均分 | 去最高最低平均 | 中位数 | 一致性 W | 各专家 z 值.
 */
function panelBlock(
  ctx: CommitteeContext,
  e: SheetBuilder,
  row: number,
  pager: Pager,
  header: (row: number) => void,
  put: (row: number, height: number) => void,
): number {
  const { groups, params, input } = ctx;
  const panels = input.panels;
  const panelRow = new Map(panels.rows.map((r) => [`${r.applicant}\u0000${r.stage}`, r.row]));
  const how =
    "专家组得分按奖项规则合成（“参数”中的合成方法，或合议表的合议总分）；平均分、去掉最高分和最低分后的平均分、中位数和各专家的 z 值（（总分 − 组内平均分）÷ 组内标准差）仅作诊断参考，不改变得分和结论，随“专家分”中总分的修改重新计算；不足 3 人不去最高最低分、不计 z 值。" +
    "一致性 W 为肯德尔和谐系数（0–1，按各专家对各评价项目得分率的排序计算，并列已校正），由交回的评分表计算：0.7 以上一致性强，0.5–0.7 中等，0.3–0.5 较弱，0.3 以下很弱，宜在合议时逐项核对。";
  const howHeight = rowHeight(wrappedLines(how, 108, 9), 9);
  // The block's title, note, header and first row on one page.
  if (pager.full(22 + howHeight + 30 + 40)) pager.breakAt(row);
  e.text(ref("A", row), "专家组评分诊断", "blockTitle");
  e.merges.push(`A${row}:J${row}`);
  put(row++, 22);
  e.text(ref("A", row), how, "note");
  e.merges.push(`A${row}:J${row}`);
  put(row++, howHeight);
  header(row++);
  let n = 0;
  for (const g of groups)
    for (const { a } of g.applicants)
      for (const stage of ["material", "onsite"] as StageId[]) {
        const pr = panelRow.get(`${a.applicant}\u0000${stage}`);
        if (pr === undefined || a[stage].totals.length === 0) continue;
        n++;
        const shown = stage === "material" ? [param(params, g.rules.id, "advance")] : [];
        const h = panelRowHeight(a, stage);
        if (pager.full(h)) {
          pager.breakAt(row);
          header(row++);
        }
        put(row, h);
        panelRowCells(e, row, n, a, stage, {
          totals: panels.columns.totals.map((c) => ext(panels.sheet, c, pr)),
          names: panels.columns.experts.map((c) => ext(panels.sheet, c, pr)),
          score: ext(panels.sheet, panels.columns.score, pr),
          thresholds: shown,
          line: stage === "material" ? a.thresholds.advance : null,
        });
        row++;
      }
  if (n === 0) {
    e.text(ref("B", row), "（没有计入的评分表）", "text");
    row++;
  }
  return row;
}

function panelRowCells(
  e: SheetBuilder,
  row: number,
  n: number,
  a: ApplicantResult,
  stage: StageId,
  at: { totals: string[]; names: string[]; score: string; thresholds: string[]; line: Exact | null },
): void {
  const st = a[stage];
  const d = st.diagnostics;
  const show = (x: Exact | null) => (x === null ? "" : formatScore(x, [at.line]));
  const range = `${at.totals[0]}:${at.totals[at.totals.length - 1].replace(/^.*!/, "")}`;
  const count = `COUNT(${range})`;
  e.value(ref("A", row), n, "count");
  e.text(ref("B", row), a.applicant, "userText");
  e.text(ref("C", row), st.method === "consensus" ? `${STAGE_NAME[stage]}（合议）` : STAGE_NAME[stage], "text");
  e.formula(ref("D", row), count, st.totals.length, "count");
  e.formula(ref("E", row), shownFormula(at.score, at.thresholds), show(st.score), "scoreText");
  // The live numbers (hidden), then their text under the one display rule, with the same lines as the score.
  const h = (k: keyof typeof HELPER) => ref(HELPER[k], row);
  e.formula(h("mean"), `IF(${count}=0,"",ROUND(AVERAGE(${range}),9))`, r9(d.mean), "score");
  e.formula(
    h("trimmed"),
    `IF(${count}<3,${JSON.stringify(TOO_FEW)},ROUND((SUM(${range})-MAX(${range})-MIN(${range}))/(${count}-2),9))`,
    d.trimmed === null ? TOO_FEW : r9(d.trimmed),
    "score",
  );
  e.formula(h("median"), `IF(${count}=0,"",ROUND(MEDIAN(${range}),9))`, r9(d.median), "score");
  e.formula(ref("F", row), shownFormula(h("mean"), at.thresholds), show(d.mean), "scoreText");
  e.formula(
    ref("G", row),
    `IF(ISNUMBER(${h("trimmed")}),${shownFormula(h("trimmed"), at.thresholds)},${h("trimmed")})`,
    d.trimmed === null ? TOO_FEW : show(d.trimmed),
    "scoreText",
  );
  e.formula(ref("H", row), shownFormula(h("median"), at.thresholds), show(d.median), "scoreText");
  const w = wTextOf(a, stage);
  e.text(ref("I", row), w, "scoreText");
  // z: (total − mean) ÷ σ (population, STDEVP), for each expert with a total; the reason instead under 3 or σ = 0.
  const parts = at.totals.map(
    (t, i) =>
      `IF(ISNUMBER(${t}),CHAR(10)&${at.names[i]}&" "&SUBSTITUTE(TEXT(ROUND((${t}-AVERAGE(${range}))/STDEVP(${range}),2),"0.00"),"-",${JSON.stringify(MINUS)}),"")`,
  );
  const zText = zTextOf(a, stage);
  e.formula(
    ref("J", row),
    `IF(${count}<3,"不足 3 人，不计 z 值",IF(STDEVP(${range})=0,"各专家总分相同",MID(${parts.join("&")},2,1000)))`,
    zText,
    "userText",
  );
}

function zTextOf(a: ApplicantResult, stage: StageId): string {
  const st = a[stage];
  const d = st.diagnostics;
  return d.notes.z?.code === "stats-z-few"
    ? "不足 3 人，不计 z 值"
    : d.notes.z
      ? "各专家总分相同"
      : d.z.map((z, i) => `${st.experts[i]} ${formatStat(z).replace("-", MINUS)}`).join("\n");
}

function wTextOf(a: ApplicantResult, stage: StageId): string {
  const g = a[stage].diagnostics.agreement;
  return g.w !== null ? formatStat(g.w) : (g.note?.zh ?? "—");
}

/** A panel row as high as its wrapped applicant, z-scores and agreement note. */
function panelRowHeight(a: ApplicantResult, stage: StageId): number {
  const lines = Math.max(
    1,
    wrappedLines(a.applicant, WIDTHS[1], 10),
    wrappedLines(a[stage].method === "consensus" ? `${STAGE_NAME[stage]}（合议）` : STAGE_NAME[stage], WIDTHS[2], 10),
    wrappedLines(zTextOf(a, stage), WIDTHS[9], 10),
    wrappedLines(wTextOf(a, stage), WIDTHS[8], 10),
  );
  return rowHeight(lines, 10);
}
