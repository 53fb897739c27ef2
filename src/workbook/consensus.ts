// The consensus workbook (合议表) as data: one row per item with each expert's maturity (and band) side by side, the
// panel's mean, spread and divergence flag, and the group's agreed maturity (合议成熟度, validated like a scoring
// input), the reason, the group's strengths and opportunities, live subtotals and total, signature lines for the
// group leader (组长) and the members. Rendered by the same writers as the scoring workbook (src/xlsx/write.ts, and
// the task pane through WorkbookHost). Pure TypeScript.
import {
  allowedPercents,
  bandLabel,
  bandOf,
  diverge,
  DIVERGENCE_BANDS,
  parseMaturity,
  parsePoints,
  nameKey,
  formatScore,
  scoreSheet,
  toNumber,
  type EntryInput,
  type ReturnedSheet,
  type RubricBundle,
  type StageId,
} from "../core";
import { absolute, cellRef, colLetter, rangeRef } from "./a1";
import { shownFormula } from "./display";
import { rubricFingerprint } from "./fingerprint";
import {
  bandMins,
  canonicalFormula,
  maturityCheckFormula,
  maturityScoreFormula,
  maturityStateFormula,
  maturityValueFormula,
  pointsCheckFormula,
  pointsScoreFormula,
  pointsStateFormula,
  pointsValueFormula,
  spreadFormula,
  type RowCells,
} from "./formulas";
import { CHECK_TEXT, SHEET, STAGE_NAME } from "./labels";
import { cleanUserText, entryValue, GENERATOR, LayoutError, STYLES } from "./layout";
import { SheetBuilder } from "./sheet-builder";
import { hf, PAGE_NUMBERS, pageSetup } from "./sheets/common";
import { rowHeight, wrappedLines } from "./text";
import type { CellStyle, DefinedNameLayout, RenderableLayout, Scalar, SheetLayout } from "./types";

export const CONSENSUS_FORMAT = "scorebook.consensus-workbook";
export const CONSENSUS_LAYOUT_VERSION = "1";
export const CONSENSUS_SHEET = { consensus: "合议", meta: SHEET.meta } as const;

export interface ConsensusInitial {
  value?: Scalar;
  reason?: string;
  strengths?: string;
  opportunities?: string;
}

export interface ConsensusOptions {
  /** Divergence limit in percentage points (the summary's 参数 default: 20). */
  divergence?: number;
  createdAt: string;
  /** The group leader (组长): from the round's draw where there is one, or named by the secretariat. */
  leader?: string;
  /** Values already agreed (tests, re-rendering). */
  initial?: Record<string, ConsensusInitial>;
  password?: string;
}

/** Where everything is on the 合议 sheet (for the reader, tests and the task pane). */
export interface ConsensusMap {
  sheet: string;
  headerRow: number;
  firstItemRow: number;
  lastItemRow: number;
  columns: {
    code: string;
    category: string;
    name: string;
    points: string;
    /** Per expert: the input (maturity or points) and, for maturity rubrics, the band. */
    experts: { value: string; band?: string }[];
    mean: string;
    spread: string;
    divergent: string;
    input: string;
    band?: string;
    score: string;
    check: string;
    reason: string;
    strengths: string;
    opportunities: string;
    value: string;
    state: string;
    canonical: string;
  };
  items: { code: string; row: number }[];
  categories: { code: string; row: number }[];
  /** The total as a number (hidden value column; named Total). */
  total: string;
  /** The total as printed: text under the display rule, following the live value. */
  totalShown: string;
  /** 出席情况: the members present and absent, filled in at the meeting. */
  attendance: string;
  /** The group leader printed on the sheet (null: a line to fill in). */
  leader: string | null;
  missing: string;
  invalid: string;
  status: string;
}

export type ConsensusMetaKey =
  | "format"
  | "layoutVersion"
  | "rubricId"
  | "rubricFingerprint"
  | "award"
  | "scoring"
  | "applicant"
  | "stage"
  | "experts"
  | "createdAt"
  | "generator"
  | "itemCount";

export interface ConsensusLayout extends RenderableLayout {
  format: typeof CONSENSUS_FORMAT;
  rubricId: string;
  applicant: string;
  stage: StageId;
  experts: string[];
  map: ConsensusMap;
  metaRows: { key: ConsensusMetaKey; row: number }[];
}

