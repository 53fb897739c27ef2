// The scoring workbook (评分表) as data, built once from a rubric: cover, scoring sheet, vetoes, bonus, guide and
// hidden metadata, with the engine's results as cached values. Renderers: src/xlsx/write.ts (ExcelJS → .xlsx) and
// the task pane (Office.js). Pure TypeScript: no ExcelJS, Office.js or file system here.
import {
  allowedPercents,
  bandLabel,
  parseMaturity,
  parsePoints,
  nameKey,
  scoreSheet,
  toNumber,
  type EntryInput,
  type ItemScore,
  type RawInput,
  type RubricBundle,
  type SheetScore,
} from "../core";
import { absolute, cellRef, colLetter, quoteSheet, rangeRef, sheetRef } from "./a1";
import { rubricFingerprint } from "./fingerprint";
import {
  maturityCheckFormula,
  maturityScoreFormula,
  maturityStateFormula,
  maturityValueFormula,
  canonicalFormula,
  pointsCheckFormula,
  pointsScoreFormula,
  pointsStateFormula,
  pointsValueFormula,
  quoteText,
  type RowCells,
} from "./formulas";
import { identitySeal } from "./consistency";
import { CHECK_TEXT, DECLARE_CONFLICT, DECLARE_NONE, FORMAT_ID, NO, SHEET, STAGE_NAME, YES } from "./labels";
import { SheetBuilder } from "./sheet-builder";
import { rowHeight, wrappedLines } from "./text";

/** An ideographic space (U+3000) separating fields on one line. */
const GAP = "\u3000\u3000";
import {
  LAYOUT_VERSION,
  type BonusMap,
  type CellLayout,
  type CellStyle,
  type CoverMap,
  type DefinedNameLayout,
  type FormulaMode,
  type InitialValues,
  type MetaKey,
  type MetaMap,
  type Scalar,
  type ScoringMap,
  type SheetLayout,
  type VetoMap,
  type WorkbookLayout,
  type WorkbookMeta,
} from "./types";

export const GENERATOR = "Scorebook 0.1.0";
const FONT = "宋体";

/** A layout cannot be built (bad meta or a rubric the layout cannot represent). */
export class LayoutError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(zh);
    this.name = "LayoutError";
  }
}

const C = {
  border: "808080",
  header: "DCE6F1",
  summary: "F2F2F2",
  total: "DCE6F1",
  missing: "FFF2CC",
  invalid: "FFC7CE",
  invalidText: "9C0006",
  grey: "7F7F7F",
  locked: "F5F5F5",
};

const thin = { top: "thin", bottom: "thin", left: "thin", right: "thin", color: C.border } as const;

export const STYLES: Record<string, CellStyle> = {
  title: { font: { bold: true, size: 14 }, horizontal: "left", vertical: "middle" },
  coverTitle: { font: { bold: true, size: 20 }, horizontal: "center", vertical: "middle" },
  coverSubtitle: { font: { bold: true, size: 16 }, horizontal: "center", vertical: "middle" },
  userLine: { font: { size: 11 }, horizontal: "left", vertical: "middle", numFmt: "@" },
  note: { font: { size: 9, color: C.grey }, horizontal: "left", vertical: "top", wrap: true },
  header: {
    font: { bold: true, size: 10 },
    fill: C.header,
    border: thin,
    horizontal: "center",
    vertical: "middle",
    wrap: true,
  },
  code: { font: { size: 10 }, fill: C.locked, border: thin, horizontal: "center", vertical: "top", numFmt: "@" },
  text: { font: { size: 10 }, fill: C.locked, border: thin, horizontal: "left", vertical: "top", wrap: true },
  smallText: { font: { size: 9 }, fill: C.locked, border: thin, horizontal: "left", vertical: "top", wrap: true },
  idText: {
    font: { size: 8, color: C.grey },
    fill: C.locked,
    border: thin,
    horizontal: "left",
    vertical: "top",
    wrap: true,
    numFmt: "@",
  },
  number: { font: { size: 10 }, fill: C.locked, border: thin, horizontal: "center", vertical: "top" },
  inputPercent: { font: { size: 11, bold: true }, border: thin, horizontal: "center", vertical: "top", numFmt: "0%" },
  inputPoints: { font: { size: 11, bold: true }, border: thin, horizontal: "center", vertical: "top", numFmt: "0.0" },
  inputBand: { font: { size: 10 }, border: thin, horizontal: "center", vertical: "top", numFmt: "General" },
  inputText: { font: { size: 9 }, border: thin, horizontal: "left", vertical: "top", wrap: true, numFmt: "@" },
  inputChoice: { font: { size: 11, bold: true }, border: thin, horizontal: "center", vertical: "middle", numFmt: "@" },
  inputDate: { font: { size: 11 }, border: thin, horizontal: "left", vertical: "middle", numFmt: "yyyy-mm-dd" },
  score: { font: { size: 10 }, fill: C.locked, border: thin, horizontal: "center", vertical: "top", numFmt: "0.00" },
  check: {
    font: { size: 9, color: C.invalidText },
    fill: C.locked,
    border: thin,
    horizontal: "left",
    vertical: "top",
    wrap: true,
  },
  helper: { font: { size: 8, color: C.grey } },
  sumLabel: { font: { bold: true, size: 10 }, fill: C.summary, border: thin, horizontal: "left", vertical: "middle" },
  sumText: { font: { size: 10 }, fill: C.summary, border: thin, horizontal: "left", vertical: "middle" },
  sumNumber: {
    font: { bold: true, size: 10 },
    fill: C.summary,
    border: thin,
    horizontal: "center",
    vertical: "middle",
  },
  sumScore: {
    font: { bold: true, size: 10 },
    fill: C.summary,
    border: thin,
    horizontal: "center",
    vertical: "middle",
    numFmt: "0.00",
  },
  sumCount: {
    font: { bold: true, size: 10 },
    fill: C.summary,
    border: thin,
    horizontal: "center",
    vertical: "middle",
    numFmt: "0",
  },
  totalLabel: { font: { bold: true, size: 12 }, fill: C.total, border: thin, horizontal: "left", vertical: "middle" },
  totalNumber: {
    font: { bold: true, size: 10 },
    fill: C.total,
    border: thin,
    horizontal: "center",
    vertical: "middle",
  },
  totalScore: {
    font: { bold: true, size: 12 },
    fill: C.total,
    border: thin,
    horizontal: "center",
    vertical: "middle",
    numFmt: "0.00",
  },
  status: { font: { bold: true, size: 10 }, border: thin, horizontal: "left", vertical: "middle", wrap: true },
  signLabel: { font: { size: 11 }, horizontal: "right", vertical: "bottom" },
  signLine: { font: { size: 11 }, border: { bottom: "thin", color: "000000" }, vertical: "bottom" },
  label: { font: { bold: true, size: 11 }, border: thin, fill: C.summary, horizontal: "left", vertical: "middle" },
  value: { font: { size: 11 }, border: thin, horizontal: "left", vertical: "middle", wrap: true },
  valueUser: { font: { size: 11 }, border: thin, horizontal: "left", vertical: "middle", wrap: true, numFmt: "@" },
  valueScore: { font: { bold: true, size: 12 }, border: thin, horizontal: "left", vertical: "middle", numFmt: "0.00" },
  section: { font: { bold: true, size: 12 }, horizontal: "left", vertical: "bottom" },
  paragraph: { font: { size: 10 }, horizontal: "left", vertical: "top", wrap: true },
  metaKey: { font: { size: 10 }, numFmt: "@" },
  metaValue: { font: { size: 10 }, numFmt: "@" },
};
for (const s of Object.values(STYLES)) s.font = { ...s.font, name: FONT };

