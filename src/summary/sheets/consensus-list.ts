// 合议清单: divergent items by applicant, one page.
import { colLetter } from "../../workbook/a1";
import { STAGE_NAME } from "../../workbook/labels";
import { SheetBuilder } from "../../workbook/sheet-builder";
import { rowHeight, wrappedLines } from "../../workbook/text";
import type { SheetLayout } from "../../workbook/types";
import { COMMITTEE_SHEET } from "../types";
import { page, ref } from "./shared";
import type { CommitteeContext } from "./context";

export function consensusListSheet(ctx: CommitteeContext): SheetLayout {
  const { groups, result } = ctx;
  const cl = new SheetBuilder("consensusList", COMMITTEE_SHEET.consensusList);
  cl.columns = [
    { col: "A", width: 24 },
    { col: "B", width: 9 },
    { col: "C", width: 6 },
    { col: "D", width: 16 },
    { col: "E", width: 40 },
    { col: "F", width: 8 },
    { col: "G", width: 10 },
    { col: "H", width: 12 },
  ];
  cl.text("A1", "合议清单（专家分歧项目）", "bigTitle");
  cl.merges.push("A1:H1");
  cl.height(1, 30);
  cl.text(
    "A2",
    "各专家成熟度相差两档及以上，或极差超过分歧阈值的评价项目，由评审专家组合议；“合议结果”为交回的合议表中的合议成熟度。",
    "note",
  );
  cl.merges.push("A2:H2");
  ["申报者", "评审阶段", "编号", "评价项目", "各专家评分", "极差", "跨档", "合议结果"].forEach((h, i) =>
    cl.text(ref(colLetter(i + 1), 3), h, "header"),
  );
  let lrow = 4;
  const bundleOf = new Map(groups.flatMap((g) => g.applicants.map(({ a, bundle }) => [a.applicant, { a, bundle }])));
  for (const d of result.divergences) {
    const entry = bundleOf.get(d.applicant);
    const item = entry?.bundle.rubric.items.find((i) => i.code === d.code);
    const maturity = entry?.bundle.rubric.scoring !== "points";
    const c = entry?.a[d.stage].consensus;
    const agreed = c?.items.find((i) => i.code === d.code)?.value;
    cl.text(ref("A", lrow), d.applicant, "userText");
    cl.text(ref("B", lrow), STAGE_NAME[d.stage], "text");
    cl.text(ref("C", lrow), d.code, "code");
    cl.text(ref("D", lrow), item?.name ?? "", "text");
    const vals = d.values.map((v) => `${v.expert} ${v.value}${maturity ? "%" : "分"}`).join("、");
    cl.text(ref("E", lrow), vals, "userText");
    cl.value(ref("F", lrow), Number(d.spread.toFixed(1)), "spread");
    cl.text(ref("G", lrow), d.bands.length > 1 ? d.bands.join("、") + " 档" : "", "text");
    cl.text(
      ref("H", lrow),
      agreed === undefined || agreed === null ? "（未合议）" : `${agreed}${maturity ? "%" : "分"}`,
      "text",
    );
    cl.height(lrow, rowHeight(Math.max(1, wrappedLines(vals, 40, 10)), 10));
    lrow++;
  }
  if (!result.divergences.length) {
    cl.text("A4", "没有分歧项目。", "text");
    lrow = 5;
  }
  const clSheet = cl.build({
    tabColor: "BF8F00",
    print: page(`A1:H${lrow - 1}`, "landscape", { fitToHeight: 1, titleRows: { first: 3, last: 3 } }),
    protect: true,
  });
  return clSheet;
}