const C = { missing: "FFF2CC", invalid: "FFC7CE", invalidText: "9C0006", warn: "FFEB9C" };
const thin = { top: "thin", bottom: "thin", left: "thin", right: "thin", color: "808080" } as const;

const EXTRA: Record<string, CellStyle> = {
  expertPercent: {
    font: { size: 10 },
    fill: "F5F5F5",
    border: thin,
    horizontal: "center",
    vertical: "top",
    numFmt: "0%",
  },
  expertPoints: {
    font: { size: 10 },
    fill: "F5F5F5",
    border: thin,
    horizontal: "center",
    vertical: "top",
    numFmt: "0.0",
  },
  expertBand: {
    font: { size: 9, color: "7F7F7F" },
    fill: "F5F5F5",
    border: thin,
    horizontal: "center",
    vertical: "top",
    numFmt: "0",
  },
  mean: { font: { size: 10 }, fill: "F5F5F5", border: thin, horizontal: "center", vertical: "top", numFmt: "0.0%" },
  meanPoints: {
    font: { size: 10 },
    fill: "F5F5F5",
    border: thin,
    horizontal: "center",
    vertical: "top",
    numFmt: "0.00",
  },
  spread: { font: { size: 10 }, fill: "F5F5F5", border: thin, horizontal: "center", vertical: "top", numFmt: "0.0" },
  flag: {
    font: { size: 10, bold: true, color: "9C0006" },
    fill: "F5F5F5",
    border: thin,
    horizontal: "center",
    vertical: "top",
  },
  headerUser: { ...STYLES.header, numFmt: "@" },
  memberName: { font: { size: 11 }, horizontal: "right", vertical: "bottom", numFmt: "@" },
  // The total as printed (text from the display rule's formula).
  totalScoreText: { ...STYLES.totalScore, numFmt: "General" },
};
for (const s of Object.values(EXTRA)) s.font = { ...s.font, name: "宋体" };
const CONSENSUS_STYLES: Record<string, CellStyle> = { ...STYLES, ...EXTRA };

/** Each text once, in the order first seen. */
function unique(texts: (string | undefined)[]): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of texts) {
    const s = (t ?? "").trim();
    if (s && !seen.has(s)) {
      seen.add(s);
      out.push(s);
    }
  }
  return out.join("\n");
}

/**
 * Builds the consensus workbook of one applicant and stage from the panel's returned sheets (all of one rubric).
 * Throws LayoutError when the sheets are not one applicant, stage and rubric, or an expert appears twice.
 */
