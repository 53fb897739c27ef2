// 授奖建议名单: after the vote (四、（七）2), the candidates the 表决记录表 passes, live from its result cells, with
// the publicity period of 四、（八）1. Only for a rule set whose award defines a vote.
import { colLetter, quoteSheet } from "../../workbook/a1";
import { SheetBuilder } from "../../workbook/sheet-builder";
import { rowHeight, wrappedLines } from "../../workbook/text";
import type { SheetLayout } from "../../workbook/types";
import { COMMITTEE_SHEET, type CommitteeMap, type VoteMap } from "../types";
import { page, PUBLICITY_LINE, ref, signatures } from "./shared";
import type { CommitteeContext } from "./context";

export function awardListSheet(
  ctx: CommitteeContext,
  voteBlocks: VoteMap["blocks"],
  voteSheet: SheetLayout,
): { sheet: SheetLayout; blocks: CommitteeMap["awardList"]["blocks"] } {
  const { groups, title } = ctx;
  const w = new SheetBuilder("awardList", COMMITTEE_SHEET.awardList);
  w.columns = [
    { col: "A", width: 6 },
    { col: "B", width: 40 },
    { col: "C", width: 14 },
    { col: "E", width: 48 },
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
    // Published: the vote and its rule; how the list follows 表决记录表 is for the secretariat, beside it, off the page.
    const note = `经评审委员会表决（${g.rules.vote!.text}），下列申报者列入授奖建议名单。`;
    w.text(ref("A", wrow), note, "note");
    w.text(ref("E", wrow), "（不打印）名单按“表决记录表”的表决结果自动列出；表决结果填写或修改后随之变化。", "note");
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
  return { sheet: awardSheet, blocks: awardBlocks };
}