/** Header/footer text: "&" is a code character there. */
function hf(s: string, max = 40): string {
  const t = s.length > max ? `${s.slice(0, max - 1)}…` : s;
  return t.replace(/&/g, "&&");
}

/**
 * Width of the scoring-points column. The visible columns add up to about 155 character units, so that an A4
 * landscape page (fit to one page wide) prints them at about 95 %: 9 pt scoring points stay legible on paper.
 */
const GUIDANCE_WIDTH = 54;

const MARGINS = { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.25, footer: 0.25 };

/** The literal text a user supplied, cleaned of control characters (tabs and newlines become spaces). */
export function cleanUserText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
}

interface Ctx {
  bundle: RubricBundle;
  meta: WorkbookMeta;
  initial: InitialValues;
  sheet: SheetScore;
  fingerprint: string;
  applicantLine: string;
  stageName: string;
  names: DefinedNameLayout[];
}

/** Builds the whole workbook layout for a rubric. Throws LayoutError on empty names or an unusable rubric. */
export interface LayoutOptions {
  /** Sheet protection password (none by default: the reviewer can unprotect, and `score` catches any tampering). */
  password?: string;
}

export function buildLayout(
  bundle: RubricBundle,
  meta: WorkbookMeta,
  initial: InitialValues = {},
  options: LayoutOptions = {},
): WorkbookLayout {
  const applicant = cleanUserText(meta.applicant);
  const expert = cleanUserText(meta.expert);
  // A name of only spaces, zero-width or bidi characters is empty too (it could not be told apart from another).
  if (!nameKey(applicant)) throw new LayoutError("申报者名称不能为空", "the applicant name is empty");
  if (!nameKey(expert)) throw new LayoutError("评审专家姓名不能为空", "the expert name is empty");
  if (meta.stage !== "material" && meta.stage !== "onsite")
    throw new LayoutError(
      `评审阶段“${String(meta.stage)}”无效（应为 material 或 onsite）`,
      `stage "${String(meta.stage)}" is not material or onsite`,
    );
  if (meta.mode !== "custom" && meta.mode !== "native")
    throw new LayoutError(
      `公式模式“${String(meta.mode)}”无效（应为 custom 或 native）`,
      `formula mode "${String(meta.mode)}" is not custom or native`,
    );
  checkRubricShape(bundle);
  const m: WorkbookMeta = { ...meta, applicant, expert };
  const entries: Record<string, EntryInput> = {};
  const maturity = bundle.rubric.scoring === "maturity";
  for (const [code, e] of Object.entries(initial.entries ?? {}))
    entries[code] = { value: entryValue(maturity, e.value as RawInput), band: e.band as RawInput };
  const ctx: Ctx = {
    bundle,
    meta: m,
    initial,
    sheet: scoreSheet(bundle.rubric, bundle.scale, entries),
    fingerprint: rubricFingerprint(bundle),
    applicantLine: `${applicantLabel(bundle)}：${applicant}${GAP}评审专家：${expert}${GAP}评审阶段：${STAGE_NAME[meta.stage]}`,
    stageName: STAGE_NAME[meta.stage],
    names: [],
  };
  const scoring = scoringSheet(ctx);
  const vetoes = vetoSheet(ctx);
  const bonus = bonusSheet(ctx);
  const cover = coverSheet(ctx, scoring.map, vetoes.map);
  const guide = guideSheet(ctx);
  const metaSheet = metadataSheet(ctx);
  const sheets = [cover.sheet, scoring.sheet, vetoes.sheet, ...(bonus ? [bonus.sheet] : []), guide, metaSheet.sheet];
  if (options.password) for (const s of sheets) if (s.protection) s.protection.password = options.password;
  const r = bundle.rubric;
  return {
    layoutVersion: LAYOUT_VERSION,
    rubricId: r.id,
    fingerprint: ctx.fingerprint,
    meta: m,
    properties: {
      title: `${r.title.zh} 评分表 — ${applicant}`,
      subject: `${STAGE_NAME[meta.stage]} · ${expert}`,
      creator: GENERATOR,
      created: meta.createdAt,
      keywords: `${r.id} ${FORMAT_ID}`,
    },
    styles: STYLES,
    sheets,
    names: ctx.names,
    map: { cover: cover.map, scoring: scoring.map, vetoes: vetoes.map, bonus: bonus?.map ?? null, meta: metaSheet.map },
  };
}

function applicantLabel(b: RubricBundle): string {
  return b.rules.applicant === "individual" ? "申报人" : "申报单位";
}

/** Category labels are SUMIF criteria: they must not contain wildcards or start with a comparison operator. */
function categoryLabel(code: string, name: string): string {
  return `${code} ${name}`;
}

function checkRubricShape(b: RubricBundle): void {
  const r = b.rubric;
  const seen = new Set<string>();
  let prev: string | null = null;
  for (const i of r.items) {
    if (i.category !== prev) {
      if (seen.has(i.category))
        throw new LayoutError(
          `评分标准 ${r.id} 的评价项目未按一级指标连续排列（${i.code}）`,
          `rubric ${r.id}: items of a category are not contiguous (${i.code})`,
        );
      seen.add(i.category);
      prev = i.category;
    }
  }
  for (const c of r.categories) {
    const label = categoryLabel(c.code, c.name);
    if (/[*?~]/.test(label) || /^[<>=]/.test(label))
      throw new LayoutError(
        `一级指标“${label}”含有通配符或比较符，无法用作汇总条件`,
        `category "${label}" contains a wildcard or operator`,
      );
  }
  if (r.scoring === "maturity") {
    const bands = [...b.scale.bands].sort((x, y) => x.min - y.min);
    bands.forEach((band, i) => {
      if (band.band !== i + 1)
        throw new LayoutError(
          `评分指南 ${b.scale.id} 的档次编号不连续`,
          `scale ${b.scale.id}: band numbers are not 1..n in order`,
        );
    });
    if (allowedPercents(b.scale).join(",").length + 2 * allowedPercents(b.scale).length > 255)
      throw new LayoutError(
        `评分指南 ${b.scale.id} 的允许值过多，无法放入下拉列表`,
        `scale ${b.scale.id}: too many allowed values for a drop-down list`,
      );
  }
}

function guidanceText(b: RubricBundle, code: string): string {
  const item = b.rubric.items.find((i) => i.code === code)!;
  const lines = [...item.guidance];
  for (const s of item.subitems ?? []) {
    lines.push(s.guidance.length ? `${s.code} ${s.name}` : `${s.code} ${s.name}`);
    lines.push(...s.guidance);
  }
  return lines.join("\n");
}

/**
 * What the engine is given for a cell of the input column. A maturity cell is formatted as a percentage, so a number
 * in it is a fraction (1.05 shows as 105 %): it is passed as "105%", so that the message says 105 %, not 1.05 %.
 * Text is passed as typed (the engine reads "45", "45%", "0.45" alike). Points cells are passed as they are.
 */
