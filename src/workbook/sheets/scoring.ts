// 评分: the scoring sheet. One contiguous block of item rows, then the summary block (subtotals, total, counts,
// status, signature). Cached values are the engine's results for the initial inputs.
import { allowedPercents, bandLabel, type RubricBundle } from "../../core";
import { absolute, cellRef, colLetter, rangeRef } from "../a1";
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
} from "../formulas";
import { SHEET } from "../labels";
import type { SheetBuilder } from "../sheet-builder";
import { C, type StyleName } from "../styles";
import { rowHeight, wrappedLines } from "../text";
import type { ScoringMap, SheetLayout } from "../types";
import { show, type ItemField, type Shown } from "../figures";
import { builder, categoryLabel, figureContext, hf, MARGINS, pageSetup, runningHeader, type Ctx } from "./common";

/**
 * Width of the scoring-points column. The visible columns add up to about 155 character units, so that an A4
 * landscape page (fit to one page wide) prints them at about 95 %: 9 pt scoring points stay legible on paper.
 */
const GUIDANCE_WIDTH = 54;

/**
 * The compact print (item names only): the scoring-points column is hidden and the item name gets the room, so the
 * visible columns (about 110 units) fit an A4 portrait page at about 90 %.
 */
const COMPACT_NAME_WIDTH = 18;

/** An item's scoring points (评分要点) as one text, its sub-items' after it: the 评分 column and 评分指南's appendix. */
export function guidanceText(b: RubricBundle, code: string): string {
  const item = b.rubric.items.find((i) => i.code === code)!;
  const lines = [...item.guidance];
  for (const s of item.subitems ?? []) {
    lines.push(s.guidance.length ? `${s.code} ${s.name}` : `${s.code} ${s.name}`);
    lines.push(...s.guidance);
  }
  return lines.join("\n");
}

