// 合议清单: the divergent items, grouped by applicant and stage (a title row per panel), on as many A4 landscape pages
// as they take: the column header repeated on every page, 10 pt text at full size (the columns fit the page width),
// every row as high as its wrapped text, and a panel's title kept on the page of its first items.
import { formatStat, type Divergence, type StageId } from "../../core";
import { colLetter } from "../../workbook/a1";
import { STAGE_NAME } from "../../workbook/labels";
import { SheetBuilder } from "../../workbook/sheet-builder";
import { rowHeight, wrappedLines } from "../../workbook/text";
import type { SheetLayout } from "../../workbook/types";
import { COMMITTEE_SHEET } from "../types";
import { LANDSCAPE_HEIGHT, page, ref } from "./shared";
import type { CommitteeContext } from "./context";

/**
 * Column widths (character units): 110 in all, which an A4 landscape page holds at full size in Excel (145) and in
 * LibreOffice (whose wider substitute fonts make it about 110): the 10 pt text prints at 10 pt.
 */
const COLUMNS = [
  { col: "A", width: 6, header: "编号" },
  { col: "B", width: 18, header: "评价项目" },
  { col: "C", width: 5, header: "分值" },
  { col: "D", width: 48, header: "各专家评分" },
  { col: "E", width: 9, header: "极差\n(百分点)" },
  { col: "F", width: 13, header: "跨档" },
  { col: "G", width: 11, header: "合议结果" },
] as const;
const LAST = "G";
const WIDTH = COLUMNS.reduce((a, c) => a + c.width, 0);

export function consensusListSheet(ctx: CommitteeContext): SheetLayout {
  const { groups, result } = ctx;
  const cl = new SheetBuilder("consensusList", COMMITTEE_SHEET.consensusList);
  cl.columns = COLUMNS.map((c) => ({ col: c.col, width: c.width }));
  cl.text("A1", "合议清单（专家分歧项目）", "bigTitle");
  cl.merges.push(`A1:${LAST}1`);
  cl.height(1, 30);
  const note =
    "各专家成熟度相差两档及以上，或极差超过分歧阈值的评价项目，由评审专家组合议。按申报者和评审阶段分组；“合议结果”为交回的合议表中的合议成熟度。" +
    "一致性 W（肯德尔和谐系数，0–1）衡量专家组对各项目强弱排序的一致程度，仅供参考（见“评审专家评价表”）。";
  cl.text("A2", note, "note");
  cl.merges.push(`A2:${LAST}2`);
  cl.height(2, rowHeight(wrappedLines(note, WIDTH, 9), 9));
  const header = 3;
  COLUMNS.forEach((c, i) => cl.text(ref(colLetter(i + 1), header), c.header, "header"));
  cl.height(header, rowHeight(2, 10));

  // Panels in the order of the ranking (rule set, then applicant), material before on-site; then any divergence of
  // an applicant not ranked (an unknown rubric), in the engine's order.
  const entries = groups.flatMap((g) => g.applicants);
  const byApplicant = new Map(entries.map((e) => [e.a.applicant, e]));
  const panels: { applicant: string; stage: StageId; items: Divergence[] }[] = [];
  const panelOf = (applicant: string, stage: StageId) => {
    let p = panels.find((x) => x.applicant === applicant && x.stage === stage);
    if (!p) panels.push((p = { applicant, stage, items: [] }));
    return p;
  };
  for (const { a } of entries)
    for (const stage of ["material", "onsite"] as const)
      if (result.divergences.some((d) => d.applicant === a.applicant && d.stage === stage)) panelOf(a.applicant, stage);
  for (const d of result.divergences) panelOf(d.applicant, d.stage).items.push(d);

  let row = header + 1;
  const breaks: number[] = [];
  // Height used on the current page: the rows above the header print on the first page only; the header on all.
  let used = [1, 2, header].reduce((a, r) => a + cl.rowHeightOf(r), 0);
  const place = (height: number, keep = height) => {
    // A row that does not fit starts a page (where LibreOffice and Excel would break anyway); a panel's title
    // starts one too when it would not fit with its first item (`keep`).
    if (used + keep > LANDSCAPE_HEIGHT && row > header + 1) {
      breaks.push(row);
      used = cl.rowHeightOf(header);
    }
    used += height;
  };
  for (const p of panels) {
    const entry = byApplicant.get(p.applicant);
    const bundle = entry?.bundle;
    const maturity = bundle?.rubric.scoring !== "points";
    const st = entry?.a[p.stage];
    const order = (code: string) => bundle?.rubric.items.findIndex((i) => i.code === code) ?? 0;
    const items = [...p.items].sort((x, y) => order(x.code) - order(y.code));
    const agreement = st?.diagnostics.agreement;
    const w = agreement?.w
      ? `一致性 W ${formatStat(agreement.w)}`
      : agreement?.note
        ? `一致性：${agreement.note.zh}`
        : "";
    const title = [
      `${p.applicant} · ${STAGE_NAME[p.stage]}`,
      `（专家组 ${st?.experts.length ?? items[0]?.values.length ?? 0} 人：${(st?.experts ?? items[0]?.values.map((v) => v.expert) ?? []).join("、")}；分歧 ${items.length} 项${w ? `；${w}` : ""}）`,
    ].join("");
    const titleHeight = rowHeight(wrappedLines(title, WIDTH, 11), 11);
    cl.height(row, titleHeight);
    const rowHeights = items.map((d) => {
      const name = bundle?.rubric.items.find((i) => i.code === d.code)?.name ?? "";
      const vals = d.values.map((v) => `${v.expert} ${v.value}${maturity ? "%" : "分"}`).join("、");
      const bands = d.reason !== "spread" ? `第 ${d.bands.join("、")} 档` : "";
      return rowHeight(
        Math.max(1, wrappedLines(vals, 48, 10), wrappedLines(name, 18, 10), wrappedLines(bands, 13, 10)),
        10,
      );
    });
    place(titleHeight, titleHeight + (rowHeights[0] ?? 0));
    cl.text(ref("A", row), title, "blockTitle");
    cl.merges.push(`A${row}:${LAST}${row}`);
    row++;
    const agreedOf = st?.consensus;
    items.forEach((d, k) => {
      const item = bundle?.rubric.items.find((i) => i.code === d.code);
      const agreed = agreedOf?.items.find((i) => i.code === d.code)?.value;
      const vals = d.values.map((v) => `${v.expert} ${v.value}${maturity ? "%" : "分"}`).join("、");
      place(rowHeights[k]);
      cl.text(ref("A", row), d.code, "code");
      cl.text(ref("B", row), item?.name ?? "", "text");
      if (item) cl.value(ref("C", row), item.points, "count");
      else cl.text(ref("C", row), "", "text");
      cl.text(ref("D", row), vals, "userText");
      cl.value(ref("E", row), Number(d.spread.toFixed(1)), "spread");
      cl.text(ref("F", row), d.reason !== "spread" ? `第 ${d.bands.join("、")} 档` : "", "text");
      cl.text(
        ref("G", row),
        agreed === undefined || agreed === null ? "（未合议）" : `${agreed}${maturity ? "%" : "分"}`,
        "text",
      );
      cl.height(row, rowHeights[k]);
      row++;
    });
  }
  if (!result.divergences.length) {
    cl.text(ref("A", row), "没有分歧项目。", "text");
    cl.merges.push(`A${row}:${LAST}${row}`);
    row++;
  }
  return cl.build({
    tabColor: "BF8F00",
    print: page(`A1:${LAST}${row - 1}`, "landscape", { titleRows: { first: header, last: header } }),
    pageBreaks: breaks,
    protect: true,
  });
}