export function entryValue(maturity: boolean, raw: RawInput): RawInput {
  if (!maturity || typeof raw !== "number" || !Number.isFinite(raw)) return raw;
  return `${Number((raw * 100).toFixed(6))}%`;
}

function num(x: ItemScore["score"]): number | "" {
  return x === null ? "" : toNumber(x);
}

/** The cached value of the hidden "value" helper: what the native formula gives for the input. */
function valueResult(maturity: boolean, raw: RawInput): Scalar {
  const p = maturity ? parseMaturity(entryValue(true, raw)) : parsePoints(raw);
  if (p.kind === "missing") return "";
  if (p.kind === "invalid") return "#";
  return p.value;
}

/** The cached value of the hidden "canonical" helper (see canonicalFormula). */
function canonicalResult(maturity: boolean, raw: RawInput): Scalar {
  if (raw === null || raw === undefined || raw === "") return "";
  if (typeof raw === "number") return maturity ? `${Number((raw * 100).toFixed(6))}%` : raw;
  return typeof raw === "boolean" ? (raw ? "TRUE" : "FALSE") : raw;
}

function checkResult(
  maturity: boolean,
  item: ItemScore,
  step: number,
  mode: FormulaMode,
  message: string | null,
): string {
  if (mode === "custom" && maturity && item.status === "invalid" && message) return message;
  if (item.status === "ok") return "";
  if (item.status === "missing") return CHECK_TEXT.missing;
  const code = item.message?.code;
  if (maturity) {
    if (code === "not-a-number") return CHECK_TEXT.notNumber;
    if (code === "out-of-range") return CHECK_TEXT.outOfRange;
    if (code === "not-on-step") return CHECK_TEXT.notOnStep(step);
    return CHECK_TEXT.notInBand;
  }
  if (code === "not-a-number") return CHECK_TEXT.pointsNotNumber;
  if (code === "out-of-range") return CHECK_TEXT.pointsOutOfRange;
  return CHECK_TEXT.pointsNotOnStep(step);
}

// ---------------------------------------------------------------------------------------------------------------
// 评分: one contiguous block of item rows, then the summary block (subtotals, total, counts, status, signature).