export function buildConsensusLayout(
  bundle: RubricBundle,
  panel: readonly ReturnedSheet[],
  options: ConsensusOptions,
): ConsensusLayout {
  if (panel.length === 0) throw new LayoutError("没有专家评分表，无法生成合议表", "no expert workbooks");
  const r = bundle.rubric;
  const applicant = cleanUserText(panel[0].applicant);
  const stage = panel[0].stage;
  for (const p of panel) {
    if (p.rubricId !== r.id)
      throw new LayoutError(`${p.file}：评分标准为 ${p.rubricId}，不是 ${r.id}`, `${p.file}: rubric ${p.rubricId}`);
    if (cleanUserText(p.applicant) !== applicant || p.stage !== stage)
      throw new LayoutError(
        `${p.file}：申报者或评审阶段与其他评分表不同（合议表只针对一个申报者的一个阶段）`,
        `${p.file}: another applicant or stage`,
      );
  }
  const experts = panel.map((p) => cleanUserText(p.expert));
  if (new Set(experts).size !== experts.length)
    throw new LayoutError("同一位专家出现了两次", "the same expert appears twice");
  const maturity = r.scoring === "maturity";
  const step = maturity ? bundle.scale.step : (r.pointsStep ?? 0.5);
  const limit = options.divergence ?? 20;
  const initial = options.initial ?? {};
  const entries: Record<string, EntryInput> = {};
  for (const [code, e] of Object.entries(initial)) entries[code] = { value: entryValue(maturity, e.value ?? null) };
  const scored = scoreSheet(r, bundle.scale, entries);
  const info = { rules: bundle.rules, scale: bundle.scale, scoring: r.scoring };
  const divs = diverge(applicant, stage, [...panel], info, limit);
  const names: DefinedNameLayout[] = [];
  const stageName = STAGE_NAME[stage];
  const s = new SheetBuilder("consensus", CONSENSUS_SHEET.consensus);

  // Columns.
  let n = 0;
  const next = () => colLetter(++n);
  const cols = {
    code: next(),
    category: next(),
    name: next(),
    points: next(),
    experts: experts.map(() => ({ value: next(), band: maturity ? next() : undefined })),
    mean: next(),
    spread: next(),
    divergent: next(),
    input: next(),
    band: maturity ? next() : undefined,
    score: next(),
    check: next(),
    reason: next(),
    strengths: next(),
    opportunities: next(),
    value: next(),
    state: next(),
    canonical: next(),
  } satisfies ConsensusMap["columns"];
  const width: Record<string, number> = {
    [cols.code]: 5.5,
    [cols.category]: 9,
    [cols.name]: 12,
    [cols.points]: 5,
    [cols.mean]: 7,
    [cols.spread]: 6,
    [cols.divergent]: 5.5,
    [cols.input]: 8,
    [cols.score]: 7,
    [cols.check]: 9,
    [cols.reason]: 18,
    [cols.strengths]: 22,
    [cols.opportunities]: 22,
  };
  for (const e of cols.experts) {
    width[e.value] = 7;
    if (e.band) width[e.band] = 4.5;
  }
  if (cols.band) width[cols.band] = 4.5;
  const hidden = new Set([cols.value, cols.state, cols.canonical]);
  s.columns = Array.from({ length: n }, (_, i) => {
    const col = colLetter(i + 1);
    return { col, width: width[col] ?? 8, hidden: hidden.has(col) || undefined };
  });
  const lastVisible = cols.opportunities;

  // Title rows.
  s.text("A1", `${r.title.zh}\u3000合议评分表（${stageName}）`, "title");
  s.merge(`A1:${lastVisible}1`);
  s.height(1, 26);
  const leader = options.leader ? cleanUserText(options.leader) : null;
  const who = `${bundle.rules.applicant === "individual" ? "申报人" : "申报单位"}：${applicant}\u3000\u3000评审阶段：${stageName}\u3000\u3000专家组：${experts.join("、")}\u3000\u3000组长：${leader ?? "＿＿＿＿"}`;
  s.text("A2", who, "userLine");
  s.merge(`A2:${lastVisible}2`);
  s.height(2, 20);
  const how = maturity
    ? `填写说明：专家组逐条合议后，由组长在“合议成熟度”列填写一致意见（0%–100%，${step}% 的整数倍），并在“合议理由”列说明依据，尤其是与平均值相差较大或标为“分歧”的项目；“优势”“改进机会”已汇集各专家的意见（相同的只列一次），请合议后修改为专家组的意见。合议得分 = 分值 × 合议成熟度。分歧：各专家成熟度相差 ${DIVERGENCE_BANDS} 档及以上，或极差超过 ${limit} 个百分点。只有白底的单元格可以编辑。`
    : `填写说明：专家组逐条合议后，由组长在“合议得分”列填写一致意见（0 至该项分值，以 ${step} 分为步长），并在“合议理由”列说明依据；“优势”“改进机会”已汇集各专家的意见，请合议后修改。分歧：各专家得分的极差超过该项分值的 ${limit}%。只有白底的单元格可以编辑。`;
  s.text("A3", how, "note");
  s.merge(`A3:${lastVisible}3`);
  const visibleWidth = s.columns.filter((c) => !c.hidden).reduce((a, c) => a + c.width, 0);
  s.height(3, rowHeight(wrappedLines(how, visibleWidth, 9), 9));
  const headerRow = 4;
  const head = (col: string, t: string, style = "header") => s.text(cellRef(col, headerRow), t, style);
  head(cols.code, "编号");
  head(cols.category, "一级指标");
  head(cols.name, "评价项目");
  head(cols.points, "分值");
  experts.forEach((e, i) => {
    head(cols.experts[i].value, e, "headerUser");
    const b = cols.experts[i].band;
    if (b) head(b, "档次");
  });
  head(cols.mean, maturity ? "平均" : "平均分");
  head(cols.spread, "极差\n(百分点)");
  head(cols.divergent, "分歧");
  head(cols.input, maturity ? "合议\n成熟度" : "合议\n得分");
  if (cols.band) head(cols.band, "档次");
  head(cols.score, maturity ? "得分" : "计分");
  head(cols.check, "检查");
  head(cols.reason, "合议理由");
  head(cols.strengths, "优势（专家组）");
  head(cols.opportunities, "改进机会（专家组）");
  head(cols.value, "数值");
  head(cols.state, "状态");
  head(cols.canonical, "输入值");
  s.height(headerRow, 36);

  // Item rows.
  const first = headerRow + 1;
  const last = first + r.items.length - 1;
  const items: ConsensusMap["items"] = [];
  r.items.forEach((item, k) => {
    const row = first + k;
    items.push({ code: item.code, row });
    const at = (col: string) => cellRef(col, row);
    const c: RowCells = {
      points: at(cols.points),
      input: at(cols.input),
      value: at(cols.value),
      state: at(cols.state),
      canonical: at(cols.canonical),
    };
    const cat = r.categories.find((x) => x.code === item.category)!;
    s.text(at(cols.code), item.code, "code");
    s.text(at(cols.category), `${cat.code} ${cat.name}`, "text");
    s.text(at(cols.name), item.name, "text");
    s.set(at(cols.points), { value: item.points, style: "number" });
    const values: number[] = [];
    panel.forEach((p, i) => {
      const v = p.items.find((x) => x.code === item.code)?.value ?? null;
      if (v !== null) values.push(v);
      s.value(
        at(cols.experts[i].value),
        v === null ? null : maturity ? Number((v / 100).toFixed(9)) : v,
        maturity ? "expertPercent" : "expertPoints",
      );
      const b = cols.experts[i].band;
      if (b) {
        const band = v === null ? null : (bandOf(bundle.scale, v)?.band ?? null);
        s.value(at(b), band, "expertBand");
      }
    });
    const list = cols.experts.map((e) => at(e.value)).join(",");
    const bandList = cols.experts.map((e) => (e.band ? at(e.band) : "")).join(",");
    const avg = values.length ? values.reduce((a, x) => a + x, 0) / values.length : null;
    s.formula(
      at(cols.mean),
      `IF(COUNT(${list})=0,"",AVERAGE(${list}))`,
      avg === null ? "" : maturity ? Number((avg / 100).toFixed(9)) : Number(avg.toFixed(9)),
      maturity ? "mean" : "meanPoints",
    );
    const pct = values.map((v) => (maturity ? v : (v / item.points) * 100));
    const spread = pct.length >= 2 ? Number((Math.max(...pct) - Math.min(...pct)).toFixed(9)) : "";
    s.formula(at(cols.spread), spreadFormula(list, maturity ? null : at(cols.points)), spread, "spread");
    const bandsDiffer = maturity ? `MAX(${bandList})-MIN(${bandList})>=${DIVERGENCE_BANDS},` : "";
    s.formula(
      at(cols.divergent),
      `IF(COUNT(${list})<2,"",IF(OR(${bandsDiffer}${at(cols.spread)}>${limit}),"分歧",""))`,
      divs.some((d) => d.code === item.code) ? "分歧" : "",
      "flag",
    );
    const init = initial[item.code];
    const res = scored.items[k];
    s.input(at(cols.input), init?.value ?? null, maturity ? "inputPercent" : "inputPoints");
    s.formula(
      at(cols.value),
      maturity ? maturityValueFormula(c) : pointsValueFormula(c),
      valueResult(maturity, init?.value),
      "helper",
    );
    s.formula(
      at(cols.state),
      maturity ? maturityStateFormula(c, bundle.scale) : pointsStateFormula(c, step),
      res.status,
      "helper",
    );
    s.formula(at(cols.canonical), canonicalFormula(c, maturity), canonicalResult(maturity, init?.value), "helper");
    if (cols.band)
      s.formula(
        at(cols.band),
        `IF(${c.state}="ok",MATCH(${c.value},${bandMins(bundle.scale)},1),"")`,
        res.status === "ok" && res.value !== null ? (bandOf(bundle.scale, res.value)?.band ?? "") : "",
        "number",
      );
    s.formula(
      at(cols.score),
      maturity ? maturityScoreFormula(c, "native", bundle.scale.id) : pointsScoreFormula(c),
      res.score === null ? "" : toNumber(res.score),
      "score",
    );
    s.formula(
      at(cols.check),
      maturity ? maturityCheckFormula(c, "native", bundle.scale) : pointsCheckFormula(c, step),
      checkText(maturity, res.status, res.message?.code, step),
      "check",
    );
    s.input(at(cols.reason), init?.reason ?? null, "inputText");
    s.input(
      at(cols.strengths),
      init?.strengths ?? (unique(panel.map((p) => p.items.find((x) => x.code === item.code)?.strengths)) || null),
      "inputText",
    );
    s.input(
      at(cols.opportunities),
      init?.opportunities ??
        (unique(panel.map((p) => p.items.find((x) => x.code === item.code)?.opportunities)) || null),
      "inputText",
    );
    const longest = Math.max(
      2,
      wrappedLines(item.name, 12, 10),
      ...[cols.strengths, cols.opportunities].map((col) =>
        wrappedLines(String(s.cells.get(at(col))?.value ?? ""), 22, 9),
      ),
    );
    s.height(row, rowHeight(Math.min(longest, 12), 9));
  });

  // Validation and conditional formats over the input column.
  const block = (col: string) => rangeRef(col, first, col, last);
  if (maturity)
    s.validations.push({
      ref: block(cols.input),
      type: "list",
      list: allowedPercents(bundle.scale).map((v) => `${v}%`),
      allowBlank: true,
      error: { title: "成熟度无效", message: `合议成熟度只能是 0%–100% 中 ${step}% 的整数倍，请从下拉列表选择。` },
      prompt: {
        title: "合议成熟度",
        message: bundle.scale.bands.map((b) => `${b.band}档 ${bandLabel(b)}`).join("；"),
      },
    });
  else
    r.items.forEach((item, k) =>
      s.validations.push({
        ref: cellRef(cols.input, first + k),
        type: "decimal",
        min: 0,
        max: item.points,
        allowBlank: true,
        error: { title: "得分无效", message: `合议得分应为 0–${item.points} 分，以 ${step} 分为步长。` },
      }),
    );
  const st = `$${cols.state}${first}`;
  s.conditionalFormats.push(
    {
      ref: block(cols.input),
      formula: `${st}="invalid"`,
      fill: C.invalid,
      fontColor: C.invalidText,
      bold: true,
      priority: 1,
    },
    { ref: block(cols.input), formula: `${st}="missing"`, fill: C.missing, priority: 2 },
    { ref: block(cols.check), formula: `${st}="invalid"`, fill: C.invalid, priority: 3 },
    {
      ref: `${cols.code}${first}:${cols.divergent}${last}`,
      formula: `$${cols.divergent}${first}="分歧"`,
      fill: C.warn,
      priority: 4,
    },
  );
  const name = (nm: string, ref: string) =>
    names.push({ name: nm, sheet: CONSENSUS_SHEET.consensus, ref: absolute(ref) });
  name("Codes", block(cols.code));
  name("Points", block(cols.points));
  name("Consensus", block(cols.input));

  // Subtotals, total, counts, status.
  const abs = (col: string) => absolute(block(col));
  let row = last + 2;
  s.text(cellRef(cols.code, row), "汇总", "header");
  s.text(cellRef(cols.category, row), "一级指标", "header");
  s.merge(`${cols.category}${row}:${cols.name}${row}`, "header");
  s.text(cellRef(cols.points, row), "分值", "header");
  s.text(cellRef(cols.score, row), maturity ? "得分" : "计分", "header");
  s.height(row, 20);
  row++;
  const categories: ConsensusMap["categories"] = [];
  for (const cat of r.categories) {
    const label = `${cat.code} ${cat.name}`;
    const crit = `$${cols.category}${row}`;
    categories.push({ code: cat.code, row });
    s.text(cellRef(cols.code, row), "小计", "sumText");
    s.text(cellRef(cols.category, row), label, "sumText");
    s.merge(`${cols.category}${row}:${cols.name}${row}`, "sumText");
    s.formula(
      cellRef(cols.points, row),
      `SUMIF(${abs(cols.category)},${crit},${abs(cols.points)})`,
      cat.points,
      "sumNumber",
    );
    s.formula(
      cellRef(cols.score, row),
      `SUMIF(${abs(cols.category)},${crit},${abs(cols.score)})`,
      toNumber(scored.categories.find((x) => x.code === cat.code)!.score),
      "sumScore",
    );
    row++;
  }
  s.text(cellRef(cols.code, row), "总分", "totalLabel");
  s.text(cellRef(cols.category, row), "合计", "totalLabel");
  s.merge(`${cols.category}${row}:${cols.name}${row}`, "totalLabel");
  s.formula(cellRef(cols.points, row), `SUM(${abs(cols.points)})`, r.totalPoints, "totalNumber");
  // The number in the hidden value column (what is read and named Total); the score column prints it under the one
  // display rule, live: after the material review the total is compared with the advance line, so 499.9995 never
  // prints 500.00.
  const total = cellRef(cols.value, row);
  s.formula(total, `SUM(${abs(cols.score)})`, toNumber(scored.total), "helper");
  name("Total", total);
  const line = stage === "material" && bundle.rules.advance ? [String(bundle.rules.advance.min)] : [];
  const totalShown = cellRef(cols.score, row);
  s.formula(totalShown, shownFormula(total, line), formatScore(scored.total, line.map(Number)), "totalScoreText");
  s.height(row, 24);
  row++;
  const missing = cellRef(cols.score, row);
  s.text(cellRef(cols.category, row), "未合议项数", "sumText");
  s.merge(`${cols.category}${row}:${cols.points}${row}`, "sumText");
  s.formula(missing, `COUNTIF(${abs(cols.state)},"missing")`, scored.missing.length, "sumCount");
  row++;
  const invalid = cellRef(cols.score, row);
  s.text(cellRef(cols.category, row), "输入无效项数", "sumText");
  s.merge(`${cols.category}${row}:${cols.points}${row}`, "sumText");
  s.formula(invalid, `COUNTIF(${abs(cols.state)},"invalid")`, scored.invalid.length, "sumCount");
  s.conditionalFormats.push(
    { ref: missing, formula: `${absolute(missing)}>0`, fill: C.missing, priority: 5 },
    { ref: invalid, formula: `${absolute(invalid)}>0`, fill: C.invalid, fontColor: C.invalidText, priority: 6 },
  );
  row++;
  const status = cellRef(cols.category, row);
  s.text(cellRef(cols.code, row), "状态", "sumLabel");
  const nM = `COUNTIF(${abs(cols.state)},"missing")`;
  const nI = `COUNTIF(${abs(cols.state)},"invalid")`;
  s.formula(
    status,
    `IF(AND(${nM}=0,${nI}=0),"已完成：全部 ${r.items.length} 项已合议","未完成："&${nM}&" 项未合议，"&${nI}&" 项输入无效")`,
    scored.complete
      ? `已完成：全部 ${r.items.length} 项已合议`
      : `未完成：${scored.missing.length} 项未合议，${scored.invalid.length} 项输入无效`,
    "status",
  );
  s.merge(`${status}:${cols.score}${row}`, "status");
  s.height(row, 22);

  // Who was there (合议 is held by the group under its leader): the members present and absent, filled in at the
  // meeting; then the leader's and every member's signature.
  row += 2;
  const attendance = cellRef(cols.points, row);
  s.text(cellRef(cols.category, row), "出席情况：", "signLabel");
  s.merge(`${cols.category}${row}:${cols.name}${row}`);
  s.input(attendance, `应到 ${experts.length} 人，实到＿＿人；缺席成员及原因：`, "inputText");
  s.merge(`${attendance}:${lastVisible}${row}`, "inputText");
  s.height(row, 30);
  row += 2;
  const sign = (label: string, style = "signLabel") => {
    s.text(cellRef(cols.category, row), label, style);
    s.merge(`${cols.category}${row}:${cols.name}${row}`);
    s.text(cellRef(cols.points, row), "", "signLine");
    s.merge(`${cols.points}${row}:${cols.experts[0].band ?? cols.experts[0].value}${row}`, "signLine");
    s.height(row, 28);
    row++;
  };
  const isLeader = (e: string) => leader !== null && nameKey(e) === nameKey(leader);
  sign(leader ? `评审专家组组长 ${leader} 签名：` : "评审专家组组长签名：");
  experts.filter((e) => !isLeader(e)).forEach((e) => sign(`成员 ${e}：`, "memberName"));
  s.text(cellRef(cols.category, row), "日期：", "signLabel");
  s.merge(`${cols.category}${row}:${cols.name}${row}`);
  s.text(cellRef(cols.points, row), "", "signLine");
  s.merge(`${cols.points}${row}:${cols.experts[0].band ?? cols.experts[0].value}${row}`, "signLine");
  s.height(row, 28);
  const lastRow = row;

  const sheet = s.build({
    freeze: { rows: headerRow, columns: 0 },
    tabColor: "7030A0",
    print: pageSetup({
      orientation: "landscape",
      area: `A1:${lastVisible}${lastRow}`,
      titleRow: headerRow,
      header: { left: hf(r.title.zh, 60), right: hf(`${applicant} · ${stageName} · 合议`) },
      footer: { left: "组长签名：____________", center: PAGE_NUMBERS },
    }),
  });
  if (options.password && sheet.protection) sheet.protection.password = options.password;

  // Metadata (very hidden): what the reader and aggregate trace the consensus back to.
  const fingerprint = rubricFingerprint(bundle);
  const meta = new SheetBuilder("meta", CONSENSUS_SHEET.meta);
  meta.columns = [
    { col: "A", width: 20 },
    { col: "B", width: 80 },
  ];
  const values: [ConsensusMetaKey, string | number][] = [
    ["format", CONSENSUS_FORMAT],
    ["layoutVersion", CONSENSUS_LAYOUT_VERSION],
    ["rubricId", r.id],
    ["rubricFingerprint", fingerprint],
    ["award", bundle.award.id],
    ["scoring", r.scoring],
    ["applicant", applicant],
    ["stage", stage],
    ["experts", JSON.stringify(experts)],
    ["createdAt", options.createdAt],
    ["generator", GENERATOR],
    ["itemCount", r.items.length],
  ];
  const metaRows = values.map(([key, value], k) => {
    meta.text(cellRef("A", k + 1), key, "metaKey");
    meta.set(cellRef("B", k + 1), { value, style: typeof value === "number" ? undefined : "metaValue" });
    return { key, row: k + 1 };
  });
  const metaSheet: SheetLayout = meta.build({ visibility: "veryHidden", showGridLines: true });

  return {
    format: CONSENSUS_FORMAT,
    rubricId: r.id,
    applicant,
    stage,
    experts,
    properties: {
      title: `${r.title.zh} 合议表 — ${applicant}`,
      subject: `${stageName} · ${experts.join("、")}`,
      creator: GENERATOR,
      created: options.createdAt,
      keywords: `${r.id} ${CONSENSUS_FORMAT}`,
    },
    styles: CONSENSUS_STYLES,
    sheets: [sheet, metaSheet],
    names,
    map: {
      sheet: CONSENSUS_SHEET.consensus,
      headerRow,
      firstItemRow: first,
      lastItemRow: last,
      columns: cols,
      items,
      categories,
      total,
      totalShown,
      attendance,
      leader,
      missing,
      invalid,
      status,
    },
    metaRows,
  };
}

function valueResult(maturity: boolean, raw: Scalar | undefined): Scalar {
  const p = maturity ? parseMaturity(entryValue(true, raw ?? null)) : parsePoints(raw ?? null);
  if (p.kind === "missing") return "";
  if (p.kind === "invalid") return "#";
  return p.value;
}

function canonicalResult(maturity: boolean, raw: Scalar | undefined): Scalar {
  if (raw === null || raw === undefined || raw === "") return "";
  if (typeof raw === "number") return maturity ? `${Number((raw * 100).toFixed(6))}%` : raw;
  return typeof raw === "boolean" ? (raw ? "TRUE" : "FALSE") : raw;
}

function checkText(maturity: boolean, status: string, code: string | undefined, step: number): string {
  if (status === "ok") return "";
  if (status === "missing") return CHECK_TEXT.missing;
  if (code === "not-a-number") return maturity ? CHECK_TEXT.notNumber : CHECK_TEXT.pointsNotNumber;
  if (code === "out-of-range") return maturity ? CHECK_TEXT.outOfRange : CHECK_TEXT.pointsOutOfRange;
  return maturity ? CHECK_TEXT.notOnStep(step) : CHECK_TEXT.pointsNotOnStep(step);
}
