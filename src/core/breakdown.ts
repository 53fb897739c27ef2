// A stage's score broken down by category and item, for the review reports (材料评审报告 / 现场评审报告) and the
// committee pack: from the consensus workbook when the stage was scored by consensus, else the mean of the counted
// experts' item scores (the panel method decides the stage score; the breakdown is the panel's average profile).
import { exact, sum, ZERO, type Exact } from "./exact";
import type { ConsensusSheet } from "./consensus";
import { sheetsOfFiles, type ReturnedSheet, type StageResult } from "./aggregate";
import { scoreSheet } from "./score";
import { panelDiagnostics } from "./panel-stats";
import type { Rubric, Scale } from "./types";

export interface ItemBreakdown {
  code: string;
  name: string;
  category: string;
  points: number;
  /** The agreed maturity (percent), the panel's mean maturity, or (points rubrics) the agreed or mean points. */
  value: number | null;
  /** Band of the value (maturity rubrics): the highest band whose minimum the value reaches. */
  band: number | null;
  score: Exact | null;
}

export interface CategoryBreakdown {
  code: string;
  name: string;
  points: number;
  score: Exact;
}

export interface StageBreakdown {
  source: "consensus" | "mean";
  categories: CategoryBreakdown[];
  items: ItemBreakdown[];
}

function bandAt(scale: Scale, percent: number): number | null {
  let band: number | null = null;
  for (const b of [...scale.bands].sort((x, y) => x.min - y.min)) if (percent >= b.min) band = b.band;
  return band;
}

export function stageBreakdown(
  rubric: Rubric,
  scale: Scale,
  stage: StageResult,
  used: readonly ReturnedSheet[],
): StageBreakdown | null {
  const maturity = rubric.scoring === "maturity";
  const entriesOf = (values: Map<string, number | null>) => {
    const e: Record<string, string | number | null> = {};
    for (const [code, v] of values) e[code] = v === null ? null : maturity ? `${v}%` : v;
    return scoreSheet(rubric, scale, e);
  };
  const consensus: ConsensusSheet | null = stage.consensus;
  if (consensus) {
    const scored = entriesOf(new Map(consensus.items.map((i) => [i.code, i.value])));
    return {
      source: "consensus",
      categories: scored.categories.map((c) => ({ code: c.code, name: c.name, points: c.points, score: c.score })),
      items: rubric.items.map((item, k) => {
        const v = scored.items[k].status === "ok" ? scored.items[k].value : null;
        return {
          code: item.code,
          name: item.name,
          category: item.category,
          points: item.points,
          value: v,
          band: maturity && v !== null ? bandAt(scale, v) : null,
          score: scored.items[k].score,
        };
      }),
    };
  }
  const sheets = sheetsOfFiles(used, stage.files);
  if (!sheets.length) return null;
  const perExpert = sheets.map((s) => entriesOf(new Map(s.items.map((i) => [i.code, i.value]))));
  const n = exact(sheets.length);
  return {
    source: "mean",
    categories: rubric.categories.map((c) => ({
      code: c.code,
      name: c.name,
      points: c.points,
      score: sum(perExpert.map((p) => p.categories.find((x) => x.code === c.code)?.score ?? ZERO)).div(n),
    })),
    items: rubric.items.map((item, k) => {
      const values = perExpert.map((p) => p.items[k]).filter((i) => i.status === "ok" && i.value !== null);
      const mean = values.length ? values.reduce((a, i) => a + (i.value as number), 0) / values.length : null;
      const scores = values.map((i) => i.score as Exact);
      return {
        code: item.code,
        name: item.name,
        category: item.category,
        points: item.points,
        value: mean === null ? null : Number(mean.toFixed(6)),
        band: maturity && mean !== null ? bandAt(scale, mean) : null,
        score: scores.length ? sum(scores).div(scores.length) : null,
      };
    }),
  };
}

/** One expert across every panel counted: for the 评审专家评价表 (a diagnostic; the award fixes the averaging). */
export interface ExpertStats {
  expert: string;
  /** Workbooks counted in a panel. */
  returned: number;
  /** Panels of two or more experts the expert was in. */
  panels: number;
  /** Mean of (the expert's total − the panel's mean total), in points. */
  meanDeviation: number | null;
  /**
   * Mean z-score of the expert's total within each panel (panelDiagnostics: population standard deviation; panels
   * under 3 experts or with σ = 0 have none); null when no panel gave one.
   */
  meanZ: number | null;
  /** Divergent items (合议) in which the expert's value was the panel's lowest or highest. */
  divergentItems: number;
}

export function expertStats(
  used: readonly ReturnedSheet[],
  divergences: readonly { applicant: string; stage: string; values: { expert: string; value: number }[] }[],
  key: (name: string) => string,
): ExpertStats[] {
  const panels = new Map<string, ReturnedSheet[]>();
  for (const s of used) {
    const k = `${key(s.applicant)}\u0000${s.stage}`;
    panels.set(k, [...(panels.get(k) ?? []), s]);
  }
  const acc = new Map<string, { expert: string; returned: number; devs: number[]; zs: number[]; panels: number }>();
  const get = (name: string) => {
    const k = key(name);
    let a = acc.get(k);
    if (!a) acc.set(k, (a = { expert: name, returned: 0, devs: [], zs: [], panels: 0 }));
    return a;
  };
  for (const s of used) get(s.expert).returned++;
  for (const members of panels.values()) {
    if (members.length < 2) continue;
    const d = panelDiagnostics(members.map((m) => m.total));
    members.forEach((m, i) => {
      const a = get(m.expert);
      a.panels++;
      a.devs.push(m.total.sub(d.mean as Exact).valueOf());
      const z = d.z[i];
      if (z !== null) a.zs.push(z);
    });
  }
  const extremes = new Map<string, number>();
  for (const d of divergences) {
    const vs = d.values.map((v) => v.value);
    const lo = Math.min(...vs);
    const hi = Math.max(...vs);
    for (const v of d.values)
      if (v.value === lo || v.value === hi) extremes.set(key(v.expert), (extremes.get(key(v.expert)) ?? 0) + 1);
  }
  const avg = (xs: number[]) => (xs.length ? Number((xs.reduce((a, x) => a + x, 0) / xs.length).toFixed(6)) : null);
  return [...acc.entries()]
    .map(([k, a]) => ({
      expert: a.expert,
      returned: a.returned,
      panels: a.panels,
      meanDeviation: avg(a.devs),
      meanZ: avg(a.zs),
      divergentItems: extremes.get(k) ?? 0,
    }))
    .sort((x, y) => x.expert.localeCompare(y.expert, "zh"));
}