function scoringSheet(ctx: Ctx): { sheet: SheetLayout; map: ScoringMap } {
  const { bundle, meta, sheet: scored } = ctx;
  const r = bundle.rubric;
  const maturity = r.scoring === "maturity";
  const step = maturity ? bundle.scale.step : (r.pointsStep ?? 0.5);
  const s = new SheetBuilder("scoring", SHEET.scoring);

  // Columns.
  const spec: { key: keyof ScoringMap["columns"]; header: string; width: number; hidden?: boolean }[] = [
    { key: "code", header: "编号", width: 5.5 },
    { key: "category", header: "一级指标", width: 9 },
    { key: "name", header: "评价项目", width: 12 },
    { key: "points", header: "分值", width: 6 },
    { key: "guidance", header: maturity ? "评分要点" : "评价内容", width: GUIDANCE_WIDTH },
    ...(maturity ? [{ key: "band" as const, header: "档次\n(可选)", width: 6 }] : []),
    { key: "input", header: maturity ? "成熟度" : "得分", width: 8 },
    { key: "score", header: maturity ? "得分" : "计分", width: 7.5 },
    { key: "check", header: "检查", width: 10 },
    { key: "strengths", header: "优势", width: maturity ? 21 : 24 },
    { key: "opportunities", header: "改进机会", width: maturity ? 21 : 24 },
    { key: "value", header: "数值", width: 8, hidden: true },
    { key: "state", header: "状态", width: 8, hidden: true },
    { key: "canonical", header: "输入值", width: 8, hidden: true },
  ];
  const cols = {} as ScoringMap["columns"];
  spec.forEach((c, i) => (cols[c.key] = colLetter(i + 1)));
  s.columns = spec.map((c, i) => ({ col: colLetter(i + 1), width: c.width, hidden: c.hidden }));
  const lastVisible = cols.opportunities;

  // Title rows.
  s.text("A1", `${r.title.zh}\u3000评分表（${ctx.stageName}）`, "title");
  s.merge(`A1:${lastVisible}1`);
  s.height(1, 26);
  s.text("A2", ctx.applicantLine, "userLine");
  s.merge(`A2:${lastVisible}2`);
  s.height(2, 20);
  const how = maturity
    ? `填写说明：在“成熟度”列从下拉列表选择 0%–100%（${step}% 的整数倍），得分 = 分值 × 成熟度；“档次”列可选填，填写后须与成熟度一致。各档次的评分说明见“${SHEET.guide}”工作表。黄色：尚未评分；红色：输入无效（见“检查”列）。只有白底的输入列可以编辑。`
    : `填写说明：在“得分”列直接填写分数，0 至该项分值，以 ${step} 分为步长。黄色：尚未评分；红色：输入无效（见“检查”列）。只有白底的输入列可以编辑。`;
  s.text("A3", how, "note");
  s.merge(`A3:${lastVisible}3`);
  s.height(
    3,
    rowHeight(
      wrappedLines(
        how,
        spec.filter((c) => !c.hidden).reduce((a, c) => a + c.width, 0),
        9,
      ),
      9,
    ),
  );
  const headerRow = 4;
  spec.forEach((c, i) => s.text(cellRef(colLetter(i + 1), headerRow), c.header, "header"));
  s.height(headerRow, 30);

  // Item rows.
  const first = headerRow + 1;
  const last = first + r.items.length - 1;
  const items: ScoringMap["items"] = [];
  const entriesIn = ctx.initial.entries ?? {};
  r.items.forEach((item, k) => {
    const row = first + k;
    items.push({ code: item.code, row });
    const res = scored.items[k];
    const at = (col: string) => cellRef(col, row);
    const c: RowCells = {
      points: at(cols.points),
      input: at(cols.input),
      band: cols.band && at(cols.band),
      value: at(cols.value),
      state: at(cols.state),
      canonical: at(cols.canonical),
    };
    const init = entriesIn[item.code];
    s.text(at(cols.code), item.code, "code");
    s.text(
      at(cols.category),
      categoryLabel(item.category, r.categories.find((x) => x.code === item.category)!.name),
      "text",
    );
    s.text(at(cols.name), item.name, "text");
    s.set(at(cols.points), { value: item.points, style: "number" });
    const guidance = guidanceText(bundle, item.code);
    s.text(at(cols.guidance), guidance, "smallText");
    if (cols.band) s.input(at(cols.band), init?.band ?? null, "inputBand");
    s.input(at(cols.input), init?.value ?? null, maturity ? "inputPercent" : "inputPoints");
    s.formula(
      at(cols.value),
      maturity ? maturityValueFormula(c) : pointsValueFormula(c),
      valueResult(maturity, init?.value as RawInput),
      "helper",
    );
    s.formula(
      at(cols.state),
      maturity ? maturityStateFormula(c, bundle.scale) : pointsStateFormula(c, step),
      res.status,
      "helper",
    );
    s.formula(
      at(cols.canonical),
      canonicalFormula(c, maturity),
      canonicalResult(maturity, init?.value as RawInput),
      "helper",
    );
    s.formula(
      at(cols.score),
      maturity ? maturityScoreFormula(c, meta.mode, bundle.scale.id) : pointsScoreFormula(c),
      num(res.score),
      "score",
    );
    s.formula(
      at(cols.check),
      maturity ? maturityCheckFormula(c, meta.mode, bundle.scale) : pointsCheckFormula(c, step),
      checkResult(maturity, res, step, meta.mode, res.message?.zh ?? null),
      "check",
    );
    s.input(at(cols.strengths), init?.strengths ?? null, "inputText");
    s.input(at(cols.opportunities), init?.opportunities ?? null, "inputText");
    const lines = Math.max(2, wrappedLines(guidance, GUIDANCE_WIDTH, 9), wrappedLines(item.name, 12, 10) * (10 / 9));
    s.height(row, rowHeight(Math.ceil(lines), 9));
  });

  // Validation, conditional formats, defined names over the item block.
  const block = (col: string) => rangeRef(col, first, col, last);
  if (maturity) {
    const bands = bundle.scale.bands.map((b) => `${b.band}档 ${bandLabel(b)}`).join("；");
    // One validation per run of rows of the same kind, so the prompt can point at the right guide table.
    let runStart = 0;
    for (let k = 1; k <= r.items.length; k++) {
      if (k < r.items.length && r.items[k].kind === r.items[runStart].kind) continue;
      const kind = r.items[runStart].kind === "process" ? "过程" : "结果";
      s.validations.push({
        ref: rangeRef(cols.input, first + runStart, cols.input, first + k - 1),
        type: "list",
        list: allowedPercents(bundle.scale).map((v) => `${v}%`),
        allowBlank: true,
        error: {
          title: "成熟度无效",
          message: `成熟度只能是 0%–100% 中 ${step}% 的整数倍，请从下拉列表选择（如 45%）。`,
        },
        prompt: {
          title: `成熟度（${kind}类）`,
          message: `${bands}。得分 = 分值 × 成熟度。档次说明见“${SHEET.guide}”的“${kind}”表。`,
        },
      });
      runStart = k;
    }
    s.validations.push({
      ref: block(cols.band!),
      type: "list",
      list: bundle.scale.bands.map((b) => String(b.band)),
      allowBlank: true,
      error: { title: "档次无效", message: `档次为 1–${bundle.scale.bands.length}，可不填；填写时须与成熟度一致。` },
      prompt: {
        title: "档次（可选）",
        message: bundle.scale.bands.map((b) => `${b.band}：${bandLabel(b)}`).join("；"),
      },
    });
  } else {
    r.items.forEach((item, k) =>
      s.validations.push({
        ref: cellRef(cols.input, first + k),
        type: "decimal",
        min: 0,
        max: item.points,
        allowBlank: true,
        error: { title: "得分无效", message: `得分应为 0–${item.points} 分，以 ${step} 分为步长。` },
        prompt: { title: "得分", message: `本项分值 ${item.points} 分：填写 0–${item.points}，步长 ${step} 分。` },
      }),
    );
  }
  const st = (row: number) => `$${cols.state}${row}`;
  const inputs = block(cols.input);
  s.conditionalFormats.push({
    ref: inputs,
    formula: `${st(first)}="invalid"`,
    fill: C.invalid,
    fontColor: C.invalidText,
    bold: true,
    priority: 1,
  });
  s.conditionalFormats.push({ ref: inputs, formula: `${st(first)}="missing"`, fill: C.missing, priority: 2 });
  if (cols.band)
    s.conditionalFormats.push({
      ref: block(cols.band),
      formula: `${st(first)}="invalid"`,
      fill: C.invalid,
      priority: 3,
    });
  s.conditionalFormats.push({
    ref: block(cols.check),
    formula: `${st(first)}="invalid"`,
    fill: C.invalid,
    priority: 4,
  });

  const name = (n: string, ref: string) => ctx.names.push({ name: n, sheet: SHEET.scoring, ref: absolute(ref) });
  name("Codes", block(cols.code));
  name("Points", block(cols.points));
  name(maturity ? "Maturity" : "Awarded", inputs);
  name("Scores", block(cols.score));

  // Summary block: A label | category..name: what | points | guidance..input: progress | score.
  const abs = (col: string) => absolute(block(col));
  const wide = (row: number, style: string) => s.merge(`${cols.guidance}${row}:${cols.input}${row}`, style);
  let row = last + 2;
  s.text(cellRef("A", row), "汇总", "header");
  s.text(cellRef(cols.category, row), "一级指标", "header");
  s.merge(`${cols.category}${row}:${cols.name}${row}`, "header");
  s.text(cellRef(cols.points, row), "分值", "header");
  s.text(cellRef(cols.guidance, row), "完成情况", "header");
  wide(row, "header");
  s.text(cellRef(cols.score, row), maturity ? "得分" : "计分", "header");
  s.height(row, 20);
  row++;
  const categories: ScoringMap["categories"] = [];
  const isOk = scored.items.map((i) => i.status === "ok");
  for (const cat of r.categories) {
    const label = categoryLabel(cat.code, cat.name);
    const idx = r.items.map((i, k) => (i.category === cat.code ? k : -1)).filter((k) => k >= 0);
    const crit = `$${cols.category}${row}`;
    categories.push({ code: cat.code, label, row });
    s.text(cellRef("A", row), "小计", "sumText");
    s.text(cellRef(cols.category, row), label, "sumText");
    s.merge(`${cols.category}${row}:${cols.name}${row}`, "sumText");
    s.formula(
      cellRef(cols.points, row),
      `SUMIF(${abs(cols.category)},${crit},${abs(cols.points)})`,
      cat.points,
      "sumNumber",
    );
    const okCount = idx.filter((k) => isOk[k]).length;
    s.formula(
      cellRef(cols.guidance, row),
      `"已评 "&COUNTIFS(${abs(cols.category)},${crit},${abs(cols.state)},"ok")&" / "&COUNTIF(${abs(cols.category)},${crit})&" 项"`,
      `已评 ${okCount} / ${idx.length} 项`,
      "sumText",
    );
    wide(row, "sumText");
    const catScore = toNumber(scored.categories.find((x) => x.code === cat.code)!.score);
    const subRange = (col: string) => absolute(rangeRef(col, first + idx[0], col, first + idx[idx.length - 1]));
    const subtotal =
      maturity && meta.mode === "custom"
        ? `QA.SUBTOTAL(${subRange(cols.points)},${subRange(cols.canonical)},${quoteText(bundle.scale.id)})`
        : `SUMIF(${abs(cols.category)},${crit},${abs(cols.score)})`;
    s.formula(cellRef(cols.score, row), subtotal, catScore, "sumScore");
    s.height(row, 18);
    row++;
  }
  const totalRow = row;
  s.text(cellRef("A", row), "总分", "totalLabel");
  s.text(cellRef(cols.category, row), "合计", "totalLabel");
  s.merge(`${cols.category}${row}:${cols.name}${row}`, "totalLabel");
  s.formula(cellRef(cols.points, row), `SUM(${abs(cols.points)})`, r.totalPoints, "totalNumber");
  s.formula(
    cellRef(cols.guidance, row),
    `"已评 "&COUNTIF(${abs(cols.state)},"ok")&" / ${r.items.length} 项"`,
    `已评 ${scored.scored} / ${r.items.length} 项`,
    "totalLabel",
  );
  wide(row, "totalLabel");
  const total = cellRef(cols.score, row);
  s.formula(
    total,
    maturity && meta.mode === "custom"
      ? `QA.SUBTOTAL(${abs(cols.points)},${abs(cols.canonical)},${quoteText(bundle.scale.id)})`
      : `SUM(${abs(cols.score)})`,
    toNumber(scored.total),
    "totalScore",
  );
  s.height(row, 24);
  ctx.names.push({ name: "Total", sheet: SHEET.scoring, ref: absolute(total) });
  row++;
  const countRow = (label: string, ref: string, formula: string, result: number) => {
    s.text(cellRef("A", row), "", "sumText");
    s.text(cellRef(cols.category, row), label, "sumText");
    s.merge(`${cols.category}${row}:${cols.input}${row}`, "sumText");
    s.formula(ref, formula, result, "sumCount");
    s.height(row, 18);
    row++;
  };
  const missing = cellRef(cols.score, row);
  countRow(
    "未评分项数",
    missing,
    maturity && meta.mode === "custom" ? `QA.MISSING(${abs(cols.canonical)})` : `COUNTIF(${abs(cols.state)},"missing")`,
    scored.missing.length,
  );
  const invalid = cellRef(cols.score, row);
  countRow("输入无效项数", invalid, `COUNTIF(${abs(cols.state)},"invalid")`, scored.invalid.length);
  s.conditionalFormats.push({ ref: missing, formula: `${absolute(missing)}>0`, fill: C.missing, priority: 5 });
  s.conditionalFormats.push({
    ref: invalid,
    formula: `${absolute(invalid)}>0`,
    fill: C.invalid,
    fontColor: C.invalidText,
    priority: 6,
  });
  const status = cellRef(cols.category, row);
  s.text(cellRef("A", row), "状态", "sumLabel");
  const nMissing = `COUNTIF(${abs(cols.state)},"missing")`;
  const nInvalid = `COUNTIF(${abs(cols.state)},"invalid")`;
  s.formula(
    status,
    `IF(AND(${nMissing}=0,${nInvalid}=0),"已完成：全部 ${r.items.length} 项已评分","未完成："&${nMissing}&" 项未评分，"&${nInvalid}&" 项输入无效")`,
    scored.complete
      ? `已完成：全部 ${r.items.length} 项已评分`
      : `未完成：${scored.missing.length} 项未评分，${scored.invalid.length} 项输入无效`,
    "status",
  );
  s.merge(`${status}:${cols.score}${row}`, "status");
  s.conditionalFormats.push({
    ref: status,
    formula: `${nMissing}+${nInvalid}>0`,
    fontColor: C.invalidText,
    priority: 7,
  });
  s.height(row, 22);
  row += 2;
  const signatureRow = row;
  s.text(cellRef(cols.category, row), "评审专家签名：", "signLabel");
  s.merge(`${cols.category}${row}:${cols.name}${row}`);
  s.text(cellRef(cols.points, row), "", "signLine");
  s.merge(`${cols.points}${row}:${cols.guidance}${row}`, "signLine");
  s.text(cellRef(cols.band ?? cols.input, row), "日期：", "signLabel");
  if (cols.band) s.merge(`${cols.band}${row}:${cols.input}${row}`);
  s.text(cellRef(cols.score, row), "", "signLine");
  s.merge(`${cols.score}${row}:${cols.check}${row}`, "signLine");
  s.height(row, 30);

  // The summary and the signature print on one page.
  const visibleWidth = spec.filter((c) => !c.hidden).reduce((a, c) => a + c.width, 0);
  const pageBreaks = summaryBreak(s, headerRow, first, last + 2, signatureRow, visibleWidth);
  const sheet = s.build({
    pageBreaks,
    freeze: { rows: headerRow, columns: 0 },
    tabColor: "4472C4",
    print: {
      paper: "A4",
      orientation: "landscape",
      fitToWidth: 1,
      fitToHeight: 0,
      area: `A1:${lastVisible}${signatureRow}`,
      titleRows: { first: headerRow, last: headerRow },
      header: { left: hf(r.title.zh, 60), right: hf(`${meta.applicant} · ${ctx.stageName}`) },
      footer: {
        left: "评审专家签名：____________",
        center: "第 &P 页，共 &N 页",
        right: hf(`评审专家：${meta.expert}`),
      },
      margins: MARGINS,
      centerHorizontally: true,
    },
  });
  return {
    sheet,
    map: {
      sheet: SHEET.scoring,
      headerRow,
      firstItemRow: first,
      lastItemRow: last,
      columns: cols,
      items,
      categories,
      totalRow,
      total,
      totalPoints: cellRef(cols.points, totalRow),
      missing,
      invalid,
      status,
      signatureRow,
    },
  };
}

