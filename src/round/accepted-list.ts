// 受理名单 as a printable sheet of the round workbook (`round draw` writes it beside 分组 and 抽取记录): one list per
// rule set whose award names it (src/core acceptedLists), each on its own page, with the 公示 dates and the
// secretariat's seal line left blank for the clerk — the award data gives no dates, and the tool invents none.
import { ROUND_SHEET, type AcceptedList } from "../core";
import { SheetBuilder } from "../workbook/sheet-builder";
import { PAGE_NUMBERS, pageSetup } from "../workbook/sheets/common";
import { rowHeight, wrappedLines } from "../workbook/text";
import type { SheetLayout } from "../workbook/types";

const COLS = [
  { col: "A", head: "序号", width: 6 },
  { col: "B", head: "申报者", width: 34 },
  { col: "C", head: "评分标准", width: 30 },
  { col: "D", head: "行业", width: 12 },
  { col: "E", head: "所在地", width: 12 },
] as const;
const FULL = "\u3000";

export function acceptedListSheet(lists: readonly AcceptedList[]): SheetLayout {
  const s = new SheetBuilder("round", ROUND_SHEET.accepted);
  s.columns = COLS.map((c) => ({ col: c.col, width: c.width }));
  const breaks: number[] = [];
  let row = 1;
  for (const list of lists) {
    if (row > 1) breaks.push(row);
    s.text(`A${row}`, list.title, "title");
    s.merge(`A${row}:E${row}`);
    s.height(row, 24);
    row += 2;
    COLS.forEach((c) => s.text(`${c.col}${row}`, c.head, "header"));
    s.height(row, 20);
    row++;
    list.rows.forEach((r, i) => {
      const values = [String(i + 1), r.name, r.rubric, r.sector, r.place];
      COLS.forEach((c, k) => s.text(`${c.col}${row}`, values[k], "cell"));
      s.height(row, rowHeight(Math.max(...COLS.map((c, k) => wrappedLines(values[k], c.width)))));
      row++;
    });
    row++;
    s.text(`A${row}`, `共 ${list.rows.length} 个申报者。`, "text");
    s.merge(`A${row}:E${row}`);
    row += 2;
    const lines = [
      `公示期：${FULL.repeat(4)}年${FULL.repeat(2)}月${FULL.repeat(2)}日至${FULL.repeat(4)}年${FULL.repeat(2)}月${FULL.repeat(2)}日`,
      `质评办（盖章）：${FULL.repeat(12)}日期：${FULL.repeat(4)}年${FULL.repeat(2)}月${FULL.repeat(2)}日`,
    ];
    for (const line of lines) {
      s.text(`A${row}`, line, "text");
      s.merge(`A${row}:E${row}`);
      s.height(row, 22);
      row += 2;
    }
  }
  return s.build({
    protect: true,
    showGridLines: false,
    tabColor: "548235",
    pageBreaks: breaks,
    print: pageSetup({
      orientation: "portrait",
      area: `A1:E${Math.max(1, row - 1)}`,
      footer: { center: PAGE_NUMBERS },
    }),
  });
}
