// 评分指南: the scale's bands with their process and results descriptors (maturity), or the points method.
import { bandLabel } from "../../core";
import { cellRef, colLetter } from "../a1";
import { SHEET } from "../labels";
import { rowHeight, wrappedLines } from "../text";
import type { SheetLayout } from "../types";
import type { SheetBuilder } from "../sheet-builder";
import type { StyleName } from "../styles";
import { builder, pageSetup, type Ctx } from "./common";
import { guidanceText } from "./scoring";

/**
 * The compact print's appendix (附录): each item's scoring points, which 评分 then leaves out, from `row` on a page
 * of its own. Columns: code | name (with its points) | the scoring points over the remaining columns. Returns the
 * last row.
 */
function appendix(
  ctx: Ctx,
  s: SheetBuilder<StyleName>,
  row: number,
  cols: { code: string; name: string; text: string; last: string },
  widths: { name: number; text: number },
): number {
  const r = ctx.bundle.rubric;
  const what = r.scoring === "maturity" ? "评分要点" : "评价内容";
  s.text(cellRef("A", row), `附录：各评价项目的${what}`, "section");
  s.merge(`A${row}:${cols.last}${row}`);
  s.height(row, 24);
  row++;
  s.text(cellRef(cols.code, row), "编号", "header");
  s.text(cellRef(cols.name, row), "评价项目（分值）", "header");
  s.text(cellRef(cols.text, row), what, "header");
  if (cols.text !== cols.last) s.merge(`${cols.text}${row}:${cols.last}${row}`, "header");
  s.height(row, 30);
  for (const item of r.items) {
    row++;
    const t = guidanceText(ctx.bundle, item.code);
    const name = `${item.name}（${item.points} 分）`;
    s.text(cellRef(cols.code, row), item.code, "code");
    s.text(cellRef(cols.name, row), name, "text");
    s.text(cellRef(cols.text, row), t, "smallText");
    if (cols.text !== cols.last) s.merge(`${cols.text}${row}:${cols.last}${row}`, "smallText");
    const lines = Math.max(wrappedLines(t, widths.text, 9), wrappedLines(name, widths.name, 10) * (10 / 9));
    s.height(row, rowHeight(Math.ceil(lines), 9));
  }
  return row;
}

export function guideSheet(ctx: Ctx): SheetLayout {
  const { bundle } = ctx;
  const r = bundle.rubric;
  const s = builder("guide", SHEET.guide);
  if (r.scoring === "points") {
    s.columns = [
      { col: "A", width: 4 },
      { col: "B", width: 100 },
    ];
    s.text("A1", `评分说明：${r.title.zh}`, "title");
    s.merge(ctx.print === "compact" ? "A1:D1" : "A1:B1");
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
    let end = lines.length + 2;
    const breaks: number[] = [];
    if (ctx.print === "compact") {
      // Points rubrics: A (4) and B (100) as above; the appendix splits B's width into B–D.
      s.columns = [
        { col: "A", width: 5 },
        { col: "B", width: 16 },
        { col: "C", width: 42 },
        { col: "D", width: 42 },
      ];
      for (let k = 3; k < lines.length + 3; k++) s.merge(`B${k}:D${k}`);
      breaks.push(end + 2);
      end = appendix(ctx, s, end + 2, { code: "A", name: "B", text: "C", last: "D" }, { name: 16, text: 84 });
    }
    return s.build({
      pageBreaks: breaks,
      print: pageSetup({
        orientation: "landscape",
        area: `A1:${ctx.print === "compact" ? "D" : "B"}${end}`,
        center: false,
      }),
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
  let end = row - 2;
  const breaks: number[] = [];
  if (ctx.print === "compact") {
    breaks.push(row);
    end = appendix(ctx, s, row, { code: "A", name: "B", text: "C", last: lastCol }, { name: 10, text: n * width });
  }
  return s.build({
    tabColor: "A5A5A5",
    pageBreaks: breaks,
    print: pageSetup({ orientation: "landscape", area: `A1:${lastCol}${end}` }),
  });
}