/** Printable A4 landscape area at the margins below, in Excel character units (width) and points (height). */
const PAGE = {
  widthUnits: ((11.69 - MARGINS.left - MARGINS.right) * 96) / 7 - 1,
  heightPt: (8.27 - MARGINS.top - MARGINS.bottom) * 72,
};

/**
 * The summary and the signature are printed together: when the sheet does not fit on one page, they start a page of
 * their own (page filling simulated with Excel's metrics at the fit-to-width scale; LibreOffice, whose default font
 * substitutes are wider, prints smaller and would break elsewhere, so the break is not placed at a computed row).
 */
function summaryBreak(
  s: SheetBuilder,
  headerRow: number,
  first: number,
  summaryStart: number,
  end: number,
  width: number,
): number[] {
  const scale = Math.min(1, PAGE.widthUnits / width);
  const capacity = PAGE.heightPt / scale - 10;
  let used = 0;
  for (let r = 1; r <= headerRow; r++) used += s.rowHeightOf(r);
  for (let r = first; r <= end; r++) used += s.rowHeightOf(r);
  return used > capacity ? [summaryStart] : [];
}

// ---------------------------------------------------------------------------------------------------------------
// 否决: each veto item with 是/否 and a note; the conclusion flags any 是.

function yesNoList(): string[] {
  return [YES, NO];
}

