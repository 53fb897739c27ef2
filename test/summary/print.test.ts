// What a printed page of the summary shows: no internal notes on the lists the rules publicise, and no text cut off
// on 公示名单, 授奖建议名单, 授奖候选名单, 问题 and 专家分 — every row is as tall as its longest wrapped cell (the
// same measure as the writers: src/workbook/text.ts), so a long applicant name or problem prints whole.
import { buildSummaryLayout } from "../../src/summary";
import { colIndex, colLetter } from "../../src/workbook/a1";
import { rowHeight, wrappedLines } from "../../src/workbook/text";
import type { SummaryLayout } from "../../src/summary";
import type { SheetLayout } from "../../src/workbook/types";
import { fixtureResult, fixtureSheets, sheet } from "./fixtures";

const LONG = "石家庄市某某高新技术产业开发区智能装备与精密机械制造集团股份有限公司第二分公司";

function layout(): SummaryLayout {
  const sheets = [
    ...fixtureSheets(),
    sheet("hebei-organization", LONG, "专家甲", "material", 640),
    sheet("hebei-organization", LONG, "专家乙", "material", 650),
    sheet("hebei-organization", LONG, "专家丙", "onsite", 660),
  ];
  return buildSummaryLayout(fixtureResult({}, sheets), { createdAt: "2026-12-31T20:00:00.000Z" });
}

function printArea(s: SheetLayout) {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(s.print!.area)!;
  return { c1: colIndex(m[1]), r1: Number(m[2]), c2: colIndex(m[3]), r2: Number(m[4]) };
}

/** Cells of the print area whose wrapped text needs more height than their row has. */
function clipped(l: SummaryLayout, s: SheetLayout): string[] {
  const area = printArea(s);
  const width = (c: number) => s.columns.find((x) => x.col === colLetter(c))?.width ?? 8.43;
  const heights = new Map(s.rows.map((r) => [r.row, r.height]));
  const out: string[] = [];
  for (const cell of s.cells) {
    const m = /^([A-Z]+)(\d+)$/.exec(cell.ref)!;
    const c = colIndex(m[1]);
    const r = Number(m[2]);
    if (c < area.c1 || c > area.c2 || r < area.r1 || r > area.r2) continue;
    const text = typeof cell.value === "string" ? cell.value : typeof cell.result === "string" ? cell.result : "";
    if (!text || s.columns.find((x) => x.col === m[1])?.hidden) continue;
    const style = l.styles[cell.style ?? ""] ?? {};
    const size = style.font?.size ?? 11;
    // A merged cell is as wide as its columns together.
    const merge = s.merges.find((x) => x.split(":")[0] === cell.ref);
    const last = merge ? colIndex(/^([A-Z]+)/.exec(merge.split(":")[1])![1]) : c;
    let w = 0;
    for (let k = c; k <= last; k++) w += width(k);
    const lines = style.wrap ? wrappedLines(text, w, size) : 1;
    if (!style.wrap && wrappedLines(text, w, size) > 1 && !merge) continue; // unwrapped text runs on (not cut)
    // One line fits any row (15 pt holds 11 pt text); more lines need the height the writers give them.
    const need = lines <= 1 ? 0 : rowHeight(lines, size);
    if ((heights.get(r) ?? 15) + 1 < need)
      out.push(`${s.name}!${cell.ref} needs ${need} pt, row is ${heights.get(r) ?? 15}`);
  }
  return out;
}

describe("the printed summary", () => {
  const l = layout();
  const byKey = (k: string) => l.sheets.find((s) => s.key === k)!;

  it.each(["advanceList", "candidateList", "awardList", "problems", "panels"])("%s: no text is cut off", (key) => {
    expect(clipped(l, byKey(key))).toEqual([]);
  });

  it("the lists the rules publicise carry no note for the secretariat on the page (it stays beside, unprinted)", () => {
    for (const key of ["advanceList", "awardList"]) {
      const s = byKey(key);
      const area = printArea(s);
      const printed = s.cells
        .filter((c) => {
          const m = /^([A-Z]+)(\d+)$/.exec(c.ref)!;
          return colIndex(m[1]) <= area.c2 && Number(m[2]) <= area.r2;
        })
        .map((c) => String(c.value ?? c.result ?? ""));
      for (const t of printed) expect(t).not.toMatch(/汇总时的结果|随“|自动列出|随之变化|scorebook|不打印/);
      const aside = s.cells.map((c) => String(c.value ?? "")).filter((t) => t.startsWith("（不打印）"));
      expect(aside.length).toBeGreaterThan(0);
    }
  });

  it("dates are Beijing time: a summary made at 2026-12-31 20:00 UTC is dated 2027-01-01, year 2027", () => {
    const head = byKey("ranking").cells.map((c) => String(c.value ?? c.result ?? ""));
    expect(head.some((t) => t.includes("汇总日期：2027-01-01"))).toBe(true);
    expect(head.some((t) => t.includes("2027年度"))).toBe(true);
  });
});
