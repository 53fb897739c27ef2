// The committee pack's lists of applicants (公示名单（现场评审）, 授奖候选名单): one block per rule set, its title,
// note, the list, the publicity line where the rules publicise it, and the signatures.
import { type ApplicantResult } from "../../core";
import { colLetter } from "../../workbook/a1";
import { SheetBuilder } from "../../workbook/sheet-builder";
import { rowHeight, wrappedLines } from "../../workbook/text";
import type { SheetLayout } from "../../workbook/types";
import { page, PUBLICITY_LINE, ref, signatures, type CommitteeGroup } from "./shared";
import type { CommitteeContext } from "./context";

export function listSheet(
  ctx: CommitteeContext,
  key: "advanceList" | "candidateList",
  name: string,
  what: string,
  pick: (a: ApplicantResult, g: CommitteeGroup) => boolean,
  columns: { header: string; width: number; put: (s: SheetBuilder, cell: string, a: ApplicantResult) => void }[],
  note: (g: CommitteeGroup) => string,
  // Only the lists the rules publicise carry a 公示 line, and only the approval each names (审批).
  footer: (g: CommitteeGroup) => { publicity: boolean; approval: string[] },
  // What the secretariat should know about the sheet but a published list must not carry (how it follows the
  // summary): beside the list, outside the print area.
  screenNote?: (g: CommitteeGroup) => string,
): { sheet: SheetLayout; count: number } {
  const { groups, title } = ctx;
  const s = new SheetBuilder(key, name);
  const lastCol = colLetter(columns.length + 1);
  const aside = colLetter(columns.length + 3);
  s.columns = [
    { col: "A", width: 6 },
    ...columns.map((c, i) => ({ col: colLetter(i + 2), width: c.width })),
    ...(screenNote ? [{ col: aside, width: 48 }] : []),
  ];
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
    if (screenNote) s.text(ref(aside, row), `（不打印）${screenNote(g)}`, "note");
    row++;
    s.text(ref("A", row), "序号", "header");
    columns.forEach((c, i) => s.text(ref(colLetter(i + 2), row), c.header, "header"));
    row++;
    const list = g.applicants.filter(({ a }) => pick(a, g));
    list.forEach(({ a }, k) => {
      s.value(ref("A", row), k + 1, "count");
      columns.forEach((c, i) => c.put(s, ref(colLetter(i + 2), row), a));
      // As tall as its longest wrapped cell (a long applicant name prints whole).
      const lines = columns.map((c, i) => {
        const cell = s.cells.get(ref(colLetter(i + 2), row));
        const t = cell?.value ?? cell?.result;
        return typeof t === "string" ? wrappedLines(t, c.width, 10) : 1;
      });
      if (Math.max(...lines) > 1) s.height(row, rowHeight(Math.max(...lines), 10));
      row++;
      count++;
    });
    if (!list.length) {
      s.text(ref("A", row), "", "text");
      s.text(ref("B", row), "（无）", "text");
      s.merge(`B${row}:${lastCol}${row}`, "text");
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
}