function vetoSheet(ctx: Ctx): { sheet: SheetLayout; map: VetoMap } {
  const { bundle, meta } = ctx;
  const s = new SheetBuilder("vetoes", SHEET.vetoes);
  s.columns = [
    { col: "A", width: 5 },
    { col: "B", width: 13 },
    { col: "C", width: 52 },
    { col: "D", width: 16 },
    { col: "E", width: 9 },
    { col: "F", width: 40 },
  ];
  s.text("A1", "否决事项 / 资格条件核查", "title");
  s.merge("A1:F1");
  s.height(1, 26);
  s.text("A2", ctx.applicantLine, "userLine");
  s.merge("A2:F2");
  const how =
    "填写说明：逐项选择“是”或“否”，并注明依据。“是”表示存在该情形或不符合该条件；任何一项为“是”，即否决（取消评奖资格）。所有项目都须作答。";
  s.text("A3", how, "note");
  s.merge("A3:F3");
  s.height(3, 28);
  const header = 4;
  ["序号", "编号", "事项", "问题", "是/否", "依据 / 说明"].forEach((h, i) =>
    s.text(cellRef(colLetter(i + 1), header), h, "header"),
  );
  s.height(header, 22);
  const vetoes = bundle.rules.vetoes;
  const first = header + 1;
  const rows: VetoMap["rows"] = [];
  vetoes.forEach((v, k) => {
    const row = first + k;
    rows.push({ id: v.id, row });
    const init = ctx.initial.vetoes?.[v.id];
    s.set(cellRef("A", row), { value: k + 1, style: "number" });
    s.text(cellRef("B", row), v.id, "idText");
    s.text(cellRef("C", row), v.text, "text");
    s.text(cellRef("D", row), v.ask === "occurred" ? "是否存在该情形？" : "是否不符合该条件？", "text");
    s.input(cellRef("E", row), init?.answer ?? null, "inputChoice");
    s.input(cellRef("F", row), init?.note ?? null, "inputText");
    s.height(row, rowHeight(Math.max(2, wrappedLines(v.text, 52, 10)), 10));
  });
  const last = first + vetoes.length - 1;
  const answers = absolute(rangeRef("E", first, "E", last));
  s.validations.push({
    ref: rangeRef("E", first, "E", last),
    type: "list",
    list: yesNoList(),
    allowBlank: true,
    error: { title: "回答无效", message: "请选择“是”或“否”。" },
    prompt: { title: "是 / 否", message: "是：存在该情形或不符合该条件（即否决）。否：不存在该情形或符合该条件。" },
  });
  s.conditionalFormats.push({
    ref: rangeRef("E", first, "E", last),
    formula: `$E${first}="${YES}"`,
    fill: C.invalid,
    fontColor: C.invalidText,
    bold: true,
    priority: 1,
  });
  s.conditionalFormats.push({
    ref: rangeRef("E", first, "E", last),
    formula: `LEN($E${first})=0`,
    fill: C.missing,
    priority: 2,
  });
  ctx.names.push({ name: "Vetoes", sheet: SHEET.vetoes, ref: answers });

  const yesCount = (ctx.initial.vetoes ? vetoes.filter((v) => ctx.initial.vetoes?.[v.id]?.answer === YES) : []).length;
  const blankCount = vetoes.filter((v) => {
    const a = ctx.initial.vetoes?.[v.id]?.answer;
    return a === undefined || a === null || a === "";
  }).length;
  let row = last + 2;
  const flag = cellRef("E", row);
  s.text(cellRef("C", row), "结论", "sumLabel");
  s.merge(`C${row}:D${row}`, "sumLabel");
  const any = meta.mode === "custom" ? `QA.VETOED(${answers})` : `COUNTIF(${answers},"${YES}")>0`;
  s.formula(
    flag,
    `IF(${any},"否决：有 "&COUNTIF(${answers},"${YES}")&" 项回答为“是”",IF(COUNTBLANK(${answers})>0,"尚有 "&COUNTBLANK(${answers})&" 项未回答","未发现否决事项"))`,
    yesCount > 0
      ? `否决：有 ${yesCount} 项回答为“是”`
      : blankCount > 0
        ? `尚有 ${blankCount} 项未回答`
        : "未发现否决事项",
    "status",
  );
  s.merge(`E${row}:F${row}`, "status");
  s.conditionalFormats.push({
    ref: flag,
    formula: `COUNTIF(${answers},"${YES}")>0`,
    fill: C.invalid,
    fontColor: C.invalidText,
    bold: true,
    priority: 3,
  });
  s.height(row, 24);
  row++;
  const unanswered = cellRef("E", row);
  s.text(cellRef("C", row), "未回答项数", "sumText");
  s.merge(`C${row}:D${row}`, "sumText");
  s.formula(unanswered, `COUNTBLANK(${answers})`, blankCount, "sumCount");
  s.conditionalFormats.push({ ref: unanswered, formula: `${absolute(unanswered)}>0`, fill: C.missing, priority: 4 });
  row += 2;
  s.text(cellRef("B", row), "评审专家签名：", "signLabel");
  s.text(cellRef("C", row), "", "signLine");
  s.text(cellRef("D", row), "日期：", "signLabel");
  s.text(cellRef("E", row), "", "signLine");
  s.merge(`E${row}:F${row}`, "signLine");
  s.height(row, 30);
  const sheet = s.build({
    freeze: { rows: header, columns: 0 },
    tabColor: "C00000",
    print: {
      paper: "A4",
      orientation: "landscape",
      fitToWidth: 1,
      fitToHeight: 0,
      area: `A1:F${row}`,
      titleRows: { first: header, last: header },
      header: { left: hf(bundle.rubric.title.zh, 60), right: hf(`${meta.applicant} · ${ctx.stageName}`) },
      footer: { center: "第 &P 页，共 &N 页", right: hf(`评审专家：${meta.expert}`) },
      margins: MARGINS,
      centerHorizontally: true,
    },
  });
  return { sheet, map: { sheet: SHEET.vetoes, columns: { id: "B", answer: "E", note: "F" }, rows, flag, unanswered } };
}

// ---------------------------------------------------------------------------------------------------------------
// 加分: the bonus conditions the expert can confirm (only when the rule set has a bonus).

function bonusSheet(ctx: Ctx): { sheet: SheetLayout; map: BonusMap } | null {
  const { bundle, meta } = ctx;
  const bonus = bundle.rules.bonus;
  if (!bonus) return null;
  const s = new SheetBuilder("bonus", SHEET.bonus);
  s.columns = [
    { col: "A", width: 5 },
    { col: "B", width: 20 },
    { col: "C", width: 52 },
    { col: "D", width: 10 },
    { col: "E", width: 40 },
  ];
  s.text("A1", "加分项确认", "title");
  s.merge("A1:E1");
  s.height(1, 26);
  s.text("A2", ctx.applicantLine, "userLine");
  s.merge("A2:E2");
  const rule = `加分规则：${bonus.text}（${bonus.cumulative ? "可累加" : "不累加"}；最终加分由评审委员会 / 质评办认定。）`;
  s.text("A3", rule, "note");
  s.merge("A3:E3");
  s.height(3, rowHeight(wrappedLines(rule, 125, 9), 9));
  const header = 4;
  ["序号", "编号", "条件", "是否具备", "证明材料 / 说明"].forEach((h, i) =>
    s.text(cellRef(colLetter(i + 1), header), h, "header"),
  );
  s.height(header, 22);
  const first = header + 1;
  const rows: BonusMap["rows"] = [];
  bonus.conditions.forEach((c, k) => {
    const row = first + k;
    rows.push({ id: c.id, row });
    const init = ctx.initial.bonus?.[c.id];
    s.set(cellRef("A", row), { value: k + 1, style: "number" });
    s.text(cellRef("B", row), c.id, "idText");
    s.text(cellRef("C", row), c.text, "text");
    s.input(cellRef("D", row), init?.answer ?? null, "inputChoice");
    s.input(cellRef("E", row), init?.note ?? null, "inputText");
    s.height(row, rowHeight(Math.max(2, wrappedLines(c.text, 52, 10)), 10));
  });
  const last = first + bonus.conditions.length - 1;
  const answers = absolute(rangeRef("D", first, "D", last));
  s.validations.push({
    ref: rangeRef("D", first, "D", last),
    type: "list",
    list: yesNoList(),
    allowBlank: true,
    error: { title: "回答无效", message: "请选择“是”或“否”（不确定时可留空）。" },
    prompt: { title: "是否具备", message: "是：申报材料证明具备该条件。否或留空：不具备或未证明。" },
  });
  const row = last + 2;
  const count = cellRef("D", row);
  const yes = bonus.conditions.filter((c) => ctx.initial.bonus?.[c.id]?.answer === YES).length;
  s.text(cellRef("C", row), "确认具备的条件数", "sumText");
  s.formula(count, `COUNTIF(${answers},"${YES}")`, yes, "sumCount");
  const points = bonus.cumulative ? `${count}*${bonus.points}` : `IF(${count}>0,${bonus.points},0)`;
  s.text(cellRef("C", row + 1), "按本表可加分（建议）", "sumText");
  s.formula(
    cellRef("D", row + 1),
    points,
    bonus.cumulative ? yes * bonus.points : yes > 0 ? bonus.points : 0,
    "sumCount",
  );
  const sheet = s.build({
    tabColor: "70AD47",
    print: {
      paper: "A4",
      orientation: "landscape",
      fitToWidth: 1,
      fitToHeight: 0,
      area: `A1:E${row + 1}`,
      titleRows: { first: header, last: header },
      header: { left: hf(bundle.rubric.title.zh, 60), right: hf(`${meta.applicant} · ${ctx.stageName}`) },
      footer: { left: "评审专家签名：____________", center: "第 &P 页，共 &N 页" },
      margins: MARGINS,
      centerHorizontally: true,
    },
  });
  return { sheet, map: { sheet: SHEET.bonus, columns: { id: "B", answer: "D", note: "E" }, rows, count } };
}