export function scoringSheet(ctx: Ctx): { sheet: SheetLayout; map: ScoringMap } {
  const { bundle, meta } = ctx;
  const fc = figureContext(ctx);
  const r = bundle.rubric;
  const maturity = r.scoring === "maturity";
  const step = maturity ? bundle.scale.step : (r.pointsStep ?? 0.5);
  const s = builder("scoring", SHEET.scoring);
  const compact = ctx.print === "compact";
  const nameWidth = compact ? COMPACT_NAME_WIDTH : 12;

  // Columns.
  const spec: { key: keyof ScoringMap["columns"]; header: string; width: number; hidden?: boolean }[] = [
    { key: "code", header: "编号", width: 5.5 },
    { key: "category", header: "一级指标", width: 9 },
    { key: "name", header: "评价项目", width: nameWidth },
    { key: "points", header: "分值", width: 6 },
    {
      key: "guidance",
      header: maturity ? "评分要点" : "评价内容",
      width: GUIDANCE_WIDTH,
      hidden: compact || undefined,
    },
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
  const where = compact ? `各项目的${maturity ? "评分要点" : "评价内容"}见“${SHEET.guide}”工作表的附录。` : "";
  const how = maturity
    ? `填写说明：在“成熟度”列从下拉列表选择 0%–100%（${step}% 的整数倍），得分 = 分值 × 成熟度；“档次”列可选填，填写后须与成熟度一致。各档次的评分说明见“${SHEET.guide}”工作表。${where}黄色：尚未评分；红色：输入无效（见“检查”列）。只有白底的输入列可以编辑。`
    : `填写说明：在“得分”列直接填写分数，0 至该项分值，以 ${step} 分为步长。${where}黄色：尚未评分；红色：输入无效（见“检查”列）。只有白底的输入列可以编辑。`;
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
    const of = (field: ItemField) => show(fc, { item: item.code, field });
    s.formula(at(cols.value), maturity ? maturityValueFormula(c) : pointsValueFormula(c), of("value"), "helper");
    s.formula(
      at(cols.state),
      maturity ? maturityStateFormula(c, bundle.scale) : pointsStateFormula(c, step),
      of("state"),
      "helper",
    );
    s.formula(at(cols.canonical), canonicalFormula(c, maturity), of("canonical"), "helper");
    s.formula(
      at(cols.score),
      maturity ? maturityScoreFormula(c, meta.mode, bundle.scale.id) : pointsScoreFormula(c),
      of("score"),
      "score",
    );
    s.formula(
      at(cols.check),
      maturity ? maturityCheckFormula(c, meta.mode, bundle.scale) : pointsCheckFormula(c, step),
      of("check"),
      "check",
    );
    s.input(at(cols.strengths), init?.strengths ?? null, "inputText");
    s.input(at(cols.opportunities), init?.opportunities ?? null, "inputText");
    const lines = Math.max(
      2,
      compact ? 0 : wrappedLines(guidance, GUIDANCE_WIDTH, 9),
      wrappedLines(item.name, nameWidth, 10) * (10 / 9),
    );
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
  const wide = (row: number, style: StyleName) => s.merge(`${cols.guidance}${row}:${cols.input}${row}`, style);
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
    s.formula(
      cellRef(cols.guidance, row),
      `"已评 "&COUNTIFS(${abs(cols.category)},${crit},${abs(cols.state)},"ok")&" / "&COUNTIF(${abs(cols.category)},${crit})&" 项"`,
      show(fc, { category: cat.code, field: "progress" }),
      "sumText",
    );
    wide(row, "sumText");
    const subRange = (col: string) => absolute(rangeRef(col, first + idx[0], col, first + idx[idx.length - 1]));
    const subtotal =
      maturity && meta.mode === "custom"
        ? `QA.SUBTOTAL(${subRange(cols.points)},${subRange(cols.canonical)},${quoteText(bundle.scale.id)})`
        : `SUMIF(${abs(cols.category)},${crit},${abs(cols.score)})`;
    s.formula(cellRef(cols.score, row), subtotal, show(fc, { category: cat.code, field: "score" }), "sumScore");
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
    show(fc, { set: "progress" }),
    "totalLabel",
  );
  wide(row, "totalLabel");
  const total = cellRef(cols.score, row);
  s.formula(
    total,
    maturity && meta.mode === "custom"
      ? `QA.SUBTOTAL(${abs(cols.points)},${abs(cols.canonical)},${quoteText(bundle.scale.id)})`
      : `SUM(${abs(cols.score)})`,
    show(fc, { set: "total" }),
    "totalScore",
  );
  s.height(row, 24);
  ctx.names.push({ name: "Total", sheet: SHEET.scoring, ref: absolute(total) });
  row++;
  const countRow = (label: string, ref: string, formula: string, result: Shown) => {
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
    show(fc, { set: "missing" }),
  );
  const invalid = cellRef(cols.score, row);
  countRow("输入无效项数", invalid, `COUNTIF(${abs(cols.state)},"invalid")`, show(fc, { set: "invalid" }));
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
    show(fc, { set: "status" }),
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
  const orientation = compact ? "portrait" : "landscape";
  const pageBreaks = summaryBreak(s, headerRow, first, last + 2, signatureRow, visibleWidth, PAGE[orientation]);
  const sheet = s.build({
    pageBreaks,
    freeze: { rows: headerRow, columns: 0 },
    tabColor: "4472C4",
    print: pageSetup({
      orientation,
      area: `A1:${lastVisible}${signatureRow}`,
      titleRow: headerRow,
      header: runningHeader(ctx),
      footer: {
        left: "评审专家签名：____________",
        center: "第 &P 页，共 &N 页",
        right: hf(`评审专家：${meta.expert}`),
      },
    }),
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

/** Printable A4 area at the margins below, in Excel character units (width) and points (height). */
const PAGE = {
  landscape: {
    widthUnits: ((11.69 - MARGINS.left - MARGINS.right) * 96) / 7 - 1,
    heightPt: (8.27 - MARGINS.top - MARGINS.bottom) * 72,
  },
  portrait: {
    widthUnits: ((8.27 - MARGINS.left - MARGINS.right) * 96) / 7 - 1,
    heightPt: (11.69 - MARGINS.top - MARGINS.bottom) * 72,
  },
};

/**
 * The summary and the signature are printed together: when the sheet does not fit on one page, they start a page of
 * their own (page filling simulated with Excel's metrics at the fit-to-width scale; LibreOffice, whose default font
 * substitutes are wider, prints smaller and would break elsewhere, so the break is not placed at a computed row).
 */
function summaryBreak(
  s: SheetBuilder<StyleName>,
  headerRow: number,
  first: number,
  summaryStart: number,
  end: number,
  width: number,
  page: { widthUnits: number; heightPt: number },
): number[] {
  const scale = Math.min(1, page.widthUnits / width);
  const capacity = page.heightPt / scale - 10;
  let used = 0;
  for (let r = 1; r <= headerRow; r++) used += s.rowHeightOf(r);
  for (let r = first; r <= end; r++) used += s.rowHeightOf(r);
  return used > capacity ? [summaryStart] : [];
}
