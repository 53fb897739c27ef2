// 评分指南: the scale's bands with their process and results descriptors (maturity), or the points method.
import { bandLabel } from "../../core";
import { cellRef, colLetter } from "../a1";
import { SHEET } from "../labels";
import { rowHeight, wrappedLines } from "../text";
import type { SheetLayout } from "../types";
import { builder, pageSetup, type Ctx } from "./common";

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
      print: pageSetup({ orientation: "landscape", area: `A1:B${lines.length + 2}`, center: false }),
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
    print: pageSetup({ orientation: "landscape", area: `A1:${lastCol}${row - 2}` }),
  });
}