// ---------------------------------------------------------------------------------------------------------------
// 封面: who scores whom, the results at a glance, the declaration and the signature.

function coverSheet(ctx: Ctx, scoring: ScoringMap, vetoes: VetoMap): { sheet: SheetLayout; map: CoverMap } {
  const { bundle, meta } = ctx;
  const r = bundle.rubric;
  const s = new SheetBuilder("cover", SHEET.cover);
  s.columns = [
    { col: "A", width: 3 },
    { col: "B", width: 16 },
    { col: "C", width: 62 },
    { col: "D", width: 3 },
  ];
  s.text("B2", bundle.award.title.zh, "coverTitle");
  s.merge("B2:C2");
  s.height(2, 36);
  s.text("B3", `专家评分表（${ctx.stageName}）`, "coverSubtitle");
  s.merge("B3:C3");
  s.height(3, 30);
  let row = 5;
  const put = (label: string, cell: Omit<CellLayout, "ref">, h = 24): string => {
    s.text(cellRef("B", row), label, "label");
    const ref = cellRef("C", row);
    s.set(ref, cell);
    s.height(row, h);
    row++;
    return ref;
  };
  put(
    "评价标准",
    { value: `${r.title.zh}（${r.id}）`, style: "value" },
    rowHeight(wrappedLines(`${r.title.zh}（${r.id}）`, 62, 11), 11),
  );
  const applicant = put(
    applicantLabel(bundle),
    { value: meta.applicant, style: "valueUser" },
    rowHeight(wrappedLines(meta.applicant, 62, 11), 11),
  );
  const expert = put("评审专家", { value: meta.expert, style: "valueUser" });
  const stage = put("评审阶段", { value: ctx.stageName, style: "value" });
  const date = put("评审日期", { value: ctx.initial.date ?? null, style: "inputDate", locked: false });
  s.validations.push({
    ref: date,
    type: "date",
    min: 36526, // 2000-01-01
    max: 73051, // 2099-12-31
    allowBlank: true,
    error: { title: "日期无效", message: "请填写日期，如 2025-06-30。" },
    prompt: { title: "评审日期", message: "填写评审（签署）日期，如 2025-06-30。" },
  });
  const total = put("总分", {
    formula: sheetRef(SHEET.scoring, scoring.total),
    result: toNumber(ctx.sheet.total),
    style: "valueScore",
  });
  const statusText = ctx.sheet.complete
    ? `已完成：全部 ${r.items.length} 项已评分`
    : `未完成：${ctx.sheet.missing.length} 项未评分，${ctx.sheet.invalid.length} 项输入无效`;
  put("评分状态", { formula: sheetRef(SHEET.scoring, scoring.status), result: statusText, style: "value" });
  const vetoSheetCells = ctx.initial.vetoes ?? {};
  const yesCount = bundle.rules.vetoes.filter((v) => vetoSheetCells[v.id]?.answer === YES).length;
  const blank = bundle.rules.vetoes.filter((v) =>
    [undefined, null, ""].includes(vetoSheetCells[v.id]?.answer as never),
  ).length;
  const vetoRef = put("否决核查", {
    formula: sheetRef(SHEET.vetoes, vetoes.flag),
    result:
      yesCount > 0 ? `否决：有 ${yesCount} 项回答为“是”` : blank > 0 ? `尚有 ${blank} 项未回答` : "未发现否决事项",
    style: "value",
  });
  s.conditionalFormats.push({
    ref: vetoRef,
    formula: `LEFT(${absolute(vetoRef)},2)="否决"`,
    fill: C.invalid,
    fontColor: C.invalidText,
    bold: true,
    priority: 1,
  });
  row++;
  s.text(cellRef("B", row), "回避声明", "section");
  s.height(row, 24);
  row++;
  const statement =
    "本人承诺：与申报者不存在利害关系（包括近亲属关系、现任或三年内曾任职、投资或持股、业务往来、咨询服务、指导申报等），能够独立、客观、公正地评审，并对评审内容保密。如存在利害关系，本人将如实声明并主动回避。";
  s.text(cellRef("B", row), statement, "paragraph");
  s.merge(`B${row}:C${row}`);
  s.height(row, rowHeight(wrappedLines(statement, 78, 10), 10));
  row++;
  const init = ctx.initial.declaration;
  const declaration = put("声明", { value: init?.answer ?? null, style: "inputChoice", locked: false });
  s.validations.push({
    ref: declaration,
    type: "list",
    list: [DECLARE_NONE, DECLARE_CONFLICT],
    allowBlank: true,
    error: { title: "声明无效", message: `请选择“${DECLARE_NONE}”或“${DECLARE_CONFLICT}”。` },
    prompt: { title: "回避声明", message: `选择“${DECLARE_NONE}”，或“${DECLARE_CONFLICT}”并在下一行说明。` },
  });
  s.conditionalFormats.push({
    ref: declaration,
    formula: `LEN(${absolute(declaration)})=0`,
    fill: C.missing,
    priority: 2,
  });
  s.conditionalFormats.push({
    ref: declaration,
    formula: `${absolute(declaration)}="${DECLARE_CONFLICT}"`,
    fill: C.invalid,
    fontColor: C.invalidText,
    priority: 3,
  });
  const declarationNote = put("说明", { value: init?.note ?? null, style: "inputText", locked: false }, 40);
  row++;
  s.text(cellRef("B", row), "评审专家签名：", "signLabel");
  s.text(cellRef("C", row), "", "signLine");
  s.height(row, 40);
  row++;
  s.text(cellRef("B", row), "签署日期：", "signLabel");
  s.text(cellRef("C", row), "", "signLine");
  s.height(row, 34);
  row += 2;
  const foot = `本表由 ${GENERATOR} 生成：评分标准 ${r.id}，内容指纹 ${ctx.fingerprint.slice(0, 19)}…，版式 ${LAYOUT_VERSION}，公式模式 ${meta.mode}，生成时间 ${meta.createdAt}。灰底单元格受保护，请勿改动；质评办收回后用 scorebook score 核验全部得分。`;
  s.text(cellRef("B", row), foot, "note");
  s.merge(`B${row}:C${row}`);
  s.height(row, rowHeight(wrappedLines(foot, 78, 9), 9));
  const sheet = s.build({
    tabColor: "404040",
    print: {
      paper: "A4",
      orientation: "portrait",
      fitToWidth: 1,
      fitToHeight: 1,
      area: `A1:D${row}`,
      footer: { center: "第 &P 页，共 &N 页" },
      margins: MARGINS,
      centerHorizontally: true,
    },
  });
  return { sheet, map: { sheet: SHEET.cover, applicant, expert, stage, date, declaration, declarationNote, total } };
}

