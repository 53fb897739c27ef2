// 问题: every problem, one row each, with the file name.
import { type AggregateResult } from "../../core";
import { colLetter } from "../../workbook/a1";
import { SheetBuilder } from "../../workbook/sheet-builder";
import { rowHeight, wrappedLines } from "../../workbook/text";
import type { SheetLayout } from "../../workbook/types";
import { problemKind } from "../problems";
import { SUMMARY_SHEET, type SummaryMap } from "../types";
import { landscape, ref } from "./shared";

export function problemsSheet(result: AggregateResult): { sheet: SheetLayout; map: SummaryMap["problems"] } {
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
