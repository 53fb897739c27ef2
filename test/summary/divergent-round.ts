// A review round in which experts disagree a lot (many items for the 合议), as returned sheets: for the 合议清单's
// print and the panels' diagnostics. Totals are computed from the items exactly as the engine scores them.
import { exact, library, sum, type ReturnedSheet } from "../../src/core";
import { rng } from "../helpers/workbooks";

const ORG = "hebei-organization";

/** Sheets of `applicants` Hebei organisations, material and on-site, `experts` each (the last panel: 2 experts). */
export function divergentRound(seed = 7, applicants = 4, experts = 5): ReturnedSheet[] {
  const r = rng(seed);
  const rubric = library().get(ORG)!.rubric;
  const names = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊"];
  const out: ReturnedSheet[] = [];
  for (let a = 0; a < applicants; a++) {
    const applicant = `河北第${a + 1}装备制造股份有限公司`;
    for (const stage of ["material", "onsite"] as const) {
      const n = a === applicants - 1 && stage === "onsite" ? 2 : experts;
      const base = 55 + 5 * a;
      for (let e = 0; e < n; e++) {
        // Each expert leans high or low; a third of the items get a wide spread.
        const items = rubric.items.map((i, k) => {
          const wide = (k + e + a) % 3 === 0;
          const step = Math.round((r() - 0.5) * (wide ? 8 : 2));
          const value = Math.max(0, Math.min(100, base + 5 * step + (e % 2 ? 5 : 0)));
          return { code: i.code, points: i.points, value };
        });
        const total = sum(items.map((i) => exact(i.points).mul(i.value).div(100)));
        const expert = names[e + (stage === "onsite" ? 2 : 0)];
        out.push({
          file: `回收/${applicant}_${stage}_${expert}.xlsx`,
          rubricId: ORG,
          applicant,
          expert,
          stage,
          savedAt: "2026-06-01T10:00:00.000Z",
          total,
          complete: true,
          items,
          vetoes: [],
          conflictDeclared: false,
          bonusConfirmed: [],
          blocking: [],
        });
      }
    }
  }
  return out;
}