// ---------------------------------------------------------------------------------------------------------------
// 评分指南: the scale's bands with their process and results descriptors (maturity), or the points method.

function guideSheet(ctx: Ctx): SheetLayout {
  const { bundle } = ctx;
  const r = bundle.rubric;
  const s = new SheetBuilder("guide", SHEET.guide);
  if (r.scoring === "points") {
    s.columns = [
      { col: "A", width: 4 },
      { col: "B", width: 100 },
    ];
    s.text("A1", `评分说明：${r.title.zh}`, "title");
    s.merge("A1:B1");
    s.height(1, 26);
    const lines = [
      `本评价标准直接打分：每个评价项目得分为 0 至该项分值，以 ${r.pointsStep ?? 0.5} 分为步长，总分 ${r.totalPoints} 分。`,
      "对照“评分”工作表“评价内容”列中的各条要求，依据申报材料（或现场评审所见）判断达到的程度后打分。",
      "在“优势”“改进机会”两列写明评分依据，供评审组汇总和反馈使用。",
      `评价项目：${r.items.map((i) => `${i.code} ${i.name}（${i.points} 分）`).join("；")}。`,
    ];
    lines.forEach((t, k) => {
      s.text(cellRef("B", k + 3), t, "paragraph");
      s.height(k + 3, rowHeight(wrappedLines(t, 100, 10), 10));
    });
    return s.build({
      print: {
        paper: "A4",
        orientation: "landscape",
        fitToWidth: 1,
        fitToHeight: 0,
        area: `A1:B${lines.length + 2}`,
        margins: MARGINS,
      },
    });
  }
  const scale = bundle.scale;
  const dims = scale.dimensions;
  const n = Math.max(dims.process.length, dims.results.length);
  const width = n >= 4 ? 34 : 44;
  const lastCol = colLetter(2 + n);
  s.columns = [
    { col: "A", width: 6 },
    { col: "B", width: 10 },
    ...Array.from({ length: n }, (_, i) => ({ col: colLetter(3 + i), width })),
  ];
  s.text("A1", `评分指南：${scale.name.zh}`, "title");
  s.merge(`A1:${lastCol}1`);
  s.height(1, 26);
  const intro = `得分 = 分值 × 成熟度。成熟度取 0%–100% 中 ${scale.step}% 的整数倍：先对照下表确定档次，再在档次范围内选取百分比。过程类评价项目用“过程”表，结果类评价项目用“结果”表。`;
  s.text("A2", intro, "paragraph");
  s.merge(`A2:${lastCol}2`);
  s.height(2, rowHeight(wrappedLines(intro, 16 + n * width, 10), 10));
  const kinds = (k: "process" | "results") =>
    r.items
      .filter((i) => i.kind === k)
      .map((i) => i.code)
      .join("、") || "无";
  const kindsText = `过程类：${kinds("process")}。结果类：${kinds("results")}。`;
  s.text("A3", kindsText, "note");
  s.merge(`A3:${lastCol}3`);
  s.height(3, rowHeight(wrappedLines(kindsText, 16 + n * width, 9), 9));
  let row = 5;
  for (const kind of ["process", "results"] as const) {
    const dimNames = dims[kind].map((d) => d.name.zh.replace(/（.*$/, "")).join("、");
    s.text(cellRef("A", row), `${kind === "process" ? "过程" : "结果"}类评价项目（${dimNames}）`, "section");
    s.merge(`A${row}:${lastCol}${row}`);
    s.height(row, 22);
    row++;
    s.text(cellRef("A", row), "档次", "header");
    s.text(cellRef("B", row), "成熟度", "header");
    dims[kind].forEach((d, i) => s.text(cellRef(colLetter(3 + i), row), `${d.code} ${d.name.zh}`, "header"));
    s.height(row, 30);
    row++;
    for (const band of scale.bands) {
      s.set(cellRef("A", row), { value: band.band, style: "number" });
      s.text(cellRef("B", row), bandLabel(band), "text");
      let lines = 2;
      dims[kind].forEach((d, i) => {
        const t = band[kind][d.code] ?? "";
        s.text(cellRef(colLetter(3 + i), row), t, "text");
        lines = Math.max(lines, wrappedLines(t, width, 10));
      });
      s.height(row, rowHeight(lines, 10));
      row++;
    }
    row++;
  }
  return s.build({
    tabColor: "A5A5A5",
    print: {
      paper: "A4",
      orientation: "landscape",
      fitToWidth: 1,
      fitToHeight: 0,
      area: `A1:${lastCol}${row - 2}`,
      margins: MARGINS,
      centerHorizontally: true,
    },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// 元数据 (very hidden): what identifies the file and the rubric it was built from.

export function metadataValues(ctx: {
  bundle: RubricBundle;
  meta: WorkbookMeta;
  fingerprint: string;
}): [MetaKey, string | number][] {
  const { bundle, meta } = ctx;
  return [
    ["format", FORMAT_ID],
    ["layoutVersion", LAYOUT_VERSION],
    ["rubricId", bundle.rubric.id],
    ["rubricFingerprint", ctx.fingerprint],
    ["award", bundle.award.id],
    ["scale", bundle.rubric.scoring === "points" ? "points" : bundle.scale.id],
    ["scoring", bundle.rubric.scoring],
    ["mode", meta.mode],
    ["applicant", meta.applicant],
    ["expert", meta.expert],
    ["stage", meta.stage],
    ["createdAt", meta.createdAt],
    ["generator", GENERATOR],
    ["itemCount", bundle.rubric.items.length],
    [
      "seal",
      identitySeal({
        rubricId: bundle.rubric.id,
        rubricFingerprint: ctx.fingerprint,
        applicant: meta.applicant,
        expert: meta.expert,
        stage: meta.stage,
        mode: meta.mode,
        createdAt: meta.createdAt,
      }),
    ],
  ];
}

function metadataSheet(ctx: Ctx): { sheet: SheetLayout; map: MetaMap } {
  const s = new SheetBuilder("meta", SHEET.meta);
  s.columns = [
    { col: "A", width: 20 },
    { col: "B", width: 80 },
  ];
  const rows: MetaMap["rows"] = [];
  metadataValues(ctx).forEach(([key, value], k) => {
    const row = k + 1;
    rows.push({ key, row });
    s.text(cellRef("A", row), key, "metaKey");
    s.set(cellRef("B", row), { value, style: typeof value === "number" ? undefined : "metaValue" });
  });
  return { sheet: s.build({ visibility: "veryHidden", showGridLines: true }), map: { sheet: SHEET.meta, rows } };
}

export { quoteSheet, quoteText };
